import { resolve } from "node:path";
import { isPropertyIdentifier } from "../codegen/identifiers.js";
import { compareText, type Model, type Variable } from "../codegen/model.js";
import { joinPosix, relativePosix } from "../codegen/paths.js";
import { describe, equivalentInstance, uniqueLocal, type RenderedFile } from "../codegen/render.js";
import { summarizeModel } from "../codegen/run.js";
import { scanWithStats } from "../codegen/scan.js";
import { loadTemplates, type Templates } from "../codegen/templates.js";
import { writeRendered, type FileOutcome } from "../codegen/write.js";
import type { Diagnostic } from "../codegen/model.js";

/** Where `secrets pulumi:generate` writes by default, relative to the project root (PRD 5.3.1). */
export const DEFAULT_PULUMI_OUT_DIR = "infra/secrets";

/** Days a deleted placeholder secret stays restorable; Secrets Manager's own default. */
export const PLACEHOLDER_RECOVERY_WINDOW_DAYS = 30;

/** Names the generated modules declare, which no variable binding may take. */
const RESERVED = new Set([
  "aws",
  "pulumi",
  "declared",
  "senvar",
  "variables",
  "resources",
  "keepSeededValue",
  "PLACEHOLDER_VALUE",
  "Secret",
  "Parameter",
  "variable",
  "setting",
  "fromStack",
  "iamPolicy",
  "policyArns",
  "runtimeReadPolicy",
  "adminPolicy",
  "arns",
]);

/**
 * Renders `variables.ts` and `resources.ts` for the model. Pure: the same
 * model always gives the same bytes, and it touches no disk.
 *
 * @example
 * ```ts
 * const files = renderPulumi(model, { outDir: "infra/secrets" }, await loadTemplates());
 * // [{ path: "infra/secrets/variables.ts", … }, { path: "infra/secrets/resources.ts", … }]
 * ```
 */
export function renderPulumi(model: Model, layout: { outDir: string }, templates: Templates): RenderedFile[] {
  const taken = new Set(RESERVED);
  const variables = model.variables.map((variable) => ({
    variable,
    key: variable.key,
    binding: uniqueLocal(variable.key, taken),
    property: isPropertyIdentifier(variable.key) ? variable.key : JSON.stringify(variable.key),
  })).map((v) => ({ ...v, entry: v.property === v.binding ? v.binding : `${v.property}: ${v.binding}` }));

  const regions = [...new Set(model.variables.flatMap((v) => (v.region ? [v.region] : [])))].sort(compareText);
  const providers = regions.map((region) => ({ region, logicalName: `senvar-${region}`, binding: uniqueLocal(`provider_${region.replace(/-/g, "_")}`, taken) }));
  const providerFor = (v: Variable) => providers.find((p) => p.region === v.region)?.binding;

  const sdkImports = [...new Set(model.variables.map((v) => (v.kind === "secret" ? "Secret" : "Parameter")))].sort(compareText);
  const variablesFile = templates.pulumiVariables({
    sdkImports: sdkImports.join(", ") || "Secret",
    variables: variables.map((v) => ({ ...v, description: describe(v.variable), instance: equivalentInstance(v.variable) })),
  });

  const resource = (v: (typeof variables)[number]) => ({
    key: v.key,
    binding: v.binding,
    property: v.property,
    logicalName: v.key,
    provider: providerFor(v.variable),
  });
  const resourcesFile = templates.pulumiResources({
    providers,
    secrets: variables.filter((v) => v.variable.kind === "secret").map((v) => ({ ...resource(v), recoveryWindowInDays: PLACEHOLDER_RECOVERY_WINDOW_DAYS })),
    parameters: variables
      .filter((v) => v.variable.kind === "parameter")
      .map((v) => ({ ...resource(v), type: v.variable.encrypted ? "SecureString" : "String", encrypted: v.variable.encrypted, tier: v.variable.tier })),
    all: variables,
    // The IAM documents take the placeholders' real ARNs, known at deploy time.
    policyArns: {
      parameters: arnList(variables.filter((v) => v.variable.kind === "parameter" && !v.variable.encrypted)),
      secureParameters: arnList(variables.filter((v) => v.variable.kind === "parameter" && v.variable.encrypted)),
      secrets: arnList(variables.filter((v) => v.variable.kind === "secret")),
    },
  });

  return [
    { path: joinPosix(layout.outDir, "variables.ts"), contents: variablesFile, ownership: "generated" },
    { path: joinPosix(layout.outDir, "resources.ts"), contents: resourcesFile, ownership: "generated" },
  ];
}

/** `[a.arn, b.arn]`: a TypeScript array of the resources' ARN outputs. */
function arnList(resources: readonly { binding: string }[]): string {
  return `[${resources.map((r) => `${r.binding}.arn`).join(", ")}]`;
}

/** Options of {@link runPulumiGenerate}. */
export interface PulumiGenerateOptions {
  root: string;
  include?: string[] | undefined;
  exclude?: string[] | undefined;
  /** The codegen registry's folder, never scanned. */
  codegenOutDir?: string | undefined;
  /** Where to write; default `infra/secrets`. */
  outDir?: string | undefined;
  /** Write nothing; report files that would change as `stale`. */
  check?: boolean | undefined;
}

/** What a pulumi:generate run did. */
export interface PulumiGenerateResult {
  files: FileOutcome[];
  warnings: Diagnostic[];
  errors: Diagnostic[];
  counts: { secret: number; parameter: number };
}

/**
 * `secrets pulumi:generate`: the codegen scan, then {@link renderPulumi}, then
 * the codegen writer. With errors in the scan, nothing is written.
 *
 * @example
 * ```ts
 * const result = await runPulumiGenerate({ root: "examples/billing", outDir: "infra/secrets" });
 * ```
 */
export async function runPulumiGenerate(options: PulumiGenerateOptions): Promise<PulumiGenerateResult> {
  const root = resolve(options.root);
  const outDir = relativePosix(root, resolve(root, options.outDir ?? DEFAULT_PULUMI_OUT_DIR));
  const { model } = await scanWithStats({ root, include: options.include, exclude: options.exclude, outDir: options.codegenOutDir, saveCache: options.check !== true });
  const { warnings, errors, counts } = summarizeModel(model);
  if (errors.length > 0) return { files: [], warnings, errors, counts };
  const files = await writeRendered(root, renderPulumi(model, { outDir }, await loadTemplates()), { check: options.check === true });
  return { files, warnings, errors, counts };
}
