import { randomUUID } from "node:crypto";
import { AwsCallFailure } from "../providers/clients.js";
import {
  AWSCURRENT,
  AWSPENDING,
  createSecret,
  describeSecret,
  putSecretValue,
  secretsManagerClient,
  updateSecretVersionStage,
  versionWithStage,
} from "../providers/secretsManager.js";
import { ConflictError } from "./errors.js";
import type { RotationResult } from "./types.js";

type SecretsHandle = Awaited<ReturnType<typeof secretsManagerClient>>;

/** What the rotation read before computing the new value. */
export type RotationBase =
  /** The secret does not exist yet. */
  | { state: "missing" }
  /** The secret exists with no AWSCURRENT version (a placeholder). */
  | { state: "empty" }
  /** AWSCURRENT was on this version. */
  | { state: "current"; versionId: string };

/**
 * The one write path for secret values (set, rotate, rotateInteractive): a
 * compare-and-swap on AWSCURRENT, so that two writers racing from the same
 * version can never both win.
 *
 * 1. The new value goes in as AWSPENDING (it is not current yet).
 * 2. UpdateSecretVersionStage moves AWSCURRENT to it with `RemoveFromVersionId`
 *    set to the version that was read; AWS refuses the move if AWSCURRENT has
 *    moved since, and otherwise makes the old version AWSPREVIOUS.
 * 3. AWSPENDING is removed again, win or lose, so no stray label is left.
 *
 * A stage move rather than a token derived from the read version, because a
 * rollback can move AWSCURRENT back to an old version, after which a derived
 * token would collide with the version written the first time round. Plain
 * PutSecretValue is avoided too: after a stage move, moto (unlike AWS) leaves
 * AWSCURRENT on two versions when the next PutSecretValue relies on the
 * default labels.
 *
 * @throws ConflictError when another writer moved AWSCURRENT first.
 */
export async function commitVersion(
  handle: SecretsHandle,
  input: { fullName: string; base: RotationBase; value: string; tags: Record<string, string> },
): Promise<RotationResult> {
  const { fullName, base, value } = input;
  const token = randomUUID();

  if (base.state === "missing") {
    try {
      const created = await createSecret(handle, { name: fullName, value, tags: input.tags, token });
      return { kind: "secret", name: fullName, versionId: created.versionId, arn: created.arn, previousVersionId: undefined };
    } catch (error) {
      if (error instanceof AwsCallFailure && error.code === "ResourceExistsException") throw lostRace(fullName, handle.region);
      throw error;
    }
  }

  const pending = await putSecretValue(handle, { secretId: fullName, value, token, stages: [AWSPENDING] });
  try {
    if (pending.stages.includes(AWSCURRENT)) {
      // The first version of a placeholder: AWS made it current by itself.
      return { kind: "secret", name: fullName, versionId: pending.versionId, arn: pending.arn, previousVersionId: undefined };
    }
    const previous = base.state === "current" ? base.versionId : undefined;
    await moveCurrent(handle, { fullName, moveTo: pending.versionId, removeFrom: previous, lost: () => lostRace(fullName, handle.region) });
    return { kind: "secret", name: fullName, versionId: pending.versionId, arn: pending.arn, previousVersionId: previous };
  } finally {
    await removePendingLabel(handle, fullName, pending.versionId);
  }
}

/**
 * The compare-and-swap on AWSCURRENT that every change of the current value
 * goes through (writes and rollbacks): UpdateSecretVersionStage moves it to
 * `moveTo` only while it is still on `removeFrom`, and AWS then makes
 * `removeFrom` AWSPREVIOUS. Two callers that start from the same version can
 * never both win.
 *
 * @throws the error made by `lost` when another writer moved AWSCURRENT first.
 * @example
 * ```ts
 * await moveCurrent(handle, { fullName, moveTo: pendingVersionId, removeFrom: versionRead, lost: () => new ConflictError("changed concurrently") });
 * ```
 */
export async function moveCurrent(
  handle: SecretsHandle,
  input: { fullName: string; moveTo: string; removeFrom: string | undefined; lost: () => ConflictError },
): Promise<void> {
  const { fullName, moveTo, removeFrom } = input;
  try {
    await updateSecretVersionStage(handle, { secretId: fullName, stage: AWSCURRENT, moveTo, ...(removeFrom ? { removeFrom } : {}) });
  } catch (error) {
    const now = await currentVersion(handle, fullName);
    // The move may have succeeded and only its answer been lost: the SDK's
    // retry then finds AWSCURRENT gone from `removeFrom` and fails. AWSCURRENT
    // on `moveTo` means this call won; anywhere else, it lost.
    if (now === moveTo) return;
    if (now !== undefined && now !== removeFrom) throw input.lost();
    // AWSCURRENT back on `removeFrom` (a rollback moved it there again after
    // the race: A-B-A), or on no version at all (moto moves a label in two
    // steps, and a describe can fall in between): the refusal itself says
    // whether this was the compare-and-swap failing.
    if (isStageRefusal(error)) throw input.lost();
    throw error;
  }
}

/** The compare-and-swap's own refusal: AWSCURRENT was not on RemoveFromVersionId. */
function isStageRefusal(error: unknown): boolean {
  if (!(error instanceof AwsCallFailure) || !["InvalidParameterException", "InvalidRequestException"].includes(error.code)) return false;
  const message = String((error.original as { message?: string } | undefined)?.message ?? "");
  return /AWSCURRENT|RemoveFromVersionId|staging label|version stage/i.test(message) && !/marked for deletion|scheduled for deletion/i.test(message);
}

/** The version that holds AWSCURRENT now; undefined if that cannot be told (the original error is then the better one). */
async function currentVersion(handle: SecretsHandle, fullName: string): Promise<string | undefined> {
  try {
    return versionWithStage(await describeSecret(handle, fullName), AWSCURRENT);
  } catch {
    return undefined;
  }
}

/** Best effort: another rotator may already have moved AWSPENDING to its own version. */
async function removePendingLabel(handle: SecretsHandle, fullName: string, versionId: string): Promise<void> {
  try {
    await updateSecretVersionStage(handle, { secretId: fullName, stage: AWSPENDING, removeFrom: versionId });
  } catch {
    // The label is on another racer's version, which that racer removes itself.
  }
}

function lostRace(fullName: string, region: string): ConflictError {
  return new ConflictError(`Secret ${fullName} (region ${region}) changed concurrently while it was being rotated, so this rotation's value was discarded; retry the rotation`, {
    variable: fullName,
    region,
    hint: "retry the rotation: it will start from the new current value",
  });
}
