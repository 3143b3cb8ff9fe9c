import { AWSCURRENT, listSecrets, secretsManagerClient } from "../providers/secretsManager.js";
import { describeParameters, listParameterTags, ssmClient } from "../providers/ssm.js";
import { toSenvarError } from "./awsErrors.js";
import type { AwsOptions, StoredType, VariableKind } from "./types.js";

/**
 * One stored variable, as `listVariables` reports it: never a value.
 * @example
 * ```ts
 * for (const v of await listVariables({ prefix: "billing-prod-" })) console.log(v.fullName, v.type, v.tags);
 * ```
 */
export interface ListedVariable {
  fullName: string;
  kind: VariableKind;
  type: StoredType;
  lastChanged: Date | undefined;
  tags: Record<string, string>;
  /** Secret only: set when a deletion is scheduled. */
  deletedDate: Date | undefined;
  /** SSM version number, or the Secrets Manager VersionId holding AWSCURRENT. */
  version: number | string | undefined;
  /** Secret: false for a placeholder with no version. Parameter: true (telling a placeholder needs a read). */
  hasValue: boolean;
}

/**
 * Options for {@link listVariables}.
 * @example
 * ```ts
 * const options: ListOptions = { prefix: "billing-prod-", tags: false, backends: ["ssm"] };
 * ```
 */
export interface ListOptions extends AwsOptions {
  /** Only names that start with this (case-sensitive). Empty lists everything. */
  prefix?: string;
  /** Fetch SSM tags too (one ListTagsForResource per parameter). Default true. */
  tags?: boolean;
  /** Which backends to list. Default both. */
  backends?: readonly ("ssm" | "secretsmanager")[];
  /** Include secrets scheduled for deletion (ListSecrets IncludePlannedDeletion). Default false. */
  includeDeleted?: boolean;
}

/** SSM tags cost one call per parameter; this many run at once. */
const TAG_CONCURRENCY = 8;

/**
 * Lists stored variables from both backends, merged and sorted by name, using
 * DescribeParameters and ListSecrets (every page). It never reads a value.
 *
 * @example
 * ```ts
 * const variables = await listVariables({ prefix: "billing-prod-" });
 * for (const v of variables) console.log(v.fullName, v.type);
 * ```
 */
export async function listVariables(options: ListOptions = {}): Promise<ListedVariable[]> {
  const { prefix = "", tags = true, backends = ["ssm", "secretsmanager"], includeDeleted = false, ...aws } = options;
  const subject = [prefix ? `${prefix}*` : "*"];
  const parts = await Promise.all([
    backends.includes("ssm") ? listParameters(aws, prefix, tags).catch((e: unknown) => Promise.reject(toSenvarError(e, { variables: subject, label: "parameter", values: [] }))) : [],
    backends.includes("secretsmanager") ? listStoredSecrets(aws, prefix, includeDeleted).catch((e: unknown) => Promise.reject(toSenvarError(e, { variables: subject, label: "secret", values: [] }))) : [],
  ]);
  return parts.flat().sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : a.kind.localeCompare(b.kind)));
}

async function listParameters(aws: AwsOptions, prefix: string, withTags: boolean): Promise<ListedVariable[]> {
  const handle = await ssmClient(aws);
  const described = await describeParameters(handle, prefix ? { match: "BeginsWith", value: prefix } : undefined);
  const matching = described.filter((p) => p.name.startsWith(prefix));
  const tagsByName = new Map<string, Record<string, string>>();
  if (withTags) {
    let next = 0;
    const worker = async () => {
      while (next < matching.length) {
        const parameter = matching[next++]!;
        tagsByName.set(parameter.name, await listParameterTags(handle, parameter.name));
      }
    };
    await Promise.all(Array.from({ length: Math.min(TAG_CONCURRENCY, matching.length) }, worker));
  }
  return matching.map((p) => ({
    fullName: p.name,
    kind: "parameter",
    type: p.type === "SecureString" ? "secure parameter" : "parameter",
    lastChanged: p.lastModified,
    tags: tagsByName.get(p.name) ?? {},
    deletedDate: undefined,
    version: p.version,
    hasValue: true,
  }));
}

async function listStoredSecrets(aws: AwsOptions, prefix: string, includeDeleted: boolean): Promise<ListedVariable[]> {
  const handle = await secretsManagerClient(aws);
  const secrets = await listSecrets(handle, prefix, { includeDeleted });
  return secrets.map((s) => {
    const current = Object.entries(s.versionStages).find(([, stages]) => stages.includes(AWSCURRENT))?.[0];
    return { fullName: s.name, kind: "secret", type: "secret", lastChanged: s.lastChangedDate, tags: s.tags, deletedDate: s.deletedDate, version: current, hasValue: current !== undefined };
  });
}
