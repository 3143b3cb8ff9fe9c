import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { CliError, UsageError } from "../errors.js";
import { codegenOptions } from "./codegen.js";

/** Flags of `secrets define`. */
export interface DefineFlags extends CommonFlags {
  secret?: boolean;
  encrypted?: boolean;
  file?: string;
}

/** Default definitions file, relative to the project root. */
export const DEFAULT_DEFINITIONS = "secrets/variables.ts";

/**
 * `secrets define <name>`: adds `export const <name> = new Secret("<name>")`
 * (or a Parameter) to the definitions file with ts-morph, then runs codegen.
 * Idempotent; stores nothing in AWS.
 */
export async function define(name: string, flags: DefineFlags, { ui, context }: CommandEnv): Promise<void> {
  if (flags.secret && flags.encrypted) throw new UsageError("--encrypted is for parameters; secrets are always encrypted");
  const { addDeclaration, formatSummary, runCodegen } = await import("../../codegen/index.js");
  const file = flags.file ?? context.config.definitions ?? DEFAULT_DEFINITIONS;
  const kind = flags.secret ? "secret" : "parameter";
  const added = await addDeclaration({ key: name, kind, ...(kind === "parameter" ? { encrypted: flags.encrypted === true } : {}), file, root: context.root });
  const what = kind === "secret" ? `Secret("${name}")` : `Parameter("${name}"${flags.encrypted ? ", { encrypted: true }" : ""})`;
  ui.out(added.changed ? `${added.created ? "created" : "updated"} ${added.file}: export const ${added.key} = new ${what}\n` : `${added.file} already declares ${added.key}; nothing changed\n`);

  const result = await runCodegen(codegenOptions(context, {}));
  ui.out(`${formatSummary(result)}\n`);
  if (result.errors.length > 0) throw new CliError(`codegen found ${result.errors.length} error(s) after defining ${name}`, "fix the declarations listed above");
}
