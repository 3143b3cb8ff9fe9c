import type { ts } from "ts-morph";
import { NAME_PART_PATTERN, validateFullName } from "../runtime/naming.js";
import type { Declaration, DeclarationForm, DeclaredOptions, DeclaredTier, Diagnostic, VariableKind } from "./model.js";

/**
 * The TypeScript compiler API, as ts-morph ships it. Passed in so this module never loads it itself.
 * @example
 * ```ts
 * const api: TypeScriptApi = (await import("ts-morph")).ts;
 * ```
 */
export type TypeScriptApi = typeof ts;

/** The module whose exports count as declarations. */
export const PACKAGE_NAME = "@senvar/secrets";

/**
 * What one file declares. Plain data, so it can be cached by content hash.
 * @example
 * ```ts
 * const result: FileScan = { declarations: [], diagnostics: [] };
 * ```
 */
export interface FileScan {
  declarations: Declaration[];
  diagnostics: Diagnostic[];
}

type Export = "Secret" | "Parameter" | "defineSecret" | "defineParameter";
const EXPORTS: ReadonlySet<string> = new Set<Export>(["Secret", "Parameter", "defineSecret", "defineParameter"]);
const TIERS: ReadonlySet<string> = new Set<DeclaredTier>(["Standard", "Advanced", "Intelligent-Tiering"]);
const STRING_OPTIONS = ["app", "stage", "region"] as const;

/** How a file refers to the package: `import { Secret as S }` maps S → Secret; `import * as senvar` adds senvar. */
interface PackageBindings {
  named: Map<string, Export>;
  namespaces: Set<string>;
}

/** A call that declares a variable, before its arguments are read. */
interface Candidate {
  node: ts.NewExpression | ts.CallExpression;
  kind: VariableKind;
  form: DeclarationForm;
  /** How the source spells the callee, for messages: `new S(…)`, `senvar.defineSecret(…)`. */
  callee: string;
}

/**
 * Finds the declarations in one file's text, syntactically: only names that
 * the file imports from `@senvar/secrets` count (named, aliased or namespace
 * imports), so an app's own `class Secret` does not.
 *
 * @param file The path relative to the scanned root, posix; it goes into every record.
 * @example
 * ```ts
 * const { ts } = await import("ts-morph");
 * const { declarations } = scanFileText(ts, "secrets/variables.ts", 'import { Secret } from "@senvar/secrets";\nexport const a = new Secret("a");\n');
 * // [{ key: "a", kind: "secret", form: "new", exportName: "a", line: 2, … }]
 * ```
 */
export function scanFileText(api: TypeScriptApi, file: string, text: string): FileScan {
  const source = api.createSourceFile(file, text, api.ScriptTarget.Latest, true, scriptKindOf(api, file));
  const bindings = packageBindings(api, source);
  if (bindings.named.size === 0 && bindings.namespaces.size === 0) return { declarations: [], diagnostics: [] };

  const constants = new Map<string, ts.Expression | null>();
  const candidates: Candidate[] = [];
  const visit = (node: ts.Node): void => {
    if (api.isVariableDeclaration(node)) recordConstant(api, node, constants);
    const candidate = candidateOf(api, node, bindings);
    if (candidate) candidates.push(candidate);
    api.forEachChild(node, visit);
  };
  visit(source);

  const exportedAs = localExports(api, source);
  const scan: FileScan = { declarations: [], diagnostics: [] };
  for (const candidate of candidates) {
    const line = source.getLineAndCharacterOfPosition(candidate.node.getStart(source)).line + 1;
    const at = `${file}:${line}`;
    const keyArgument = candidate.node.arguments?.[0];
    const key = keyArgument === undefined ? undefined : resolveString(api, keyArgument, constants);
    if (key === undefined) {
      scan.diagnostics.push({
        severity: "warning",
        code: "dynamic-name",
        file,
        line,
        message: `${at}: the name given to ${candidate.callee}(…) is not a string literal, a plain template literal or a const initialised with one, so codegen cannot know it; skipped`,
      });
      continue;
    }
    const invalid = invalidName(candidate, key);
    if (invalid) {
      scan.diagnostics.push({ severity: "error", code: "invalid-name", file, line, message: `${at}: ${invalid}` });
      continue;
    }
    const { options, unreadOptions, problems } = readOptions(api, candidate, constants);
    for (const problem of problems) scan.diagnostics.push({ severity: "error", code: "invalid-name", file, line, message: `${at}: ${problem}` });
    const declaration: Declaration = { key, kind: candidate.kind, form: candidate.form, options, unreadOptions, file, line };
    const exportName = exportNameOf(api, candidate.node, exportedAs);
    if (exportName !== undefined) declaration.exportName = exportName;
    scan.declarations.push(declaration);
  }
  return scan;
}

function scriptKindOf(api: TypeScriptApi, file: string): ts.ScriptKind {
  return file.endsWith(".tsx") ? api.ScriptKind.TSX : api.ScriptKind.TS;
}

