import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { AwsOptions } from "../runtime/types.js";
import { send, sendAllPages, sharedClient, type ClientHandle, type SdkClient } from "./clients.js";

type SecretsManagerSdk = typeof import("@aws-sdk/client-secrets-manager");
type SecretsHandle = ClientHandle<SecretsManagerClient & SdkClient>;

let sdk: Promise<SecretsManagerSdk> | undefined;
/** Loaded on first use only, so importing the package never pulls in this client. */
function loadSdk(): Promise<SecretsManagerSdk> {
  return (sdk ??= import("@aws-sdk/client-secrets-manager"));
}

/** The shared Secrets Manager client for these options. */
export function secretsManagerClient(options: AwsOptions): Promise<SecretsHandle> {
  return sharedClient("secretsmanager", options, async (config) => new (await loadSdk()).SecretsManagerClient(config) as SecretsManagerClient & SdkClient);
}

/** The staging labels Secrets Manager gives special meaning. */
export const AWSCURRENT = "AWSCURRENT";
export const AWSPREVIOUS = "AWSPREVIOUS";
export const AWSPENDING = "AWSPENDING";

/** One version of a secret, as GetSecretValue or BatchGetSecretValue return it. */
export interface StoredSecretValue {
  name: string;
  arn: string;
  versionId: string;
  stages: string[];
  /** Undefined when the version holds SecretBinary instead of a string. */
  value: string | undefined;
  created: Date | undefined;
}

type RawSecretValue = { Name?: string; ARN?: string; VersionId?: string; VersionStages?: string[]; SecretString?: string; CreatedDate?: Date };

function toStored(raw: RawSecretValue): StoredSecretValue {
  return {
    name: raw.Name ?? "",
    arn: raw.ARN ?? "",
    versionId: raw.VersionId ?? "",
    stages: raw.VersionStages ?? [],
    value: raw.SecretString,
    created: raw.CreatedDate,
  };
}

/**
 * GetSecretValue. The stage defaults to AWSCURRENT explicitly: moto, unlike
 * AWS, keeps answering with the old version after a stage move when no stage is given.
 */
export async function getSecretValue(handle: SecretsHandle, secretId: string, version: { stage?: string; versionId?: string } = {}): Promise<StoredSecretValue> {
  const { GetSecretValueCommand } = await loadSdk();
  const selector = version.versionId !== undefined ? { VersionId: version.versionId } : { VersionStage: version.stage ?? AWSCURRENT };
  const out = await send<RawSecretValue>(handle, new GetSecretValueCommand({ SecretId: secretId, ...selector }), "secretsmanager:GetSecretValue");
  return toStored(out);
}

/** A secret's metadata, as DescribeSecret returns it. No value. */
export interface SecretDescription {
  name: string;
  arn: string;
  deletedDate: Date | undefined;
  lastChangedDate: Date | undefined;
  versionStages: Record<string, string[]>;
  tags: Record<string, string>;
}

