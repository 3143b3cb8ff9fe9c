import { AWSCURRENT, AWSPREVIOUS, describeSecret, versionWithStage, type secretsManagerClient } from "../providers/secretsManager.js";
import { getParameter, putParameter, type ssmClient } from "../providers/ssm.js";
import { AwsCallFailure } from "../providers/clients.js";
import { ConflictError, NotFoundError, NotSetError, ValidationError } from "./errors.js";
import { parameterHistory, secretHistory } from "./history.js";
import { moveCurrent } from "./rotation.js";
import { assertValidParameterValue, PLACEHOLDER_VALUE } from "./values.js";

type SecretsHandle = Awaited<ReturnType<typeof secretsManagerClient>>;
type SsmHandle = Awaited<ReturnType<typeof ssmClient>>;

/**
 * What a secret rollback is about to do, shown to `confirm` before anything changes.
 * @example
 * ```ts
 * const plan: SecretRollbackPlan = { kind: "secret", name: "billing-prod-apiKey", from: "9d2e…", to: "3f1c…", toStages: ["AWSPREVIOUS"], toCreated: undefined };
 * ```
 */
export interface SecretRollbackPlan {
  kind: "secret";
  name: string;
  /** The version that holds AWSCURRENT now. */
  from: string;
  /** The version AWSCURRENT will move to. */
  to: string;
  /** The labels the target holds now (AWSPREVIOUS, unless `to` named another version). */
  toStages: string[];
  toCreated: Date | undefined;
}

/**
 * What a parameter rollback is about to do, shown to `confirm` before anything changes.
 * @example
 * ```ts
 * const plan: ParameterRollbackPlan = { kind: "parameter", name: "billing-prod-featureFlag", from: 4, to: 3, toLastModified: undefined };
 * ```
 */
export interface ParameterRollbackPlan {
  kind: "parameter";
  name: string;
  /** The latest version now. */
  from: number;
  /** The version whose value will be written again, as a new version. */
  to: number;
  toLastModified: Date | undefined;
}

/**
 * What `Secret.rollback` resolves to.
 * @example
 * ```ts
 * const { versionId, previousVersionId } = await apiKey.rollback();
 * ```
 */
export interface SecretRollbackResult {
  kind: "secret";
  name: string;
  /** The version that now holds AWSCURRENT. */
  versionId: string;
  /** The version that held it before, now AWSPREVIOUS. */
  previousVersionId: string;
  arn: string;
}

/**
 * What `Parameter.rollback` resolves to.
 * @example
 * ```ts
 * const { version, restoredFrom, interleaved } = await featureFlag.rollback();
 * ```
 */
export interface ParameterRollbackResult {
  kind: "parameter";
  name: string;
  /** The new version, holding the value of `restoredFrom`. */
  version: number;
  /** The version whose value was written again. */
  restoredFrom: number;
  /** The latest version when the rollback read the history. */
  previousVersion: number;
  /**
   * True when another write landed between the read and the rollback's own
   * write (the new version is not `previousVersion + 1`). SSM has no
   * compare-and-swap, so that write is not lost but is no longer the latest:
   * check `history()`.
   */
  interleaved: boolean;
}

/**
 * Options of `Secret.rollback`.
 * @example
 * ```ts
 * const options: SecretRollbackOptions = { to: "3f1c…", confirm: async (plan) => plan.toStages.includes("AWSPREVIOUS") };
 * ```
 */
export interface SecretRollbackOptions {
  /** The VersionId to make current; default the AWSPREVIOUS version. */
  to?: string | undefined;
  /** Called with the plan before anything changes; resolve false to cancel. */
  confirm?: ((plan: SecretRollbackPlan) => boolean | Promise<boolean>) | undefined;
}

/**
 * Options of `Parameter.rollback`.
 * @example
 * ```ts
 * const options: ParameterRollbackOptions = { to: 2 };
 * ```
 */
export interface ParameterRollbackOptions {
  /** The SSM version whose value to write again; default the one before the latest. */
  to?: number | undefined;
  /** Called with the plan before anything changes; resolve false to cancel. */
  confirm?: ((plan: ParameterRollbackPlan) => boolean | Promise<boolean>) | undefined;
}

/**
 * Moves AWSCURRENT back, through the same compare-and-swap as every write
 * ({@link moveCurrent}): the move only happens while AWSCURRENT is still on
 * the version this rollback read, so a rollback racing a rotation (or another
 * rollback) can never both win. The loser gets a ConflictError and changes nothing.
 *
 * The target is checked against ListSecretVersionIds before the move, because
 * moto (unlike AWS) strips AWSCURRENT when asked to move it to a version that
 * does not exist.
 *
 * @returns undefined when `confirm` declined.
 * @example
 * ```ts
 * // Inside Secret.rollback, under its error boundary:
 * await rollbackSecret(handle, { fullName, options: {}, notSet: () => this.notSet(handle.region), scheduledForDeletion });
 * ```
 */
