import { randomUUID } from "node:crypto";
import { AwsCallFailure } from "../providers/clients.js";
import {
  AWSCURRENT,
  createSecret,
  deleteSecret,
  describeSecret,
  getSecretValue,
  putSecretValue,
  restoreSecret,
  secretsManagerClient,
  versionWithStage,
} from "../providers/secretsManager.js";
import { NotFoundError, ValidationError } from "./errors.js";
import { settleCurrent } from "./currentStage.js";
import { commitRotation, type RotationBase } from "./rotation.js";
import type { DeleteOptions, DeleteResult, RotationResult, SecretOptions, SecretVersion, VariableOptions } from "./types.js";
import { assertValidSecretValue } from "./values.js";
import { EXPLICIT_FULL_NAME, SenvarVariable } from "./variable.js";

type SecretsHandle = Awaited<ReturnType<typeof secretsManagerClient>>;

/** What {@link Secret.rotateInteractive} tells the function that asks for the new value. */
export interface RotationPrompt {
  /** The secret's full name. */
  fullName: string;
  /** Whether a current value exists (it is never passed to the prompt). */
  hasCurrentValue: boolean;
}

/**
 * A true secret, stored in AWS Secrets Manager and always encrypted with the
 * account's AWS-managed key.
 *
 * @example
 * ```ts
 * import { Secret } from "@senvar/secrets";
 *
 * const dbPassword = new Secret("dbPassword"); // billing-prod-dbPassword with SST_APP=billing SST_STAGE=prod
 * const password = await dbPassword.get();
 * ```
 */
export class Secret extends SenvarVariable {
  readonly kind = "secret" as const;
  readonly backend = "secretsmanager" as const;
  readonly encrypted = true as const;

  /**
   * @param name The key, without app and stage: `"dbPassword"`.
   * @param options `app`/`stage` overrides and AWS settings.
   * @example
   * ```ts
   * const stripeKey = new Secret("stripeSecretKey", { app: "billing", stage: "prod", region: "eu-west-1" });
   * ```
   */
  constructor(name: string, options: SecretOptions = {}) {
    super(name, options);
  }

  /**
   * Wraps a secret whose full name already exists, exactly as given. Needs no SST env.
   * @example
   * ```ts
   * const legacy = Secret.fromName("billing-prod-dbPassword");
   * ```
   */
  static fromName(fullName: string, options: VariableOptions = {}): Secret {
    return new Secret(fullName, { ...options, [EXPLICIT_FULL_NAME]: fullName } as SecretOptions);
  }

