import type { SSMClient, ParameterType, ParameterTier as SdkTier, Tag } from "@aws-sdk/client-ssm";
import type { AwsOptions } from "../runtime/types.js";
import { send, sendAllPages, sharedClient, type ClientHandle, type SdkClient } from "./clients.js";

type SsmSdk = typeof import("@aws-sdk/client-ssm");
type SsmHandle = ClientHandle<SSMClient & SdkClient>;

let sdk: Promise<SsmSdk> | undefined;
/** Loaded on first use only, so importing the package never pulls in the SSM client. */
function loadSdk(): Promise<SsmSdk> {
  return (sdk ??= import("@aws-sdk/client-ssm"));
}

/** The shared SSM client for these options. */
export function ssmClient(options: AwsOptions): Promise<SsmHandle> {
  return sharedClient("ssm", options, async (config) => new (await loadSdk()).SSMClient(config) as SSMClient & SdkClient);
}

/** One stored parameter as SSM returns it. */
export interface StoredParameter {
  name: string;
  value: string;
  type: string;
  version: number;
  lastModified: Date | undefined;
}

function toStored(p: { Name?: string; Value?: string; Type?: string; Version?: number; LastModifiedDate?: Date }): StoredParameter {
  return { name: p.Name ?? "", value: p.Value ?? "", type: p.Type ?? "String", version: p.Version ?? 0, lastModified: p.LastModifiedDate };
}

/**
 * GetParameter, always decrypted: a SecureString read without it would return
 * ciphertext. With `version`, that version (the `name:version` selector).
 */
export async function getParameter(handle: SsmHandle, name: string, version?: number): Promise<StoredParameter> {
  const { GetParameterCommand } = await loadSdk();
  const selector = version === undefined ? name : `${name}:${version}`;
  const out = await send<{ Parameter?: Parameters<typeof toStored>[0] }>(handle, new GetParameterCommand({ Name: selector, WithDecryption: true }), "ssm:GetParameter");
  return toStored(out.Parameter ?? {});
}

/** SSM's limit on names per GetParameters call. */
export const GET_PARAMETERS_BATCH = 10;

/** GetParameters for up to 10 names. Names SSM cannot find come back in `invalid`. */
export async function getParameters(handle: SsmHandle, names: readonly string[]): Promise<{ found: StoredParameter[]; invalid: string[] }> {
  const { GetParametersCommand } = await loadSdk();
  const out = await send<{ Parameters?: Parameters<typeof toStored>[0][]; InvalidParameters?: string[] }>(
    handle,
    new GetParametersCommand({ Names: [...names], WithDecryption: true }),
    "ssm:GetParameters",
  );
  return { found: (out.Parameters ?? []).map(toStored), invalid: out.InvalidParameters ?? [] };
}

/** What to write with PutParameter. */
export interface PutParameterInput {
  name: string;
  value: string;
  encrypted: boolean;
  tier: string | undefined;
  tags: Record<string, string>;
  overwrite: boolean;
}

/** The AWS-managed KMS key for SecureString (PRD 6.1). */
export const SSM_MANAGED_KEY = "alias/aws/ssm";

/**
 * PutParameter. SSM refuses tags together with overwrite, so tags go only on
 * a create; an overwrite keeps the tags already there.
 */
export async function putParameter(handle: SsmHandle, input: PutParameterInput): Promise<{ version: number; tier: string | undefined }> {
  const { PutParameterCommand } = await loadSdk();
  const type: ParameterType = input.encrypted ? "SecureString" : "String";
  const tags: Tag[] = Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
  const out = await send<{ Version?: number; Tier?: string }>(
    handle,
    new PutParameterCommand({
      Name: input.name,
      Value: input.value,
      Type: type,
      ...(input.encrypted ? { KeyId: SSM_MANAGED_KEY } : {}),
      ...(input.tier ? { Tier: input.tier as SdkTier } : {}),
      ...(input.overwrite ? { Overwrite: true } : tags.length > 0 ? { Tags: tags } : {}),
    }),
    "ssm:PutParameter",
  );
  return { version: out.Version ?? 0, tier: out.Tier };
}

/** DeleteParameter. */
export async function deleteParameter(handle: SsmHandle, name: string): Promise<void> {
  const { DeleteParameterCommand } = await loadSdk();
  await send(handle, new DeleteParameterCommand({ Name: name }), "ssm:DeleteParameter");
}

/** A parameter's metadata from DescribeParameters: never the value. */
export interface ParameterDescription {
  name: string;
  type: string;
  version: number;
  tier: string | undefined;
  lastModified: Date | undefined;
}

/**
 * DescribeParameters with a name filter (or none), following every page.
 * `match` is "Equals" for one name or "BeginsWith" for a prefix.
 */
export async function describeParameters(handle: SsmHandle, filter: { match: "Equals" | "BeginsWith"; value: string } | undefined): Promise<ParameterDescription[]> {
  const { DescribeParametersCommand } = await loadSdk();
  const described = await sendAllPages(
    handle,
    (token) =>
      new DescribeParametersCommand({
        ...(filter ? { ParameterFilters: [{ Key: "Name", Option: filter.match, Values: [filter.value] }] } : {}),
        MaxResults: 50,
        ...token,
      }),
    "ssm:DescribeParameters",
    (page: { Parameters?: { Name?: string; Type?: string; Version?: number; Tier?: string; LastModifiedDate?: Date }[]; NextToken?: string }) => page.Parameters,
  );
  return described.map((p) => ({ name: p.Name ?? "", type: p.Type ?? "String", version: p.Version ?? 0, tier: p.Tier, lastModified: p.LastModifiedDate }));
}

/** ListTagsForResource for one parameter. */
export async function listParameterTags(handle: SsmHandle, name: string): Promise<Record<string, string>> {
  const { ListTagsForResourceCommand } = await loadSdk();
  const out = await send<{ TagList?: { Key?: string; Value?: string }[] }>(
    handle,
    new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: name }),
    "ssm:ListTagsForResource",
  );
  return Object.fromEntries((out.TagList ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

/**
 * One version of a parameter from GetParameterHistory, without its value.
 * @example
 * ```ts
 * const version: ParameterHistoryVersion = { version: 2, type: "String", tier: "Standard", labels: [], lastModified: new Date(), lastModifiedUser: undefined };
 * ```
 */
export interface ParameterHistoryVersion {
  version: number;
  type: string;
  tier: string | undefined;
  labels: string[];
  lastModified: Date | undefined;
  lastModifiedUser: string | undefined;
}

/**
 * GetParameterHistory, every page, without decryption. AWS answers with each
 * version's value too; it is dropped here, before anything else sees it.
 * @example
 * ```ts
 * const versions = await getParameterHistory(handle, "billing-prod-featureFlag");
 * ```
 */
export async function getParameterHistory(handle: SsmHandle, name: string): Promise<ParameterHistoryVersion[]> {
  const { GetParameterHistoryCommand } = await loadSdk();
  const history = await sendAllPages(
    handle,
    (token) => new GetParameterHistoryCommand({ Name: name, WithDecryption: false, MaxResults: 50, ...token }),
    "ssm:GetParameterHistory",
    (page: { Parameters?: { Version?: number; Type?: string; Tier?: string; Labels?: string[]; LastModifiedDate?: Date; LastModifiedUser?: string }[]; NextToken?: string }) =>
      page.Parameters,
  );
  return history.map((p) => ({ version: p.Version ?? 0, type: p.Type ?? "String", tier: p.Tier, labels: p.Labels ?? [], lastModified: p.LastModifiedDate, lastModifiedUser: p.LastModifiedUser }));
}
