import {
  compareDiagnostics,
  compareLocations,
  compareText,
  formatLocation,
  type Declaration,
  type Diagnostic,
  type Model,
  type Variable,
} from "./model.js";

/**
 * Merges the declarations of every file into the model: identical declarations
 * of a key become one variable; a key declared two different ways is an error
 * that names both places. Everything comes out sorted, whatever order the files
 * were scanned in.
 *
 * @example
 * ```ts
 * const model = buildModel(declarations, scanDiagnostics);
 * if (model.diagnostics.some((d) => d.severity === "error")) process.exitCode = 1;
 * ```
 */
export function buildModel(declarations: readonly Declaration[], diagnostics: readonly Diagnostic[]): Model {
  const byKey = new Map<string, Declaration[]>();
  for (const declaration of declarations) {
    const group = byKey.get(declaration.key);
    if (group) group.push(declaration);
    else byKey.set(declaration.key, [declaration]);
  }

  const found: Diagnostic[] = [...diagnostics];
  const variables: Variable[] = [];
  for (const key of [...byKey.keys()].sort(compareText)) {
    const group = [...byKey.get(key)!].sort(compareLocations);
    const first = group[0]!;
    for (const other of group.slice(1)) {
      if (identity(other) !== identity(first)) found.push(conflict(first, other));
    }
    const variable = toVariable(first, group.filter((d) => identity(d) === identity(first)));
    variables.push(variable);
    const lossy = variable.instance === undefined ? group.find((d) => d.unreadOptions.length > 0) : undefined;
    if (lossy) found.push(optionsNotCarried(lossy));
  }
  return { variables, diagnostics: found.sort(compareDiagnostics) };
}

/** What must be equal for two declarations to be the same variable; the export name and place may differ. */
function identity(declaration: Declaration): string {
  const { app, stage, region, tier } = declaration.options;
  return JSON.stringify([declaration.kind, declaration.form, encryptedOf(declaration), app, stage, region, tier, declaration.unreadOptions]);
}

function encryptedOf(declaration: Declaration): boolean {
  return declaration.kind === "secret" || declaration.options.encrypted === true;
}

function toVariable(first: Declaration, declarations: Declaration[]): Variable {
  const { app, stage, region, tier } = first.options;
  const variable: Variable = { key: first.key, kind: first.kind, form: first.form, encrypted: encryptedOf(first), declarations };
  if (app !== undefined) variable.app = app;
  if (stage !== undefined) variable.stage = stage;
  if (region !== undefined) variable.region = region;
  if (tier !== undefined && first.kind === "parameter") variable.tier = tier;
  if (first.form === "fromName") variable.fullName = first.key;
  else if (app !== undefined && stage !== undefined) variable.fullName = `${app}-${stage}-${first.key}`;
  // The first exported instance in file order is the one source of truth the registry points at.
  const exported = declarations.find((d) => d.exportName !== undefined);
  if (exported) variable.instance = { file: exported.file, exportName: exported.exportName! };
  return variable;
}

function conflict(first: Declaration, other: Declaration): Diagnostic {
  return {
    severity: "error",
    code: "conflict",
    file: other.file,
    line: other.line,
    related: [{ file: first.file, line: first.line }],
    message:
      `${formatLocation(other)}: "${other.key}" is declared as ${describe(other)} here, ` +
      `but as ${describe(first)} at ${formatLocation(first)}; one key must mean one variable (rename one, or make them identical)`,
  };
}

function optionsNotCarried(declaration: Declaration): Diagnostic {
  const options = declaration.unreadOptions.map((o) => (o === "…" ? "a spread or computed options object" : o)).join(", ");
  return {
    severity: "warning",
    code: "options-not-carried",
    file: declaration.file,
    line: declaration.line,
    message:
      `${formatLocation(declaration)}: "${declaration.key}" has options codegen cannot read (${options}), ` +
      `so the registry's copy goes without them; export this declaration and the registry will use it instead`,
  };
}

/** `a Secret`, `a Parameter from fromName with encrypted: true, app: "billing"`. */
function describe(declaration: Declaration): string {
  const kind = declaration.kind === "secret" ? "a Secret" : "a Parameter";
  const parts: string[] = [];
  const { app, stage, region, tier } = declaration.options;
  if (declaration.kind === "parameter") parts.push(`encrypted: ${encryptedOf(declaration)}`);
  if (app !== undefined) parts.push(`app: ${JSON.stringify(app)}`);
  if (stage !== undefined) parts.push(`stage: ${JSON.stringify(stage)}`);
  if (region !== undefined) parts.push(`region: ${JSON.stringify(region)}`);
  if (tier !== undefined) parts.push(`tier: ${JSON.stringify(tier)}`);
  if (declaration.unreadOptions.length > 0) parts.push(`options codegen cannot read (${declaration.unreadOptions.join(", ")})`);
  const form = declaration.form === "fromName" ? " by full name (fromName)" : "";
  return parts.length === 0 ? `${kind}${form}` : `${kind}${form} with ${parts.join(", ")}`;
}
