/**
 * Where a variable is stored.
 * @example
 * ```ts
 * const backend: Backend = dbPassword.backend; // "secretsmanager"
 * ```
 */
export type Backend = "ssm" | "secretsmanager";

/**
 * What a variable is: a `Secret` (Secrets Manager) or a `Parameter` (SSM).
 * @example
 * ```ts
 * const kind: VariableKind = featureFlag.kind; // "parameter"
 * ```
 */
export type VariableKind = "secret" | "parameter";

/**
 * Static AWS credentials, the same shape as the AWS SDK's `AwsCredentialIdentity`.
 * @example
 * ```ts
 * const credentials: AwsCredentials = { accessKeyId: "AKIA…", secretAccessKey: "…" };
 * ```
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/**
 * Static credentials, or a provider such as `fromIni()` from `@aws-sdk/credential-providers`.
 * @example
 * ```ts
 * const fromProvider: CredentialsOption = async () => ({ accessKeyId: "AKIA…", secretAccessKey: "…" });
 * ```
 */
export type CredentialsOption = AwsCredentials | (() => Promise<AwsCredentials>);

/**
 * How to reach AWS. Variables with equal settings share one client.
 * @example
 * ```ts
 * const aws: AwsOptions = { region: "eu-west-1", profile: "billing-admin" };
 * ```
 */
export interface AwsOptions {
  /** AWS region; defaults to the SDK's own resolution (AWS_REGION, profile). */
  region?: string;
  /** A profile from `~/.aws/config`; defaults to AWS_PROFILE. */
  profile?: string;
  /** Credentials, or a provider of them; defaults to the SDK's default chain. */
  credentials?: CredentialsOption;
  /** A custom endpoint. Must be https, unless the host is loopback (local testing). */
  endpoint?: string;
}

/**
 * Options shared by `new Secret(…)` and `new Parameter(…)`.
 * @example
 * ```ts
 * const options: VariableOptions = { app: "billing", stage: "prod", region: "eu-west-1" };
 * ```
 */
export interface VariableOptions extends AwsOptions {
  /** The app part of the name; defaults to `process.env.SST_APP`. */
  app?: string;
  /** The stage part of the name; defaults to `process.env.SST_STAGE`. */
  stage?: string;
}

/**
 * The SSM tiers. Advanced allows 8 KB values and can never go back to Standard.
 * @example
 * ```ts
 * new Parameter("bigConfig", { tier: "Advanced" satisfies ParameterTier });
 * ```
 */
export type ParameterTier = "Standard" | "Advanced" | "Intelligent-Tiering";

/**
 * Options for `new Parameter(…)`.
 * @example
 * ```ts
 * const options: ParameterOptions = { encrypted: true, tier: "Advanced" };
 * ```
 */
export interface ParameterOptions extends VariableOptions {
  /** Store as a SecureString, encrypted with the AWS-managed key `alias/aws/ssm`. */
  encrypted?: boolean;
  /** The SSM tier; values over 4 KB need `"Advanced"`. */
  tier?: ParameterTier;
}

/**
 * Options for `new Secret(…)`.
 * @example
 * ```ts
 * const options: SecretOptions = { app: "billing", stage: "prod" };
 * ```
 */
export type SecretOptions = VariableOptions;

/**
 * What `Parameter.set` resolves to.
 * @example
 * ```ts
 * const { version }: ParameterVersion = await featureFlag.set("on");
 * ```
 */
export interface ParameterVersion {
  kind: "parameter";
  name: string;
  /** The SSM version number of the value just written. */
  version: number;
  tier: string | undefined;
}

/**
 * What `Secret.set` and `Secret.rotate` resolve to.
 * @example
 * ```ts
 * const { versionId, arn }: SecretVersion = await dbPassword.set("s3cr3t");
 * ```
 */
export interface SecretVersion {
  kind: "secret";
  name: string;
  /** The Secrets Manager VersionId of the value just written. */
  versionId: string;
  arn: string;
}

/**
 * What `Secret.rotate` resolves to: the new version, and the one it replaced.
 * @example
 * ```ts
 * const { versionId, previousVersionId }: RotationResult = await apiKey.rotate(next);
 * ```
 */
export interface RotationResult extends SecretVersion {
  /** The version that is now AWSPREVIOUS, or undefined if there was none. */
  previousVersionId: string | undefined;
}

/**
 * Options for `delete()`.
 * @example
 * ```ts
 * const options: DeleteOptions = { recoveryWindowDays: 7 };
 * ```
 */
export interface DeleteOptions {
  /** Secret only: delete at once, with no recovery window. */
  permanent?: boolean;
  /** Secret only: days (7–30, default 30) during which `secrets restore` can undo the deletion. */
  recoveryWindowDays?: number;
}

/**
 * What `delete()` resolves to.
 * @example
 * ```ts
 * const { deletionDate }: DeleteResult = await dbPassword.delete();
 * ```
 */
export interface DeleteResult {
  name: string;
  /** For a Secret scheduled for deletion: when it will be removed. */
  deletionDate: Date | undefined;
  /** True when the variable is gone at once (a Parameter, or `permanent: true`). */
  permanent: boolean;
}

/**
 * How a stored variable is shown: `secret`, `parameter` (String) or `secure parameter` (SecureString).
 * @example
 * ```ts
 * const type: StoredType = (await featureFlag.getWithVersion()).type; // "parameter" or "secure parameter"
 * ```
 */
export type StoredType = "secret" | "parameter" | "secure parameter";

/**
 * What is stored for a variable, without its value.
 * @example
 * ```ts
 * const meta: VariableMetadata | undefined = await dbPassword.metadata();
 * ```
 */
export interface VariableMetadata {
  fullName: string;
  kind: VariableKind;
  type: StoredType;
  /** SSM version number, or the Secrets Manager VersionId holding AWSCURRENT. */
  version: number | string | undefined;
  lastChanged: Date | undefined;
  /** Secret only: false for a placeholder with no version. Parameter: true (a placeholder needs a read to tell). */
  hasValue: boolean;
  /** Secret only: set when a deletion is scheduled. */
  deletedDate: Date | undefined;
}

/**
 * A value with the version it was read from.
 * @example
 * ```ts
 * const { value, version, type }: VersionedValue = await dbPassword.getWithVersion();
 * ```
 */
export interface VersionedValue {
  value: string;
  /** How it is stored: `secret`, `parameter` or `secure parameter`. */
  type: StoredType;
  /** SSM version number, or Secrets Manager VersionId. */
  version: number | string;
}