/** DescribeSecret: metadata and staging labels, never the value. */
export async function describeSecret(handle: SecretsHandle, secretId: string): Promise<SecretDescription> {
  const { DescribeSecretCommand } = await loadSdk();
  const out = await send<{
    Name?: string;
    ARN?: string;
    DeletedDate?: Date;
    LastChangedDate?: Date;
    VersionIdsToStages?: Record<string, string[]>;
    Tags?: { Key?: string; Value?: string }[];
  }>(handle, new DescribeSecretCommand({ SecretId: secretId }), "secretsmanager:DescribeSecret");
  return {
    name: out.Name ?? secretId,
    arn: out.ARN ?? "",
    deletedDate: out.DeletedDate,
    lastChangedDate: out.LastChangedDate,
    versionStages: out.VersionIdsToStages ?? {},
    tags: Object.fromEntries((out.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
  };
}

/** The version that holds `stage`, if any. */
export function versionWithStage(description: SecretDescription, stage: string): string | undefined {
  return Object.entries(description.versionStages).find(([, stages]) => stages.includes(stage))?.[0];
}

/**
 * CreateSecret with its first value. Encryption uses the account's default
 * AWS-managed key (`aws/secretsmanager`): no KmsKeyId is sent.
 */
export async function createSecret(handle: SecretsHandle, input: { name: string; value: string; tags: Record<string, string>; token: string }): Promise<{ versionId: string; arn: string }> {
  const { CreateSecretCommand } = await loadSdk();
  const tags = Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
  const out = await send<{ VersionId?: string; ARN?: string }>(
    handle,
    new CreateSecretCommand({ Name: input.name, SecretString: input.value, ClientRequestToken: input.token, ...(tags.length > 0 ? { Tags: tags } : {}) }),
    "secretsmanager:CreateSecret",
  );
  return { versionId: out.VersionId ?? input.token, arn: out.ARN ?? "" };
}

/**
 * PutSecretValue. The token makes the write idempotent, so an SDK retry
 * never creates a second version. Without `stages`, AWS moves AWSCURRENT to
 * the new version and AWSPREVIOUS to the old one.
 */
export async function putSecretValue(
  handle: SecretsHandle,
  input: { secretId: string; value: string; token: string; stages?: string[] },
): Promise<{ versionId: string; arn: string; stages: string[] }> {
  const { PutSecretValueCommand } = await loadSdk();
  const out = await send<{ VersionId?: string; ARN?: string; VersionStages?: string[] }>(
    handle,
    new PutSecretValueCommand({ SecretId: input.secretId, SecretString: input.value, ClientRequestToken: input.token, ...(input.stages ? { VersionStages: input.stages } : {}) }),
    "secretsmanager:PutSecretValue",
  );
  return { versionId: out.VersionId ?? input.token, arn: out.ARN ?? "", stages: out.VersionStages ?? [] };
}

/**
 * UpdateSecretVersionStage. Moving AWSCURRENT requires `removeFrom` to be the
 * version that holds it now, or AWS refuses: a compare-and-swap.
 */
export async function updateSecretVersionStage(handle: SecretsHandle, input: { secretId: string; stage: string; moveTo?: string; removeFrom?: string }): Promise<void> {
  const { UpdateSecretVersionStageCommand } = await loadSdk();
  await send(
    handle,
    new UpdateSecretVersionStageCommand({
      SecretId: input.secretId,
      VersionStage: input.stage,
      ...(input.moveTo ? { MoveToVersionId: input.moveTo } : {}),
      ...(input.removeFrom ? { RemoveFromVersionId: input.removeFrom } : {}),
    }),
    "secretsmanager:UpdateSecretVersionStage",
  );
}

/** DeleteSecret: scheduled with a recovery window, or at once with `permanent`. */
export async function deleteSecret(handle: SecretsHandle, input: { secretId: string; permanent: boolean; recoveryWindowDays: number | undefined }): Promise<Date | undefined> {
  const { DeleteSecretCommand } = await loadSdk();
  const out = await send<{ DeletionDate?: Date }>(
    handle,
    new DeleteSecretCommand({
      SecretId: input.secretId,
      ...(input.permanent ? { ForceDeleteWithoutRecovery: true } : { RecoveryWindowInDays: input.recoveryWindowDays ?? 30 }),
    }),
    "secretsmanager:DeleteSecret",
  );
  return out.DeletionDate;
}

/** RestoreSecret: undoes a scheduled deletion. */
export async function restoreSecret(handle: SecretsHandle, secretId: string): Promise<void> {
  const { RestoreSecretCommand } = await loadSdk();
  await send(handle, new RestoreSecretCommand({ SecretId: secretId }), "secretsmanager:RestoreSecret");
}

/**
 * One version of a secret, as ListSecretVersionIds returns it: no value.
 * @example
 * ```ts
 * const version: ListedSecretVersion = { versionId: "3f1c…", stages: ["AWSCURRENT"], created: new Date(), lastAccessed: undefined };
 * ```
 */
export interface ListedSecretVersion {
  versionId: string;
  stages: string[];
  created: Date | undefined;
  lastAccessed: Date | undefined;
}

/**
 * ListSecretVersionIds, every page, deprecated (unlabelled) versions
 * included: a rollback may name one of them.
 * @example
 * ```ts
 * const versions = await listSecretVersionIds(handle, "billing-prod-dbPassword");
 * ```
 */
export async function listSecretVersionIds(handle: SecretsHandle, secretId: string): Promise<ListedSecretVersion[]> {
  const { ListSecretVersionIdsCommand } = await loadSdk();
  const versions = await sendAllPages(
    handle,
    (token) => new ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: true, MaxResults: 100, ...token }),
    "secretsmanager:ListSecretVersionIds",
    (page: { Versions?: { VersionId?: string; VersionStages?: string[]; CreatedDate?: Date; LastAccessedDate?: Date }[]; NextToken?: string }) => page.Versions,
  );
  return versions.map((v) => ({ versionId: v.VersionId ?? "", stages: v.VersionStages ?? [], created: v.CreatedDate, lastAccessed: v.LastAccessedDate }));
}

