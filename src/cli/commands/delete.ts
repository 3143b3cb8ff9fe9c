import { backendLabel, type CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { CancelledError, CliError, UsageError } from "../errors.js";
import { resolveTarget, type BackendFlags } from "../target.js";

/** Flags of `secrets delete`. */
export interface DeleteFlags extends CommonFlags, BackendFlags {
  force?: boolean;
  permanent?: boolean;
  "recovery-window"?: string | number;
  json?: boolean;
}

/**
 * `secrets delete <name>`: asks for confirmation on a terminal; without one it
 * refuses unless `--force` is given, and deletes nothing. `--permanent` skips
 * a secret's recovery window.
 */
export async function remove(name: string, flags: DeleteFlags, { ui, context }: CommandEnv): Promise<void> {
  const windowFlag = flags["recovery-window"];
  const recoveryWindowDays = windowFlag === undefined ? undefined : Number(windowFlag);
  if (recoveryWindowDays !== undefined && !(Number.isInteger(recoveryWindowDays) && recoveryWindowDays >= 7 && recoveryWindowDays <= 30)) {
    throw new UsageError("--recovery-window must be a whole number of days from 7 to 30");
  }
  if (flags.permanent && recoveryWindowDays !== undefined) throw new UsageError("--permanent and --recovery-window cannot be combined");

  // Resolve (and so check that it exists) before asking anything.
  const target = await resolveTarget(name, context, flags, "write", await declarationFor(name, context));
  if (!target.stored) {
    throw new CliError(`${target.fullName} was not found in ${backendLabel(target.variable.kind)}`, "check the name with: secrets list");
  }
  const variable = target.variable;
  if (variable.kind === "parameter" && (flags.permanent || recoveryWindowDays !== undefined)) {
    throw new UsageError(`${flags.permanent ? "--permanent" : "--recovery-window"} is for secrets; ${target.fullName} is a parameter, which SSM deletes at once`);
  }
  const what =
    variable.kind === "parameter"
      ? "it is removed at once (SSM has no recovery window)"
      : flags.permanent
        ? "it is removed at once, with no recovery window"
        : `it can be restored for ${recoveryWindowDays ?? 30} days with: secrets restore ${target.fullName}`;

  if (!flags.force) {
    if (!ui.interactive) throw new CliError(`refusing to delete ${target.fullName} without confirmation`, "pass --force to delete without a terminal");
    ui.err(`Deleting ${variable.kind} ${target.fullName} from ${backendLabel(variable.kind, variable.encrypted)}: ${what}.\n`);
    if (!(await ui.confirm(`Delete ${target.fullName}?`))) throw new CancelledError("not confirmed; nothing was deleted", "declined");
  }

  const result = await variable.delete(variable.kind === "secret" ? { permanent: flags.permanent === true, ...(recoveryWindowDays ? { recoveryWindowDays } : {}) } : {});
  if (flags.json) {
    ui.out(`${JSON.stringify({ name: result.name, backend: variable.backend, permanent: result.permanent, deletionDate: result.deletionDate?.toISOString() ?? null })}\n`);
  } else if (result.deletionDate) {
    ui.out(`scheduled ${result.name} for deletion on ${result.deletionDate.toISOString()}; undo with: secrets restore ${result.name}\n`);
  } else {
    ui.out(`deleted ${result.name} from ${backendLabel(variable.kind, variable.encrypted)}\n`);
  }
}
