import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { resolveTarget, type BackendFlags } from "../target.js";

/** Flags of `secrets get`. */
export interface GetFlags extends CommonFlags, BackendFlags {
  json?: boolean;
}

/**
 * `secrets get <name>`: writes the value byte-exact to stdout, with a newline
 * only when stdout is a terminal. Nothing else goes to stdout.
 */
export async function get(name: string, flags: GetFlags, { ui, context }: CommandEnv): Promise<void> {
  const target = await resolveTarget(name, context, flags, "read", declarationFor(name, context));
  if (flags.json) {
    const { value, version } = await target.variable.getWithVersion();
    const type = target.variable.kind === "secret" ? "secret" : target.variable.encrypted ? "secure parameter" : "parameter";
    ui.out(`${JSON.stringify({ name: target.fullName, type, value, version })}\n`);
    return;
  }
  const value = await target.variable.get();
  ui.out(ui.stdoutIsTty ? `${value}\n` : value);
}