/** AWS's limit on secrets per BatchGetSecretValue call. */
export const BATCH_GET_SECRETS = 20;

/** BatchGetSecretValue for up to 20 ids. Per-secret failures come back in `errors`. */
export async function batchGetSecretValue(
  handle: SecretsHandle,
  secretIds: readonly string[],
): Promise<{ values: StoredSecretValue[]; errors: { secretId: string; code: string }[] }> {
  const { BatchGetSecretValueCommand } = await loadSdk();
  const out = await send<{ SecretValues?: RawSecretValue[]; Errors?: { SecretId?: string; ErrorCode?: string }[] }>(
    handle,
    new BatchGetSecretValueCommand({ SecretIdList: [...secretIds] }),
    "secretsmanager:BatchGetSecretValue",
  );
  return {
    values: (out.SecretValues ?? []).map(toStored),
    errors: (out.Errors ?? []).map((e) => ({ secretId: e.SecretId ?? "", code: e.ErrorCode ?? "UnknownError" })),
  };
}

/** One entry of ListSecrets: metadata only. */
export interface ListedSecret {
  name: string;
  arn: string;
  lastChangedDate: Date | undefined;
  deletedDate: Date | undefined;
  tags: Record<string, string>;
  versionStages: Record<string, string[]>;
}

/**
 * ListSecrets filtered by name prefix, following every page. AWS's name
 * filter is a case-insensitive prefix match, so the result is narrowed to the
 * exact, case-sensitive prefix here.
 */
export async function listSecrets(handle: SecretsHandle, prefix: string, options: { includeDeleted?: boolean } = {}): Promise<ListedSecret[]> {
  const { ListSecretsCommand } = await loadSdk();
  const secrets = await sendAllPages(
    handle,
    (token) =>
      new ListSecretsCommand({
        ...(prefix ? { Filters: [{ Key: "name", Values: [prefix] }] } : {}),
        MaxResults: 50,
        ...(options.includeDeleted ? { IncludePlannedDeletion: true } : {}),
        ...token,
      }),
    "secretsmanager:ListSecrets",
    (page: {
      SecretList?: { Name?: string; ARN?: string; LastChangedDate?: Date; DeletedDate?: Date; Tags?: { Key?: string; Value?: string }[]; SecretVersionsToStages?: Record<string, string[]> }[];
      NextToken?: string;
    }) => page.SecretList,
  );
  return secrets
    .filter((s) => (s.Name ?? "").startsWith(prefix))
    .map((s) => ({
      name: s.Name ?? "",
      arn: s.ARN ?? "",
      lastChangedDate: s.LastChangedDate,
      deletedDate: s.DeletedDate,
      tags: Object.fromEntries((s.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])),
      versionStages: s.SecretVersionsToStages ?? {},
    }));
}
