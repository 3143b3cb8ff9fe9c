import { getParameterHistory, type ssmClient } from "../providers/ssm.js";
import { AWSCURRENT, listSecretVersionIds, type secretsManagerClient } from "../providers/secretsManager.js";
import type { StoredType } from "./types.js";

type SecretsHandle = Awaited<ReturnType<typeof secretsManagerClient>>;
type SsmHandle = Awaited<ReturnType<typeof ssmClient>>;

/**
 * One version of a secret, as `Secret.history()` reports it: its id, staging
 * labels and dates. Never the value.
 *
 * @example
 * ```ts
 * const entry: SecretHistoryEntry = {
 *   kind: "secret", versionId: "3f1c…", stages: ["AWSCURRENT"], current: true,
 *   created: new Date("2025-01-01T00:00:00Z"), lastAccessed: undefined,
 * };
 * ```
 */
export interface SecretHistoryEntry {
  kind: "secret";
  versionId: string;
  /** AWSCURRENT, AWSPREVIOUS, AWSPENDING or custom labels; empty for a deprecated version. */
  stages: string[];
  /** True for the version that holds AWSCURRENT. */
  current: boolean;
  created: Date | undefined;
  /** AWS records this to the day only. */
  lastAccessed: Date | undefined;
}

/**
 * One version of a parameter, as `Parameter.history()` reports it: its SSM
 * version number, labels, type and who changed it when. Never the value.
 *
 * @example
 * ```ts
 * const entry: ParameterHistoryEntry = {
 *   kind: "parameter", version: 3, current: true, type: "secure parameter", tier: "Standard",
 *   labels: [], lastModified: new Date("2025-01-01T00:00:00Z"), lastModifiedUser: "arn:aws:iam::123456789012:user/ops",
 * };
 * ```
 */
export interface ParameterHistoryEntry {
  kind: "parameter";
  version: number;
  /** True for the latest version, the one `get()` reads. */
  current: boolean;
  type: StoredType;
  tier: string | undefined;
  /** Parameter labels (LabelParameterVersion), not staging labels. */
  labels: string[];
  lastModified: Date | undefined;
  lastModifiedUser: string | undefined;
}

/**
 * Every version of a secret, newest first. Deprecated versions (no label) are
 * included, because a rollback may name one. One ListSecretVersionIds per page.
 * @example
 * ```ts
 * const versions = await secretHistory(await secretsManagerClient({}), "billing-prod-dbPassword");
 * ```
 */
export async function secretHistory(handle: SecretsHandle, fullName: string): Promise<SecretHistoryEntry[]> {
  const versions = await listSecretVersionIds(handle, fullName);
  return versions
    .map((v, index) => ({ index, entry: { kind: "secret" as const, versionId: v.versionId, stages: [...v.stages].sort(), current: v.stages.includes(AWSCURRENT), created: v.created, lastAccessed: v.lastAccessed } }))
    .sort((a, b) => (b.entry.created?.getTime() ?? 0) - (a.entry.created?.getTime() ?? 0) || rank(b.entry.stages) - rank(a.entry.stages) || b.index - a.index)
    .map(({ entry }) => entry);
}

/**
 * Creation dates have one-second precision, so versions written in the same
 * second need a tie-break: AWSCURRENT is the newest, then AWSPENDING (being
 * written), then AWSPREVIOUS, then the rest in the order AWS listed them.
 */
function rank(stages: string[]): number {
  if (stages.includes(AWSCURRENT)) return 3;
  if (stages.includes("AWSPENDING")) return 2;
  if (stages.includes("AWSPREVIOUS")) return 1;
  return 0;
}

/**
 * Every version of a parameter SSM keeps (the latest 100), newest first. One GetParameterHistory per page.
 * @example
 * ```ts
 * const [latest] = await parameterHistory(await ssmClient({}), "billing-prod-featureFlag");
 * ```
 */
export async function parameterHistory(handle: SsmHandle, fullName: string): Promise<ParameterHistoryEntry[]> {
  const versions = await getParameterHistory(handle, fullName);
  const latest = Math.max(0, ...versions.map((v) => v.version));
  return versions
    .map((v) => ({
      kind: "parameter" as const,
      version: v.version,
      current: v.version === latest,
      type: v.type === "SecureString" ? ("secure parameter" as const) : ("parameter" as const),
      tier: v.tier,
      labels: [...v.labels].sort(),
      lastModified: v.lastModified,
      lastModifiedUser: v.lastModifiedUser,
    }))
    .sort((a, b) => b.version - a.version);
}
