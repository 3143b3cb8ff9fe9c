import { AwsCallFailure } from "../providers/clients.js";
import { deleteParameter, describeParameters, getParameter, putParameter, ssmClient } from "../providers/ssm.js";
import { ValidationError } from "./errors.js";
import { parameterHistory, type ParameterHistoryEntry } from "./history.js";
import { rollbackParameter, type ParameterRollbackOptions, type ParameterRollbackPlan, type ParameterRollbackResult } from "./rollback.js";
import type { DeleteResult, ParameterOptions, ParameterTier, ParameterVersion, VariableMetadata, VariableOptions, VersionedValue } from "./types.js";
import { assertValidParameterValue, PLACEHOLDER_VALUE } from "./values.js";
import { EXPLICIT_FULL_NAME, SenvarVariable } from "./variable.js";

type SsmHandle = Awaited<ReturnType<typeof ssmClient>>;

/** Shown by the type checker when someone calls `rotate` on a Parameter. */
type ParametersCannotBeRotated = "Parameters cannot be rotated: declare a Secret instead";

/**
 * A configuration value in SSM Parameter Store: a `String`, or a
 * `SecureString` encrypted with `alias/aws/ssm` when `encrypted` is true.
 *
 * @example
 * ```ts
 * import { Parameter } from "@senvar/secrets";
 *
 * const featureFlag = new Parameter("featureFlag", { app: "billing", stage: "prod" });
 * await featureFlag.set("enabled");
 * ```
 */
export class Parameter extends SenvarVariable {
  readonly kind = "parameter" as const;
  readonly backend = "ssm" as const;
  /** True for a SecureString. */
  readonly encrypted: boolean;
  /** The SSM tier to write with; undefined leaves it to SSM (Standard). */
  readonly tier: ParameterTier | undefined;

  /**
   * @param name The key, without app and stage: `"featureFlag"`.
   * @param options `encrypted`, `tier`, `app`/`stage` overrides and AWS settings.
   * @example
   * ```ts
   * const webhookUrl = new Parameter("webhookUrl", { encrypted: true });
   * ```
   */
  constructor(name: string, options: ParameterOptions = {}) {
    const { encrypted, tier, ...rest } = options;
    super(name, rest);
    this.encrypted = encrypted === true;
    this.tier = tier;
  }

  /**
   * Wraps a parameter whose full name already exists, exactly as given. Needs no SST env.
   * @example
   * ```ts
   * const flag = Parameter.fromName("billing-prod-featureFlag");
   * ```
   */
  static fromName(fullName: string, options: VariableOptions & { encrypted?: boolean; tier?: ParameterTier } = {}): Parameter {
    return new Parameter(fullName, { ...options, [EXPLICIT_FULL_NAME]: fullName } as ParameterOptions);
  }

  /**
   * Resolves the current value, decrypted if it is a SecureString.
   * @throws NotFoundError when it does not exist; NotSetError when it is still the Pulumi placeholder.
   * @example
   * ```ts
   * const flag = await featureFlag.get();
   * ```
   */
  async get(): Promise<string> {
    return (await this.getWithVersion()).value;
  }

