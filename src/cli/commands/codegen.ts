import { paint } from "../_ui.js";
import type { CommandEnv } from "../command.js";
import type { CommonFlags, Context } from "../config.js";
import { DEFAULT_OUT_DIR } from "../declarations.js";
import { CliError } from "../errors.js";
import { DEFAULT_ROTATION_DIR } from "./rotate.js";

/** Flags of `secrets codegen`. */
export interface CodegenFlags extends CommonFlags {
  check?: boolean;
  watch?: boolean;
  "out-dir"?: string;
}

/** The codegen options a command context implies: flags, then the project config, then the defaults. */
export function codegenOptions(context: Context, flags: Pick<CodegenFlags, "out-dir" | "check">) {
  return {
    root: context.root,
    outDir: flags["out-dir"] ?? context.config.outDir ?? DEFAULT_OUT_DIR,
    rotationDir: context.config.rotationDir ?? DEFAULT_ROTATION_DIR,
    ...(context.config.include ? { include: context.config.include } : {}),
    ...(context.config.exclude ? { exclude: context.config.exclude } : {}),
    // The project config only, never flags or env: the committed policy must not depend on who ran codegen.
    policy: { app: context.config.app, stage: context.config.stage, region: context.config.region },
    check: flags.check === true,
  };
}

/**
 * `secrets codegen`: scan → model → render → write. With `--check` it writes
 * nothing and fails when a generated file is stale (the CI guard); with
 * `--watch` it regenerates on change until interrupted.
 */
export async function codegen(flags: CodegenFlags, { ui, context }: CommandEnv): Promise<void> {
  const { formatSummary, runCodegen, watchCodegen } = await import("../../codegen/index.js");
  const options = codegenOptions(context, flags);

  if (flags.watch) {
    if (flags.check) throw new CliError("--watch and --check cannot be combined");
    await new Promise<void>((resolve) => {
      const watcher = watchCodegen(options, (result) => {
        if (result instanceof Error) ui.err(`${paint.bad("error:")} ${result.message}\n`);
        else ui.out(`${paint.dim(new Date().toISOString().slice(11, 19))} ${formatSummary(result)}\n`);
      });
      process.once("SIGINT", () => {
        watcher.close();
        resolve();
      });
    });
    return;
  }

  const result = await runCodegen(options);
  ui.out(`${formatSummary(result)}\n`);
  if (result.errors.length > 0) {
    throw new CliError(`codegen found ${result.errors.length} error${result.errors.length > 1 ? "s" : ""}; nothing was written`, "fix the declarations listed above");
  }
  const stale = result.files.filter((f) => f.status === "stale");
  if (flags.check && stale.length > 0) {
    throw new CliError(`${stale.length} generated file${stale.length > 1 ? "s are" : " is"} stale: ${stale.map((f) => f.path).join(", ")}`, "run secrets codegen and commit the result");
  }
}
