import type { Parameter, ParameterRollbackPlan, ParameterRollbackResult, Secret, SecretRollbackPlan, SecretRollbackResult } from "../../index.js";
import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { CancelledError, CliError, UsageError } from "../errors.js";
import type { Ui } from "../_ui.js";
import { resolveTarget, type BackendFlags } from "../target.js";

/**
 * Flags of `secrets rollback`.
 * @example
 * ```ts
 * const flags: RollbackFlags = { to: "3", force: true };
 * ```
 */
export interface RollbackFlags extends CommonFlags, BackendFlags {
  to?: string | number;
  force?: boolean;
  json?: boolean;
}

/**
 * `secrets rollback <name> [--to <versionId|version>]`. A Secret: AWSCURRENT
 * moves back to AWSPREVIOUS (or the given VersionId) as a compare-and-swap,
 * so a rollback racing a rotation fails cleanly instead of undoing it. A
 * Parameter: the old version's value is written again as a new version.
 * Asks for confirmation on a terminal; without one, `--force` is required,
 * and nothing changes when it is missing or the answer is no.
 * @example
 * ```ts
 * await rollback("featureFlag", { to: "3", force: true }, { ui: processUi(), context });
 * ```
 */
export async function rollback(name: string, flags: RollbackFlags, { ui, context }: CommandEnv): Promise<void> {
  const to = flags.to === undefined ? undefined : String(flags.to);
  if (to === "") throw new UsageError("--to needs a version: a VersionId for a secret, a version number for a parameter", "see the versions with: secrets history <name>");
  const target = await resolveTarget(name, context, flags, "read", await declarationFor(name, context));
  const confirm = confirmer(ui, flags.force === true);

  if (target.variable.kind === "secret") {
    const result = await (target.variable as Secret).rollback({ to, confirm: (plan) => confirm(describeSecretPlan(plan)) });
    if (!result) throw new CancelledError("not confirmed; nothing was rolled back", "declined");
    printSecret(ui, result, flags.json === true);
  } else {
    if (to !== undefined && !/^[1-9][0-9]*$/.test(to)) throw new UsageError(`--to must be a parameter version number (1, 2, …), not ${JSON.stringify(to)}`, `see the versions with: secrets history ${target.fullName}`);
    const result = await (target.variable as Parameter).rollback({ to: to === undefined ? undefined : Number(to), confirm: (plan) => confirm(describeParameterPlan(plan)) });
    if (!result) throw new CancelledError("not confirmed; nothing was rolled back", "declined");
    printParameter(ui, result, flags.json === true);
  }
}

/** The confirmation step: asked on a terminal, `--force` without one. */
function confirmer(ui: Ui, force: boolean) {
  return async (plan: { name: string; text: string }): Promise<boolean> => {
    if (force) return true;
    if (!ui.interactive) throw new CliError(`refusing to roll back ${plan.name} without confirmation`, "pass --force to roll back without a terminal");
    ui.err(`${plan.text}\n`);
    return ui.confirm(`Roll back ${plan.name}?`);
  };
}

function describeSecretPlan(plan: SecretRollbackPlan) {
  const labels = plan.toStages.length > 0 ? plan.toStages.join(",") : "no label";
  const created = plan.toCreated ? `, created ${plan.toCreated.toISOString()}` : "";
  return { name: plan.name, text: `Rolling back secret ${plan.name}: AWSCURRENT moves from version ${plan.from} to version ${plan.to} (${labels}${created}); ${plan.from} becomes AWSPREVIOUS.` };
}

function describeParameterPlan(plan: ParameterRollbackPlan) {
  const when = plan.toLastModified ? ` (from ${plan.toLastModified.toISOString()})` : "";
  return { name: plan.name, text: `Rolling back parameter ${plan.name}: the value of version ${plan.to}${when} is written again as a new version after ${plan.from}.` };
}

function printSecret(ui: Ui, result: SecretRollbackResult, json: boolean): void {
  if (json) ui.out(`${JSON.stringify({ name: result.name, backend: "secretsmanager", versionId: result.versionId, previousVersionId: result.previousVersionId })}\n`);
  else ui.out(`rolled back ${result.name}: AWSCURRENT is version ${result.versionId} (version ${result.previousVersionId} is now AWSPREVIOUS)\n`);
}

function printParameter(ui: Ui, result: ParameterRollbackResult, json: boolean): void {
  if (result.interleaved) ui.warn(`another write to ${result.name} landed during the rollback (SSM has no compare-and-swap); check: secrets history ${result.name}`);
  if (json) ui.out(`${JSON.stringify({ name: result.name, backend: "ssm", version: result.version, restoredFrom: result.restoredFrom, previousVersion: result.previousVersion, interleaved: result.interleaved })}\n`);
  else ui.out(`rolled back ${result.name}: version ${result.version} holds the value of version ${result.restoredFrom}\n`);
}
