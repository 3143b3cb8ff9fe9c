import { toSenvarError } from "./awsErrors.js";
import { NotFoundError, NotSetError } from "./errors.js";
import { appStageFrom, composeFullName, validateFullName } from "./naming.js";
import type { ParameterHistoryEntry, SecretHistoryEntry } from "./history.js";
import type { AwsOptions, Backend, DeleteOptions, DeleteResult, ParameterVersion, SecretVersion, VariableKind, VariableMetadata, VariableOptions, VersionedValue } from "./types.js";

/** Set by `fromName`: the full name to use as given, instead of composing one. */
export const EXPLICIT_FULL_NAME: unique symbol = Symbol("senvar.explicitFullName");

/** Constructor options as the subclasses pass them to the base. */
export type BaseOptions = VariableOptions & { [EXPLICIT_FULL_NAME]?: string };

const warnedNames = new Set<string>();

/**
 * The shared base of {@link Secret} and {@link Parameter}. It owns naming,
 * validation, error mapping and redaction; the subclasses only do the I/O of
 * their backend.
 *
 * @example
 * ```ts
 * function describe(variable: SenvarVariable) {
 *   return `${variable.fullName} (${variable.kind}, ${variable.backend})`;
 * }
 * ```
 */
export abstract class SenvarVariable {
  /** The key, without the app and stage: `dbPassword`. */
  readonly name: string;
  /** `"secret"` or `"parameter"`. */
  abstract readonly kind: VariableKind;
  /** `"secretsmanager"` or `"ssm"`. */
  abstract readonly backend: Backend;
  /** Whether the value is encrypted at rest (always true for a Secret). */
  abstract readonly encrypted: boolean;

  readonly #options: BaseOptions;
  #fullName: string | undefined;

  protected constructor(name: string, options: BaseOptions) {
    this.name = name;
    this.#options = { ...options };
  }

  /** The app part of the name: the `app` option, else `SST_APP`; undefined when neither is set. */
  get app(): string | undefined {
    return appStageFrom(this.#options).app;
  }

  /** The stage part of the name: the `stage` option, else `SST_STAGE`; undefined when neither is set. */
  get stage(): string | undefined {
    return appStageFrom(this.#options).stage;
  }

  /**
   * `${app}-${stage}-${name}`, or the name given to `fromName`. Resolved on
   * first use, so SST_APP/SST_STAGE may be set after the variable is declared.
   * @throws ConfigError when app or stage is missing.
   */
  get fullName(): string {
    if (this.#fullName === undefined) {
      const explicit = this.#options[EXPLICIT_FULL_NAME];
      const fullName = explicit ?? composeFullName(this.name, this.#options);
      for (const warning of validateFullName(fullName, this.backend)) {
        if (!warnedNames.has(fullName)) {
          warnedNames.add(fullName);
          process.emitWarning(warning, { type: "SenvarWarning", code: "SENVAR_NAME_ADVICE" });
        }
      }
      this.#fullName = fullName;
    }
    return this.#fullName;
  }

  /** The region option, if one was given (otherwise the SDK resolves it). */
  get region(): string | undefined {
    return this.#options.region;
  }

  /** The tags applied when the variable is created: `{ app, stage }`, where known. */
  get tags(): Record<string, string> {
    const tags: Record<string, string> = {};
    const { app, stage } = this.#options[EXPLICIT_FULL_NAME] === undefined ? appStageFrom(this.#options) : this.#fromNameAppStage();
    if (app !== undefined) tags.app = app;
    if (stage !== undefined) tags.stage = stage;
    return tags;
  }

  /** The app and stage of a `fromName` variable, only where they really prefix the name. */
  #fromNameAppStage(): { app: string | undefined; stage: string | undefined } {
    const { app, stage } = appStageFrom(this.#options);
    const explicit = this.#options[EXPLICIT_FULL_NAME] ?? "";
    if (this.#options.app !== undefined || this.#options.stage !== undefined) return { app, stage };
    return app !== undefined && stage !== undefined && explicit.startsWith(`${app}-${stage}-`) ? { app, stage } : { app: undefined, stage: undefined };
  }

  /** The AWS settings (region, profile, credentials, endpoint) that select the shared client. */
  get awsOptions(): AwsOptions {
    const { region, profile, credentials, endpoint } = this.#options;
    const aws: AwsOptions = {};
    if (region !== undefined) aws.region = region;
    if (profile !== undefined) aws.profile = profile;
    if (credentials !== undefined) aws.credentials = credentials;
    if (endpoint !== undefined) aws.endpoint = endpoint;
    return aws;
  }

  /** The options this variable was declared with, for `fromName` and copies. */
  protected get declaredOptions(): VariableOptions {
    const { [EXPLICIT_FULL_NAME]: _explicit, ...rest } = this.#options;
    return rest;
  }

  /**
   * Resolves the current value.
   * @throws NotFoundError if the variable does not exist; NotSetError if it is a placeholder.
   */
  abstract get(): Promise<string>;

  /** Resolves the current value with the version it was read from. */
  abstract getWithVersion(): Promise<VersionedValue>;

  /** What is stored, without the value; undefined when nothing is stored. */
  abstract metadata(): Promise<VariableMetadata | undefined>;

  /** Creates or overwrites the variable, and resolves to the new version. */
  abstract set(value: string): Promise<ParameterVersion | SecretVersion>;

  /** Deletes the variable. */
  abstract delete(options?: DeleteOptions): Promise<DeleteResult>;

  /** Every stored version, newest first, without values. */
  abstract history(): Promise<SecretHistoryEntry[] | ParameterHistoryEntry[]>;

  /** A JSON form for logs. It has no value, because the instance never holds one. */
  toJSON(): Record<string, unknown> {
    let fullName: string | undefined;
    try {
      fullName = this.fullName;
    } catch {
      fullName = undefined;
    }
    return { kind: this.kind, name: this.name, fullName, backend: this.backend, encrypted: this.encrypted };
  }

  /**
   * The error boundary: runs AWS work and turns any SDK failure into a
   * {@link SenvarError} that names this variable and its region, with every
   * value in `values` redacted.
   */
  protected async guard<T>(values: readonly string[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toSenvarError(error, { variables: [this.fullName], label: this.kind, values });
    }
  }

  /** The error for a variable that does not exist. */
  protected notFound(region: string): NotFoundError {
    return new NotFoundError(`${capitalize(this.kind)} ${this.fullName} (region ${region}) was not found in ${this.serviceName}`, {
      variable: this.fullName,
      region,
      hint: `create it with: secrets set ${this.fullName}${this.kind === "secret" ? " --secret" : ""}`,
    });
  }

  /** The error for a variable that exists but holds no value yet. */
  protected notSet(region: string): NotSetError {
    return new NotSetError(`${capitalize(this.kind)} ${this.fullName} (region ${region}) exists but has no value yet`, {
      variable: this.fullName,
      region,
      hint: `run: secrets set ${this.fullName}`,
    });
  }

  /** The human name of the backend. */
  get serviceName(): string {
    return this.backend === "ssm" ? "SSM Parameter Store" : "Secrets Manager";
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
