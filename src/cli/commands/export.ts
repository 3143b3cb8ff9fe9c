import { resolve } from "node:path";
import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { formatDotenv } from "../dotenv.js";
import { loadEnvironment } from "../environment.js";
import { UsageError } from "../errors.js";
import { writeSecretFile } from "../secretFile.js";
import { onlyList } from "../selection.js";

/**
 * Flags of `secrets export`.
 * @example
 * ```ts
 * const flags: ExportFlags = { format: "dotenv", out: ".env.prod" };
 * ```
 */
export interface ExportFlags extends CommonFlags {
  format?: string;
  out?: string;
  only?: string | string[];
  force?: boolean;
}

const FORMATS = ["dotenv", "json"] as const;

/**
 * `secrets export --format dotenv|json [--out file]`: every declared variable
 * (or the `--only` ones), named as `secrets exec` names them, loaded with one
 * batched `getAll`. The output is values, by definition: it goes to stdout,
 * or to a file created with mode 0600. A warning goes to stderr when a
 * terminal is watching. Dotenv quoting round-trips multiline values (see
 * {@link formatDotenv}); a value no quoting can carry is refused.
 * @example
 * ```ts
 * await exportValues({ format: "json" }, { ui: processUi(), context });
 * ```
 */
export async function exportValues(flags: ExportFlags, { ui, context }: CommandEnv): Promise<void> {
  const format = flags.format ?? "dotenv";
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be dotenv or json, not ${JSON.stringify(format)}`);
  if (flags.out === "") throw new UsageError("--out needs a file name");
  if (flags.force && flags.out === undefined) throw new UsageError("--force only applies with --out (it replaces an existing file)");
  const entries = await loadEnvironment(context, onlyList(flags.only));

  const scope = context.app !== undefined && context.stage !== undefined ? ` for ${context.app}-${context.stage}` : "";
  const text =
    format === "json"
      ? `${JSON.stringify(Object.fromEntries(entries.map((e) => [e.envName, e.value])), null, 2)}\n`
      : formatDotenv(entries, `secrets export${scope}: ${entries.length} variable${entries.length === 1 ? "" : "s"}. Contains secret values: do not commit.`);

  if (flags.out === undefined) {
    if (ui.stdoutIsTty) ui.warn("the output below contains secret values; redirect it to a file, or use --out (mode 0600)");
    ui.out(text);
    return;
  }
  const path = resolve(flags.out);
  await writeSecretFile(path, text, { force: flags.force === true });
  if (ui.stderrIsTty) ui.warn(`${flags.out} contains secret values: keep it out of version control and delete it when done`);
  ui.out(`wrote ${entries.length} variable${entries.length === 1 ? "" : "s"} to ${flags.out} (${format}, mode 0600)\n`);
}
