import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { DEFAULT_OUT_DIR } from "../declarations.js";
import { CliError } from "../errors.js";

/** Flags of `secrets pulumi:generate`. */
export interface PulumiGenerateFlags extends CommonFlags {
  check?: boolean;
  "out-dir"?: string;
}

/**
 * `secrets pulumi:generate`: writes `infra/secrets/variables.ts` (the
 * declarations, with the SDK's API) and `resources.ts` (a placeholder per
 * variable) from the same scan as codegen. `--check` writes nothing and fails
 * when either is stale.
 */
export async function pulumiGenerate(flags: PulumiGenerateFlags, { ui, context }: CommandEnv): Promise<void> {
  const { runPulumiGenerate, DEFAULT_PULUMI_OUT_DIR } = await import("../../pulumi/generator.js");
  const outDir = flags["out-dir"] ?? context.config.pulumiOutDir ?? DEFAULT_PULUMI_OUT_DIR;
  const result = await runPulumiGenerate({
    root: context.root,
    outDir,
    codegenOutDir: context.config.outDir ?? DEFAULT_OUT_DIR,
    include: context.config.include,
    exclude: context.config.exclude,
    check: flags.check === true,
  });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const lines = [`secrets pulumi:generate: ${plural(result.counts.secret, "secret")}, ${plural(result.counts.parameter, "parameter")} → ${outDir}`];
  for (const file of result.files) lines.push(`  ${file.status.padEnd(9)}  ${file.path}`);
  for (const warning of result.warnings) lines.push(`  warning: ${warning.message}`);
  for (const error of result.errors) lines.push(`  error: ${error.message}`);
  ui.out(`${lines.join("\n")}\n`);
  if (result.errors.length > 0) throw new CliError(`the scan found ${plural(result.errors.length, "error")}; nothing was written`, "fix the declarations listed above");
  const stale = result.files.filter((f) => f.status === "stale");
  if (flags.check && stale.length > 0) throw new CliError(`${plural(stale.length, "file")} stale: ${stale.map((f) => f.path).join(", ")}`, "run secrets pulumi:generate and commit the result");
}