export async function rollbackSecret(
  handle: SecretsHandle,
  input: { fullName: string; options: SecretRollbackOptions; notSet: () => NotSetError; scheduledForDeletion: () => NotFoundError },
): Promise<SecretRollbackResult | undefined> {
  const { fullName, options } = input;
  const where = `Secret ${fullName} (region ${handle.region})`;
  const description = await describeSecret(handle, fullName);
  if (description.deletedDate) throw input.scheduledForDeletion();
  const from = versionWithStage(description, AWSCURRENT);
  if (from === undefined) throw input.notSet();
  const versions = await secretHistory(handle, fullName);
  const to = options.to ?? versionWithStage(description, AWSPREVIOUS);
  const hint = `pick a version from: secrets history ${fullName}, then pass --to <versionId>`;
  if (to === undefined) throw new NotFoundError(`${where} has no AWSPREVIOUS version to roll back to`, { variable: fullName, region: handle.region, hint });
  const target = versions.find((v) => v.versionId === to);
  if (!target) throw new NotFoundError(`${where} has no version ${to}`, { variable: fullName, region: handle.region, hint });
  if (to === from) throw new ValidationError(`${where}: version ${to} is already AWSCURRENT, so there is nothing to roll back`, { variable: fullName, region: handle.region, hint });

  const plan: SecretRollbackPlan = { kind: "secret", name: fullName, from, to, toStages: target.stages, toCreated: target.created };
  if (options.confirm && !(await options.confirm(plan))) return undefined;

  await moveCurrent(handle, {
    fullName,
    moveTo: to,
    removeFrom: from,
    lost: () =>
      new ConflictError(`${where} changed concurrently while it was being rolled back: AWSCURRENT is no longer on version ${from}, so nothing was rolled back`, {
        variable: fullName,
        region: handle.region,
        hint: `check secrets history ${fullName}, then retry the rollback`,
      }),
  });
  return { kind: "secret", name: fullName, versionId: to, previousVersionId: from, arn: description.arn };
}

/**
 * Writes an earlier version's value again, as a new version (SSM versions
 * cannot be moved). It keeps the parameter's current type and tier, so a
 * SecureString stays encrypted. SSM has no compare-and-swap: a write that
 * lands in between is reported as `interleaved`, not prevented.
 *
 * `seen` collects the value read, so that the caller's error boundary can
 * redact it from any failure.
 *
 * @returns undefined when `confirm` declined.
 * @example
 * ```ts
 * const seen: string[] = [];
 * await rollbackParameter(handle, { fullName: "billing-prod-featureFlag", options: { to: 2 }, seen });
 * ```
 */
export async function rollbackParameter(
  handle: SsmHandle,
  input: { fullName: string; options: ParameterRollbackOptions; seen: string[] },
): Promise<ParameterRollbackResult | undefined> {
  const { fullName, options } = input;
  const where = `Parameter ${fullName} (region ${handle.region})`;
  const details = { variable: fullName, region: handle.region, hint: `pick a version from: secrets history ${fullName}, then pass --to <version>` };
  const versions = await parameterHistory(handle, fullName);
  const latest = versions.find((v) => v.current);
  if (!latest) throw new NotFoundError(`${where} has no versions`, details);
  const to = options.to ?? versions.find((v) => v.version < latest.version)?.version;
  if (to === undefined) throw new NotFoundError(`${where} has only one version, so there is nothing to roll back to`, details);
  const target = versions.find((v) => v.version === to);
  if (!target) throw new NotFoundError(`${where} has no version ${to} (SSM keeps the latest 100)`, details);
  if (to === latest.version) throw new ValidationError(`${where}: version ${to} is already the latest, so there is nothing to roll back`, details);

  const plan: ParameterRollbackPlan = { kind: "parameter", name: fullName, from: latest.version, to, toLastModified: target.lastModified };
  if (options.confirm && !(await options.confirm(plan))) return undefined;

  let value: string;
  try {
    value = (await getParameter(handle, fullName, to)).value;
  } catch (error) {
    if (error instanceof AwsCallFailure && error.code === "ParameterVersionNotFound") throw new NotFoundError(`${where} no longer has version ${to}`, details);
    throw error;
  }
  input.seen.push(value);
  if (value === PLACEHOLDER_VALUE) throw new ValidationError(`${where}: version ${to} is the Pulumi placeholder, not a value, so it cannot be rolled back to`, details);
  const tier = latest.tier === "Advanced" ? "Advanced" : undefined;
  assertValidParameterValue(value, tier, fullName);
  const written = await putParameter(handle, { name: fullName, value, encrypted: latest.type === "secure parameter", tier, tags: {}, overwrite: true });
  return { kind: "parameter", name: fullName, version: written.version, restoredFrom: to, previousVersion: latest.version, interleaved: written.version !== latest.version + 1 };
}
