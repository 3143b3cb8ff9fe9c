import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { readFromBackend, type BackendFlags } from "../target.js";

/** Flags of `secrets get`. */
export interface GetFlags extends CommonFlags, BackendFlags {
  json?: boolean;
}

/**
 * `secrets get <name>`: writes the value byte-exact to stdout, with a newline
 * only when stdout is a terminal. Nothing else goes to stdout.
 */
export async function get(name: string, flags: GetFlags, { ui, context }: CommandEnv): Promise<void> {
  const { target, read } = await readFromBackend(name, context, flags, await declarationFor(name, context));
  if (flags.json) {
    ui.out(`${JSON.stringify({ name: target.fullName, type: read.type, value: read.value, version: read.version })}\n`);
    return;
  }
  ui.out(ui.stdoutIsTty ? `${read.value}\n` : read.value);
}