  /**
   * Resolves the AWSCURRENT value.
   * @throws NotFoundError when the secret does not exist; NotSetError when it has no value yet.
   * @example
   * ```ts
   * const password = await dbPassword.get();
   * ```
   */
  async get(): Promise<string> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      try {
        const stored = await getSecretValue(handle, fullName);
        if (stored.value === undefined) {
          throw new ValidationError(`Secret ${fullName} (region ${handle.region}) holds SecretBinary, not a string`, { variable: fullName, region: handle.region });
        }
        return stored.value;
      } catch (error) {
        if (isNotFound(error)) throw await this.#missingOrNotSet(handle);
        throw error;
      }
    });
  }

  /**
   * Creates the secret (tagged `app` and `stage`) or writes a new version. The
   * old value stays readable as AWSPREVIOUS. A retried write never makes a
   * second version (one ClientRequestToken per call). After writing, one
   * DescribeSecret checks that only the new version is AWSCURRENT (it always
   * is on AWS; see `settleCurrent` for the emulators where it is not); without
   * `secretsmanager:DescribeSecret` that check is skipped, not failed.
   * @example
   * ```ts
   * const { versionId, arn } = await dbPassword.set("correct horse battery staple");
   * ```
   */
  async set(value: string): Promise<SecretVersion> {
    const fullName = this.fullName;
    assertValidSecretValue(value, fullName);
    return this.guard([value], async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      const written = await this.#write(handle, fullName, value);
      return { kind: "secret", name: fullName, versionId: written.versionId, arn: written.arn };
    });
  }

  /**
   * One token per set(): the SDK resends it on every retry of a call, so a
   * retried write is a no-op rather than a second version; the fallback put
   * after a lost create race reuses it for the same reason.
   */
  async #write(handle: SecretsHandle, fullName: string, value: string): Promise<{ versionId: string; arn: string }> {
    const token = randomUUID();
    try {
      return await this.#put(handle, fullName, value, token);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    try {
      return await createSecret(handle, { name: fullName, value, tags: this.tags, token });
    } catch (error) {
      // Another writer created it in between: ours becomes the next version.
      if (error instanceof AwsCallFailure && error.code === "ResourceExistsException") return this.#put(handle, fullName, value, token);
      throw error;
    }
  }

  /** PutSecretValue, then the label check that keeps a set after a rotation from being lost on moto (see settleCurrent). */
  async #put(handle: SecretsHandle, fullName: string, value: string, token: string): Promise<{ versionId: string; arn: string }> {
    const written = await putSecretValue(handle, { secretId: fullName, value, token });
    await settleCurrent(handle, fullName, written.versionId);
    return written;
  }

  /**
   * App-driven rotation (PRD 8.1): reads the current value (`undefined` when
   * there is none), computes the next one with `fn`, and writes it so that the
   * old value becomes AWSPREVIOUS. Safe under concurrency: if another writer
   * changes the secret meanwhile, this rotation fails with a ConflictError and
   * writes nothing.
   * @throws ConflictError when it loses a race.
   * @example
   * ```ts
   * const { versionId } = await apiKey.rotate(async (old) => generateApiKey(old));
   * ```
   */
  async rotate(fn: (current: string | undefined) => string | Promise<string>): Promise<RotationResult> {
    const fullName = this.fullName;
    const seen: string[] = [];
    return this.guard(seen, async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      const { base, value } = await this.#readCurrent(handle, fullName);
      if (value !== undefined) seen.push(value);
      const next = await fn(value);
      assertValidSecretValue(next, fullName);
      seen.push(next);
      return commitRotation(handle, { fullName, base, value: next, tags: this.tags });
    });
  }

  /**
   * Manual rotation, as `secrets rotate` does it: `ask` returns the new value
   * (from a prompt, say). The current value is never read or passed to `ask`.
   * @example
   * ```ts
   * await apiKey.rotateInteractive(async ({ fullName }) => promptHidden(`New value for ${fullName}`));
   * ```
   */
  async rotateInteractive(ask: (prompt: RotationPrompt) => string | Promise<string>): Promise<RotationResult> {
    const fullName = this.fullName;
    const seen: string[] = [];
    return this.guard(seen, async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      const base = await this.#describeCurrent(handle, fullName);
      const next = await ask({ fullName, hasCurrentValue: base.state === "current" });
      assertValidSecretValue(next, fullName);
      seen.push(next);
      return commitRotation(handle, { fullName, base, value: next, tags: this.tags });
    });
  }

  /**
   * Schedules the secret for deletion (30-day recovery window by default), or
   * deletes it at once with `permanent: true`.
   * @example
   * ```ts
   * await dbPassword.delete();                        // restorable for 30 days
   * await dbPassword.delete({ recoveryWindowDays: 7 });
   * await dbPassword.delete({ permanent: true });     // gone now
   * ```
   */
  async delete(options: DeleteOptions = {}): Promise<DeleteResult> {
    const fullName = this.fullName;
    const permanent = options.permanent === true;
    const days = options.recoveryWindowDays;
    if (permanent && days !== undefined) {
      throw new ValidationError(`Deleting secret ${fullName}: permanent and recoveryWindowDays cannot be combined`, { variable: fullName });
    }
    if (days !== undefined && (!Number.isInteger(days) || days < 7 || days > 30)) {
      throw new ValidationError(`Deleting secret ${fullName}: recoveryWindowDays must be a whole number from 7 to 30, not ${days}`, { variable: fullName });
    }
    return this.guard([], async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      const deletionDate = await deleteSecret(handle, { secretId: fullName, permanent, recoveryWindowDays: days });
      return { name: fullName, deletionDate: permanent ? undefined : deletionDate, permanent };
    });
  }

  /**
   * Undoes a scheduled deletion, within its recovery window.
   * @example
   * ```ts
   * await dbPassword.restore();
   * ```
   */
  async restore(): Promise<void> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      await restoreSecret(await secretsManagerClient(this.awsOptions), fullName);
    });
  }

  /** The current version and value, or why there is none. */
  async #readCurrent(handle: SecretsHandle, fullName: string): Promise<{ base: RotationBase; value: string | undefined }> {
    try {
      const stored = await getSecretValue(handle, fullName);
      return { base: { state: "current", versionId: stored.versionId }, value: stored.value };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return { base: await this.#describeCurrent(handle, fullName), value: undefined };
    }
  }

  /** The current version from metadata alone, without reading the value. */
  async #describeCurrent(handle: SecretsHandle, fullName: string): Promise<RotationBase> {
    try {
      const description = await describeSecret(handle, fullName);
      if (description.deletedDate) throw this.#scheduledForDeletion(handle.region);
      const versionId = versionWithStage(description, AWSCURRENT);
      return versionId ? { state: "current", versionId } : { state: "empty" };
    } catch (error) {
      if (isNotFound(error)) return { state: "missing" };
      throw error;
    }
  }

  /** A NotFound from GetSecretValue means either no secret, or a secret with no value. */
  async #missingOrNotSet(handle: SecretsHandle): Promise<Error> {
    try {
      const description = await describeSecret(handle, this.fullName);
      if (description.deletedDate) return this.#scheduledForDeletion(handle.region);
      return this.notSet(handle.region);
    } catch (error) {
      if (isNotFound(error)) return this.notFound(handle.region);
      throw error;
    }
  }

  #scheduledForDeletion(region: string): NotFoundError {
    return new NotFoundError(`Secret ${this.fullName} (region ${region}) is scheduled for deletion`, {
      variable: this.fullName,
      region,
      hint: `undo the deletion with: secrets restore ${this.fullName}`,
    });
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof AwsCallFailure && error.code === "ResourceNotFoundException";
}
