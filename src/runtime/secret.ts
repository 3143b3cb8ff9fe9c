import { AwsCallFailure } from "../providers/clients.js";
import {
  AWSCURRENT,
  deleteSecret,
  describeSecret,
  getSecretValue,
  restoreSecret,
  secretsManagerClient,
  versionWithStage,
} from "../providers/secretsManager.js";
import { ConflictError, NotFoundError, ValidationError } from "./errors.js";
import { secretHistory, type SecretHistoryEntry } from "./history.js";
import { rollbackSecret, type SecretRollbackOptions, type SecretRollbackPlan, type SecretRollbackResult } from "./rollback.js";
import { commitVersion, type RotationBase } from "./rotation.js";
import type { DeleteOptions, DeleteResult, RotationResult, SecretOptions, SecretVersion, VariableMetadata, VariableOptions, VersionedValue } from "./types.js";
import { assertValidSecretValue } from "./values.js";
import { EXPLICIT_FULL_NAME, SenvarVariable } from "./variable.js";

type SecretsHandle = Awaited<ReturnType<typeof secretsManagerClient>>;

/** How often a set starts again when concurrent writers keep moving AWSCURRENT first. */
const MAX_SET_ATTEMPTS = 5;

/**
 * What {@link Secret.rotateInteractive} tells the function that asks for the new value.
 * @example
 * ```ts
 * await apiKey.rotateInteractive(({ fullName, hasCurrentValue }: RotationPrompt) => ask(`New value for ${fullName}${hasCurrentValue ? "" : " (first)"}`));
 * ```
 */
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
    return (await this.getWithVersion()).value;
  }

  /**
   * Like {@link Secret.get}, with the VersionId the value was read from.
   * @example
   * ```ts
   * const { value, version } = await dbPassword.getWithVersion();
   * ```
   */
  async getWithVersion(): Promise<VersionedValue & { version: string }> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      try {
        const stored = await getSecretValue(handle, fullName);
        if (stored.value === undefined) {
          throw new ValidationError(`Secret ${fullName} (region ${handle.region}) holds SecretBinary, not a string`, { variable: fullName, region: handle.region });
        }
        return { value: stored.value, version: stored.versionId, type: "secret" };
      } catch (error) {
        if (isNotFound(error)) throw await this.#missingOrNotSet(handle);
        throw error;
      }
    });
  }

  /**
   * What is stored, without reading the value: undefined when the secret does not exist.
   * @example
   * ```ts
   * const meta = await dbPassword.metadata();
   * if (meta && !meta.hasValue) console.log("placeholder: run secrets set");
   * ```
   */
  async metadata(): Promise<VariableMetadata | undefined> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      try {
        const description = await describeSecret(handle, fullName);
        const current = versionWithStage(description, AWSCURRENT);
        return {
          fullName,
          kind: "secret",
          type: "secret",
          version: current,
          lastChanged: description.lastChangedDate,
          hasValue: current !== undefined,
          deletedDate: description.deletedDate,
        };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  /**
   * Creates the secret (tagged `app` and `stage`) or writes a new version. The
   * old value stays readable as AWSPREVIOUS. A retried write never makes a
   * second version (a ClientRequestToken per write). It takes the same
   * compare-and-swap path as a rotation, so it needs
   * `secretsmanager:DescribeSecret`, `PutSecretValue` and `UpdateSecretVersionStage`.
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
      // A set is a blind write, but it goes through the same stage move as a
      // rotation, so that AWSCURRENT only ever moves one way. When another
      // writer moves it first, the set simply starts again from there.
      for (let attempt = 1; ; attempt++) {
        const base = await this.#describeCurrent(handle, fullName);
        try {
          const written = await commitVersion(handle, { fullName, base, value, tags: this.tags });
          return { kind: "secret", name: fullName, versionId: written.versionId, arn: written.arn };
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= MAX_SET_ATTEMPTS) throw error;
        }
      }
    });
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
      return commitVersion(handle, { fullName, base, value: next, tags: this.tags });
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
      return commitVersion(handle, { fullName, base, value: next, tags: this.tags });
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

  /**
   * Every version of the secret, newest first, with its staging labels and
   * dates: never a value (DescribeSecret and ListSecretVersionIds, which need
   * `secretsmanager:DescribeSecret` and `ListSecretVersionIds`). Deprecated
   * versions, which hold no label, are included.
   * @example
   * ```ts
   * for (const v of await dbPassword.history()) console.log(v.versionId, v.stages.join(","), v.created);
   * ```
   */
  async history(): Promise<SecretHistoryEntry[]> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      // DescribeSecret first: moto answers ListSecretVersionIds for a missing
      // secret with an HTML 500 instead of ResourceNotFoundException.
      await describeSecret(handle, fullName);
      return secretHistory(handle, fullName);
    });
  }

  /**
   * Moves AWSCURRENT back to AWSPREVIOUS, or to the version `to`, with
   * UpdateSecretVersionStage as a compare-and-swap: if the secret is rotated
   * or rolled back meanwhile, this rollback fails with a ConflictError and
   * changes nothing. The version it replaces becomes AWSPREVIOUS, so a second
   * rollback undoes the first. No value is read or written.
   *
   * With `confirm`, the plan is shown to it before anything changes, and the
   * rollback resolves to undefined when it answers false.
   *
   * Needs `secretsmanager:DescribeSecret`, `ListSecretVersionIds` and `UpdateSecretVersionStage`.
   * @throws ConflictError when it loses a race; NotFoundError when there is no such version.
   * @example
   * ```ts
   * await apiKey.rollback();                          // back to AWSPREVIOUS
   * await apiKey.rollback({ to: "3f1c4a2e-…" });      // to a version from history()
   * const done = await apiKey.rollback({ confirm: (plan) => askUser(`${plan.from} → ${plan.to}?`) });
   * ```
   */
  rollback(options: SecretRollbackOptions & { confirm: (plan: SecretRollbackPlan) => boolean | Promise<boolean> }): Promise<SecretRollbackResult | undefined>;
  /**
   * Without `confirm`, the rollback always happens and resolves to its result.
   * @example
   * ```ts
   * await apiKey.rollback({ to: "3f1c4a2e-…" });
   * ```
   */
  rollback(options?: { to?: string | undefined; confirm?: undefined }): Promise<SecretRollbackResult>;
  async rollback(options: SecretRollbackOptions = {}): Promise<SecretRollbackResult | undefined> {
    const fullName = this.fullName;
    if (options.to !== undefined && (typeof options.to !== "string" || options.to.length === 0)) {
      throw new ValidationError(`Rolling back secret ${fullName}: \`to\` must be a VersionId from history()`, { variable: fullName });
    }
    return this.guard([], async () => {
      const handle = await secretsManagerClient(this.awsOptions);
      return rollbackSecret(handle, { fullName, options, notSet: () => this.notSet(handle.region), scheduledForDeletion: () => this.#scheduledForDeletion(handle.region) });
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
