/**
 * The data that flows from scan to render: plain, JSON-safe objects with no
 * ts-morph nodes, so they can be cached, compared and rendered deterministically.
 * @packageDocumentation
 */
import type { ManifestVariable } from "./manifest.js";

/**
 * What a variable is: a `Secret` (Secrets Manager) or a `Parameter` (SSM).
 * @example
 * ```ts
 * const kind: VariableKind = "secret";
 * ```
 */
export type VariableKind = "secret" | "parameter";

/**
 * The SSM tiers a `tier` option may name.
 * @example
 * ```ts
 * const tier: DeclaredTier = "Advanced";
 * ```
 */
export type DeclaredTier = "Standard" | "Advanced" | "Intelligent-Tiering";

/**
 * How a declaration was written: `new Secret(…)`, `defineSecret(…)` or `Secret.fromName(…)`.
 * `fromName` names the variable by its full name, so its key is that full name.
 * @example
 * ```ts
 * const form: DeclarationForm = "fromName";
 * ```
 */
export type DeclarationForm = "new" | "define" | "fromName";

/**
 * A place in the scanned project: a posix path relative to the root, and a 1-based line.
 * @example
 * ```ts
 * const at: SourceLocation = { file: "secrets/variables.ts", line: 3 };
 * ```
 */
export interface SourceLocation {
  file: string;
  line: number;
}

/**
 * The options of a declaration that the scanner could read as literals.
 * @example
 * ```ts
 * const options: DeclaredOptions = { app: "billing", stage: "prod", encrypted: true };
 * ```
 */
export interface DeclaredOptions {
  app?: string;
  stage?: string;
  region?: string;
  /** Parameters only: a SecureString. */
  encrypted?: boolean;
  /** Parameters only. */
  tier?: DeclaredTier;
}

/**
 * One declaration, as written at one place in the project.
 * @example
 * ```ts
 * // export const dbPassword = new Secret("dbPassword", { app: "billing" });   (secrets/variables.ts, line 3)
 * const declaration: Declaration = {
 *   key: "dbPassword", kind: "secret", form: "new", options: { app: "billing" }, unreadOptions: [],
 *   exportName: "dbPassword", file: "secrets/variables.ts", line: 3,
 * };
 * ```
 */
export interface Declaration extends SourceLocation {
  /** The variable key (for `fromName`, the full name given). */
  key: string;
  kind: VariableKind;
  form: DeclarationForm;
  options: DeclaredOptions;
  /**
   * Options present in the source that could not be read as literals (or are
   * not carried into the registry, such as `endpoint`), sorted; `"…"` stands
   * for a spread or an options argument that is not an object literal.
   */
  unreadOptions: string[];
  /** The name under which the file exports this very instance (`"default"` for a default export). */
  exportName?: string;
}

/**
 * A problem found while scanning. Errors stop codegen; warnings do not.
 * @example
 * ```ts
 * const warning: Diagnostic = {
 *   severity: "warning", code: "dynamic-name", file: "src/app.ts", line: 12,
 *   message: "src/app.ts:12: the key of new Secret(…) is not a string literal or a const initialised with one; skipped",
 * };
 * ```
 */
export interface Diagnostic extends SourceLocation {
  severity: "warning" | "error";
  /** A stable identifier of the kind of problem. */
  code: DiagnosticCode;
  /** A sentence that starts with `file:line` and names every place involved. */
  message: string;
  /** Other places the diagnostic is about (the first declaration of a conflicting key). */
  related?: SourceLocation[];
}

/**
 * The kinds of diagnostic the pipeline reports.
 * @example
 * ```ts
 * const code: DiagnosticCode = "conflict";
 * ```
 */
export type DiagnosticCode =
  /** A name that is not a literal or a const of one: warning, the declaration is skipped. */
  | "dynamic-name"
  /** A key, app or stage the runtime would reject: error. */
  | "invalid-name"
  /** One key declared two different ways: error naming both places. */
  | "conflict"
  /** A declaration the registry must copy, with options it cannot read: warning. */
  | "options-not-carried";

/**
 * A variable of the project: every identical declaration of one key, merged.
 * What it says about its name and backend is exactly a manifest entry; the
 * rest is where it came from.
 * @example
 * ```ts
 * const variable: Variable = {
 *   key: "featureFlag", kind: "parameter", form: "new", encrypted: false, app: "billing",
 *   instance: { file: "secrets/variables.ts", exportName: "featureFlag" },
 *   declarations: [],
 * };
 * ```
 */
export interface Variable extends ManifestVariable {
  form: DeclarationForm;
  /** The project's own exported instance, which the registry re-exports. */
  instance?: { file: string; exportName: string };
  /** Every place the variable is declared, sorted by file and line. */
  declarations: Declaration[];
}

/**
 * The result of a scan: variables sorted by key, diagnostics sorted by place.
 * @example
 * ```ts
 * const model: Model = { variables: [], diagnostics: [] };
 * ```
 */
export interface Model {
  variables: Variable[];
  diagnostics: Diagnostic[];
}

/**
 * Orders strings by UTF-16 code units, never by locale, so output is the same on every machine.
 * @example
 * ```ts
 * ["b", "B", "a"].sort(compareText); // ["B", "a", "b"]
 * ```
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders places by file, then line.
 * @example
 * ```ts
 * locations.sort(compareLocations);
 * ```
 */
export function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareText(a.file, b.file) || a.line - b.line;
}

/**
 * Orders diagnostics by place, then severity (errors first), then message.
 * @example
 * ```ts
 * diagnostics.sort(compareDiagnostics);
 * ```
 */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareLocations(a, b) || compareText(a.severity, b.severity) || compareText(a.message, b.message);
}

/**
 * `file:line`, as diagnostics and summaries print a place.
 * @example
 * ```ts
 * formatLocation({ file: "src/app.ts", line: 4 }); // "src/app.ts:4"
 * ```
 */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}