  /**
   * Like {@link Parameter.get}, with the SSM version number the value was read from.
   * @example
   * ```ts
   * const { value, version } = await featureFlag.getWithVersion();
   * ```
   */
  async getWithVersion(): Promise<VersionedValue & { version: number }> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      const handle = await ssmClient(this.awsOptions);
      const stored = await getParameter(handle, fullName);
      if (stored.value === PLACEHOLDER_VALUE) throw this.notSet(handle.region);
      return { value: stored.value, version: stored.version, type: stored.type === "SecureString" ? "secure parameter" : "parameter" };
    });
  }

  /**
   * What is stored, without reading the value: undefined when the parameter does not exist.
   * @example
   * ```ts
   * const meta = await featureFlag.metadata(); // { type: "parameter", version: 3, ... }
   * ```
   */
  async metadata(): Promise<VariableMetadata | undefined> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      const handle = await ssmClient(this.awsOptions);
      const [found] = await describeParameters(handle, { match: "Equals", value: fullName });
      if (!found) return undefined;
      return {
        fullName,
        kind: "parameter",
        type: found.type === "SecureString" ? "secure parameter" : "parameter",
        version: found.version,
        lastChanged: found.lastModified,
        hasValue: true,
        deletedDate: undefined,
      };
    });
  }

  /**
   * Creates the parameter (tagged `app` and `stage`) or overwrites it.
   * Resolves to the new SSM version number.
   * @example
   * ```ts
   * const { version } = await featureFlag.set("enabled");
   * ```
   */
  async set(value: string): Promise<ParameterVersion> {
    const fullName = this.fullName;
    assertValidParameterValue(value, this.tier, fullName);
    return this.guard([value], async () => {
      const handle = await ssmClient(this.awsOptions);
      const input = { name: fullName, value, encrypted: this.encrypted, tier: this.tier, tags: this.tags };
      let written: { version: number; tier: string | undefined };
      try {
        written = await putParameter(handle, { ...input, overwrite: false });
      } catch (error) {
        if (!(error instanceof AwsCallFailure && error.code === "ParameterAlreadyExists")) throw error;
        written = (await this.#ownEarlierAttempt(handle, error, value)) ?? (await putParameter(handle, { ...input, overwrite: true }));
      }
      return { kind: "parameter", name: fullName, version: written.version, tier: written.tier };
    });
  }

  /**
   * PutParameter has no idempotency token. When the SDK retried a create
   * whose answer was lost, the retry finds the parameter that the first
   * attempt created, and overwriting it would add a second version of the
   * same value. So after a retried create, a parameter at version 1 holding
   * exactly our value and type is taken as our own write. Reading it is best
   * effort: without ssm:GetParameter this falls back to the overwrite.
   */
  async #ownEarlierAttempt(handle: SsmHandle, failure: AwsCallFailure, value: string): Promise<{ version: number; tier: string | undefined } | undefined> {
    const attempts = (failure.original as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts ?? 1;
    if (attempts < 2) return undefined;
    try {
      const stored = await getParameter(handle, this.fullName);
      const type = this.encrypted ? "SecureString" : "String";
      return stored.version === 1 && stored.value === value && stored.type === type ? { version: 1, tier: this.tier ?? "Standard" } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Every version SSM keeps (the latest 100), newest first, with labels,
   * type and who changed it when: never a value (GetParameterHistory without
   * decryption, which needs `ssm:GetParameterHistory`).
   * @example
   * ```ts
   * for (const v of await featureFlag.history()) console.log(v.version, v.lastModified, v.lastModifiedUser);
   * ```
   */
  async history(): Promise<ParameterHistoryEntry[]> {
    const fullName = this.fullName;
    return this.guard([], async () => parameterHistory(await ssmClient(this.awsOptions), fullName));
  }

  /**
   * Writes the value of the version before the latest (or of version `to`)
   * again, as a new version: SSM cannot move a version back. The current
   * type and tier are kept, so a SecureString stays encrypted. SSM has no
   * compare-and-swap: a write that lands meanwhile is not lost (it stays in
   * the history) and the result says `interleaved: true`.
   *
   * With `confirm`, the plan is shown to it before anything is read or
   * written, and the rollback resolves to undefined when it answers false.
   *
   * Needs `ssm:GetParameterHistory`, `ssm:GetParameter` and `ssm:PutParameter` (and kms for a SecureString).
   * @example
   * ```ts
   * const { version, restoredFrom } = await featureFlag.rollback();   // e.g. version 5 holding version 3's value
   * await featureFlag.rollback({ to: 2 });
   * ```
   */
  rollback(options: ParameterRollbackOptions & { confirm: (plan: ParameterRollbackPlan) => boolean | Promise<boolean> }): Promise<ParameterRollbackResult | undefined>;
  /**
   * Without `confirm`, the rollback always happens and resolves to its result.
   * @example
   * ```ts
   * await featureFlag.rollback({ to: 3 });
   * ```
   */
  rollback(options?: { to?: number | undefined; confirm?: undefined }): Promise<ParameterRollbackResult>;
  async rollback(options: ParameterRollbackOptions = {}): Promise<ParameterRollbackResult | undefined> {
    const fullName = this.fullName;
    if (options.to !== undefined && !(Number.isInteger(options.to) && options.to >= 1)) {
      throw new ValidationError(`Rolling back parameter ${fullName}: \`to\` must be an SSM version number (1 or more), not ${String(options.to)}`, { variable: fullName });
    }
    const seen: string[] = [];
    return this.guard(seen, async () => rollbackParameter(await ssmClient(this.awsOptions), { fullName, options, seen }));
  }

  /**
   * Parameters are configuration, not secrets: they cannot be rotated. The
   * call does not type-check, and throws if forced.
   * @deprecated Declare a {@link Secret} to rotate a value.
   */
  rotate(this: ParametersCannotBeRotated, ..._args: unknown[]): never {
    const self = this as unknown as Parameter;
    throw new ValidationError(`Parameter ${self.name} cannot be rotated: only Secrets (Secrets Manager) support rotation`, {
      variable: self.name,
      hint: `declare it as new Secret("${self.name}") to rotate it`,
    });
  }

  /**
   * Deletes the parameter. SSM has no recovery window: it is gone at once.
   * @example
   * ```ts
   * await featureFlag.delete();
   * ```
   */
  async delete(): Promise<DeleteResult> {
    const fullName = this.fullName;
    return this.guard([], async () => {
      await deleteParameter(await ssmClient(this.awsOptions), fullName);
      return { name: fullName, deletionDate: undefined, permanent: true };
    });
  }
}
