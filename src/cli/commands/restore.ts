import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { CliError } from "../errors.js";
import { resolveTarget, type BackendFlags } from "../target.js";

/**
 * Flags of `secrets restore`.
 * @example
 * ```ts
 * const flags: RestoreFlags = { json: true };
 * ```
 */
export interface RestoreFlags extends CommonFlags, BackendFlags {
  json?: boolean;
}

/**
 * `secrets restore <name>`: undoes a Secret's scheduled deletion within its
 * recovery window (RestoreSecret). Parameters have no recovery window.
 * @example
 * ```ts
 * await restore("oldToken", {}, { ui: processUi(), context });
 * ```
 */
export async function restore(name: string, flags: RestoreFlags, { ui, context }: CommandEnv): Promise<void> {
  const target = await resolveTarget(name, context, flags, "write", await declarationFor(name, context));
  if (!target.stored) {
    throw new CliError(`${target.fullName} was not found in Secrets Manager`, "it was deleted permanently, or its recovery window has passed; check the name with: secrets list");
  }
  if (target.variable.kind !== "secret") {
    throw new CliError(`${target.fullName} is a parameter; SSM deletes parameters at once, so there is nothing to restore`, `set it again with: secrets set ${target.fullName}`);
  }
  if (!target.stored.deletedDate) throw new CliError(`${target.fullName} is not scheduled for deletion; nothing to restore`);
  const deletedOn = target.stored.deletedDate;
  await target.variable.restore();
  if (flags.json) ui.out(`${JSON.stringify({ name: target.fullName, backend: "secretsmanager", restored: true, wasDeletedOn: deletedOn.toISOString() })}\n`);
  else ui.out(`restored ${target.fullName}: its deletion (due ${deletedOn.toISOString()}) is cancelled and it is readable again\n`);
}