function packageBindings(api: TypeScriptApi, source: ts.SourceFile): PackageBindings {
  const bindings: PackageBindings = { named: new Map(), namespaces: new Set() };
  for (const statement of source.statements) {
    if (api.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!isPackage(api, statement.moduleSpecifier) || !clause || clause.isTypeOnly || !clause.namedBindings) continue;
      if (api.isNamespaceImport(clause.namedBindings)) {
        bindings.namespaces.add(clause.namedBindings.name.text);
        continue;
      }
      for (const element of clause.namedBindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        if (!element.isTypeOnly && EXPORTS.has(imported)) bindings.named.set(element.name.text, imported as Export);
      }
    } else if (api.isImportEqualsDeclaration(statement) && !statement.isTypeOnly) {
      // import senvar = require("@senvar/secrets") in a .cts file: a namespace by another spelling.
      const reference = statement.moduleReference;
      if (api.isExternalModuleReference(reference) && isPackage(api, reference.expression)) bindings.namespaces.add(statement.name.text);
    }
  }
  return bindings;
}

function isPackage(api: TypeScriptApi, specifier: ts.Expression): boolean {
  return api.isStringLiteral(specifier) && specifier.text === PACKAGE_NAME;
}

/** Which package export an expression names: `S` (aliased), `Secret`, or `senvar.Secret`. */
function packageExportOf(api: TypeScriptApi, expression: ts.Expression, bindings: PackageBindings): Export | undefined {
  if (api.isIdentifier(expression)) return bindings.named.get(expression.text);
  if (api.isPropertyAccessExpression(expression) && api.isIdentifier(expression.expression) && bindings.namespaces.has(expression.expression.text)) {
    const name = expression.name.text;
    return EXPORTS.has(name) ? (name as Export) : undefined;
  }
  return undefined;
}

function candidateOf(api: TypeScriptApi, node: ts.Node, bindings: PackageBindings): Candidate | undefined {
  if (api.isNewExpression(node)) {
    const target = packageExportOf(api, node.expression, bindings);
    if (target === "Secret" || target === "Parameter") {
      return { node, kind: target === "Secret" ? "secret" : "parameter", form: "new", callee: `new ${node.expression.getText()}` };
    }
    return undefined;
  }
  if (!api.isCallExpression(node)) return undefined;
  const callee = node.expression;
  const target = packageExportOf(api, callee, bindings);
  if (target === "defineSecret" || target === "defineParameter") {
    return { node, kind: target === "defineSecret" ? "secret" : "parameter", form: "define", callee: callee.getText() };
  }
  if (api.isPropertyAccessExpression(callee) && callee.name.text === "fromName") {
    const owner = packageExportOf(api, callee.expression, bindings);
    if (owner === "Secret" || owner === "Parameter") {
      return { node, kind: owner === "Secret" ? "secret" : "parameter", form: "fromName", callee: callee.getText() };
    }
  }
  return undefined;
}

/** Remembers `const NAME = <expr>` so a key given as NAME can be resolved; a name bound twice is ambiguous (null). */
function recordConstant(api: TypeScriptApi, node: ts.VariableDeclaration, constants: Map<string, ts.Expression | null>): void {
  if (!api.isIdentifier(node.name) || !node.initializer) return;
  const list = node.parent;
  if (!api.isVariableDeclarationList(list) || (list.flags & api.NodeFlags.Const) === 0) return;
  const name = node.name.text;
  constants.set(name, constants.has(name) ? null : node.initializer);
}

