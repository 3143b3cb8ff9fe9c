import { resolve } from "node:path";
import type { PolicyScope } from "./iam.js";
import type { Diagnostic, Model } from "./model.js";
import { relativePosix } from "./paths.js";
import { renderCodegen, type OutputLayout } from "./render.js";
import { scanWithStats, type ScanStats } from "./scan.js";
import { loadTemplates } from "./templates.js";
import { writeRendered, type FileOutcome } from "./write.js";

/**
 * How to run codegen. Relative paths resolve against `root`, which itself resolves against the cwd.
 * @example
 * ```ts
 * const options: CodegenOptions = { root: ".", outDir: "generated", check: true };
 * ```
 */
export interface CodegenOptions {
  /** The project to scan. */
  root: string;
  /** Globs relative to the root; default: every .ts, .tsx, .mts and .cts file. */
  include?: string[] | undefined;
  /** Globs relative to the root to leave out (node_modules, dist, build and the output folder always are). */
  exclude?: string[] | undefined;
  /** The registry's folder; default `generated`. */
  outDir?: string | undefined;
  /** The rotation stubs' folder; default `secrets/rotation`. */
  rotationDir?: string | undefined;
  /** Write nothing; report every file that would change as `stale` (the CI guard). */
  check?: boolean | undefined;
  /** Use the content-hash scan cache in `<root>/node_modules/.cache/senvar` (default true). */
  cache?: boolean | undefined;
  /** App, stage and region for the IAM policies' ARNs (the CLI passes the project config's); unknown ones become policy variables or `*`. */
  policy?: PolicyScope | undefined;
}

/**
 * What a codegen run found and did. Paths are posix and relative to the root.
 * @example
 * ```ts
 * const result: CodegenResult = await runCodegen({ root: "." });
 * if (result.errors.length > 0 || result.files.some((f) => f.status === "stale")) process.exitCode = 1;
 * ```
 */
export interface CodegenResult {
  model: Model;
  /** Every file codegen owns or seeds; empty when there are errors, because then nothing is written. */
  files: FileOutcome[];
  warnings: Diagnostic[];
  errors: Diagnostic[];
  counts: { secret: number; parameter: number };
  /** How much of the project was listed, parsed or answered from the cache. */
  stats: ScanStats;
}

/**
 * Runs the pipeline: scan → model → render → write. When the scan reports an
 * error (a conflicting duplicate, an invalid name) it writes nothing and
 * returns the errors; in check mode it never writes.
 *
 * @example
 * ```ts
 * const result = await runCodegen({ root: process.cwd(), check: true });
 * console.log(formatSummary(result));
 * process.exitCode = result.errors.length > 0 || result.files.some((f) => f.status === "stale") ? 1 : 0;
 * ```
 */
export async function runCodegen(options: CodegenOptions): Promise<CodegenResult> {
  return runPipeline(options, {});
}

/**
 * {@link runCodegen} with hooks for the watcher: `beforeWrite` hears of each
 * path (relative to the root) just before it is written.
 * @example
 * ```ts
 * const written: string[] = [];
 * await runPipeline({ root }, { beforeWrite: (path) => written.push(path) });
 * ```
 */
export async function runPipeline(options: CodegenOptions, hooks: { beforeWrite?: (path: string) => void }): Promise<CodegenResult> {
  const root = resolve(options.root);
  const layout = outputLayout(root, options);
  const { model, stats } = await scanWithStats({
    root,
    include: options.include,
    exclude: options.exclude,
    outDir: options.outDir,
    cache: options.cache,
    saveCache: options.check !== true,
  });
  const { warnings, errors, counts } = summarizeModel(model);
  if (errors.length > 0) return { model, files: [], warnings, errors, counts, stats };
  const rendered = renderCodegen(model, layout, await loadTemplates(), options.policy);
  const files = await writeRendered(root, rendered, { check: options.check === true, beforeWrite: hooks.beforeWrite });
  return { model, files, warnings, errors, counts, stats };
}

/**
 * A model's diagnostics split by severity, and its variables counted by kind:
 * what every generator reports.
 * @example
 * ```ts
 * const { errors, counts } = summarizeModel(model);
 * if (errors.length === 0) console.log(`${counts.secret} secrets`);
 * ```
 */
export function summarizeModel(model: Model): { warnings: Diagnostic[]; errors: Diagnostic[]; counts: { secret: number; parameter: number } } {
  return {
    warnings: model.diagnostics.filter((d) => d.severity === "warning"),
    errors: model.diagnostics.filter((d) => d.severity === "error"),
    counts: {
      secret: model.variables.filter((v) => v.kind === "secret").length,
      parameter: model.variables.filter((v) => v.kind === "parameter").length,
    },
  };
}

/**
 * The output folders of a run, posix and relative to the root.
 * @example
 * ```ts
 * outputLayout("/repo/examples/billing", { outDir: "../../generated" });
 * // { outDir: "../../generated", rotationDir: "secrets/rotation", rootFromOutDir: "../examples/billing" }
 * ```
 */
export function outputLayout(root: string, options: Pick<CodegenOptions, "outDir" | "rotationDir">): OutputLayout {
  const outDir = resolve(root, options.outDir ?? "generated");
  return {
    outDir: relativePosix(root, outDir),
    rotationDir: relativePosix(root, resolve(root, options.rotationDir ?? "secrets/rotation")),
    rootFromOutDir: relativePosix(outDir, root),
  };
}