/** A string literal, a template literal without substitutions, or a const (in this file) bound to one. */
function resolveString(api: TypeScriptApi, node: ts.Expression, constants: Map<string, ts.Expression | null>, depth = 0): string | undefined {
  const expression = unwrap(api, node);
  if (api.isStringLiteral(expression) || api.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (api.isIdentifier(expression) && depth < 8) {
    const bound = constants.get(expression.text);
    return bound ? resolveString(api, bound, constants, depth + 1) : undefined;
  }
  return undefined;
}

/** Looks through `(x)`, `x as const`, `x satisfies T`, `x!` and `<T>x`, which do not change the value. */
function unwrap(api: TypeScriptApi, node: ts.Expression): ts.Expression {
  let current = node;
  while (
    api.isParenthesizedExpression(current) ||
    api.isAsExpression(current) ||
    api.isSatisfiesExpression(current) ||
    api.isNonNullExpression(current) ||
    api.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function invalidName(candidate: Candidate, key: string): string | undefined {
  const label = candidate.kind === "secret" ? "Secret" : "Parameter";
  if (candidate.form === "fromName") {
    try {
      validateFullName(key, candidate.kind === "secret" ? "secretsmanager" : "ssm");
      return undefined;
    } catch (error) {
      return `${candidate.callee}(${JSON.stringify(key)}) would be rejected at runtime: ${(error as Error).message}`;
    }
  }
  if (NAME_PART_PATTERN.test(key)) return undefined;
  return `the ${label} key ${JSON.stringify(key)} would be rejected at runtime: a key may only contain A-Z a-z 0-9 _ . -`;
}

interface ReadOptions {
  options: DeclaredOptions;
  unreadOptions: string[];
  problems: string[];
}

/** Reads the options object as far as it is literal: app, stage, region; for a Parameter also encrypted and tier. */
function readOptions(api: TypeScriptApi, candidate: Candidate, constants: Map<string, ts.Expression | null>): ReadOptions {
  const result: ReadOptions = { options: {}, unreadOptions: [], problems: [] };
  const argument = candidate.node.arguments?.[1];
  if (argument === undefined) return result;
  const object = unwrap(api, argument);
  if (object.kind === api.SyntaxKind.UndefinedKeyword || (api.isIdentifier(object) && object.text === "undefined")) return result;
  if (!api.isObjectLiteralExpression(object)) {
    result.unreadOptions.push("…");
    return result;
  }
  const unread = new Set<string>();
  for (const property of object.properties) {
    const name = property.name ? propertyName(api, property.name) : undefined;
    if (name === undefined) {
      unread.add("…");
      continue;
    }
    const value = api.isPropertyAssignment(property) ? property.initializer : api.isShorthandPropertyAssignment(property) ? property.name : undefined;
    if (value === undefined) {
      unread.add(name);
      continue;
    }
    if ((STRING_OPTIONS as readonly string[]).includes(name)) {
      const text = resolveString(api, value, constants);
      if (text === undefined) unread.add(name);
      else if ((name === "app" || name === "stage") && !NAME_PART_PATTERN.test(text)) {
        result.problems.push(`the ${name} ${JSON.stringify(text)} would be rejected at runtime: it may only contain A-Z a-z 0-9 _ . -`);
      } else result.options[name as (typeof STRING_OPTIONS)[number]] = text;
    } else if (name === "encrypted" && candidate.kind === "parameter") {
      const literal = unwrap(api, value);
      if (literal.kind === api.SyntaxKind.TrueKeyword) result.options.encrypted = true;
      else if (literal.kind !== api.SyntaxKind.FalseKeyword) unread.add(name);
    } else if (name === "tier" && candidate.kind === "parameter") {
      const text = resolveString(api, value, constants);
      if (text !== undefined && TIERS.has(text)) result.options.tier = text as DeclaredTier;
      else unread.add(name);
    } else {
      // profile, endpoint, credentials…: deployment settings the registry does not copy.
      unread.add(name);
    }
  }
  result.unreadOptions = [...unread].sort();
  return result;
}

function propertyName(api: TypeScriptApi, name: ts.PropertyName): string | undefined {
  if (api.isIdentifier(name) || api.isStringLiteral(name) || api.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** `export { local as exported }` and `export default local`, for consts declared without `export`. */
function localExports(api: TypeScriptApi, source: ts.SourceFile): Map<string, string> {
  const exported = new Map<string, string>();
  for (const statement of source.statements) {
    if (api.isExportDeclaration(statement) && !statement.moduleSpecifier && !statement.isTypeOnly && statement.exportClause && api.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        if (element.isTypeOnly) continue;
        const local = (element.propertyName ?? element.name).text;
        const name = element.name.text;
        // Prefer a real name over "default" when a const is exported both ways.
        if (!exported.has(local) || exported.get(local) === "default") exported.set(local, name);
      }
    } else if (api.isExportAssignment(statement) && !statement.isExportEquals && api.isIdentifier(statement.expression)) {
      if (!exported.has(statement.expression.text)) exported.set(statement.expression.text, "default");
    }
  }
  return exported;
}

/**
 * The exported name of the instance a call creates: only when the call is the
 * whole initialiser of a top-level `const` that the file exports, or a
 * `export default` expression, so the registry can import that very object.
 */
function exportNameOf(api: TypeScriptApi, node: ts.Expression, exportedAs: Map<string, string>): string | undefined {
  let current: ts.Node = node;
  while (
    current.parent &&
    (api.isParenthesizedExpression(current.parent) ||
      api.isAsExpression(current.parent) ||
      api.isSatisfiesExpression(current.parent) ||
      api.isNonNullExpression(current.parent) ||
      api.isTypeAssertionExpression(current.parent))
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (!parent) return undefined;
  if (api.isExportAssignment(parent) && !parent.isExportEquals) return "default";
  if (!api.isVariableDeclaration(parent) || parent.initializer !== current || !api.isIdentifier(parent.name)) return undefined;
  const list = parent.parent;
  const statement = list.parent;
  if (!api.isVariableDeclarationList(list) || (list.flags & api.NodeFlags.Const) === 0) return undefined;
  if (!api.isVariableStatement(statement) || !api.isSourceFile(statement.parent)) return undefined;
  const exported = statement.modifiers?.some((m) => m.kind === api.SyntaxKind.ExportKeyword) ?? false;
  if (exported) return parent.name.text;
  return exportedAs.get(parent.name.text);
}
