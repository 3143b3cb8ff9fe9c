import { clientKey } from "../providers/clients.js";
import { GET_PARAMETERS_BATCH, getParameters, ssmClient } from "../providers/ssm.js";
import { toSenvarError } from "./awsErrors.js";
import { ValidationError } from "./errors.js";
import { listVariables, type ListedVariable } from "./list.js";
import { Parameter } from "./parameter.js";
import { Secret } from "./secret.js";
import type { AwsOptions, StoredType, VariableKind, VariableMetadata } from "./types.js";
import { PLACEHOLDER_VALUE } from "./values.js";
import type { SenvarVariable } from "./variable.js";

/**
 * Where a declared variable stands:
 * - `ok`: stored in its backend, with a value;
 * - `missing`: in neither backend;
 * - `not set`: a placeholder (a secret with no version, or the SSM placeholder value);
 * - `scheduled for deletion`: a secret deleted within its recovery window;
 * - `wrong backend`: not in its declared backend, but in the other one (say, declared a Secret, stored in SSM).
 * @example
 * ```ts
 * const failing: DeclaredState[] = ["missing", "not set", "scheduled for deletion", "wrong backend"];
 * ```
 */
export type DeclaredState = "ok" | "missing" | "not set" | "scheduled for deletion" | "wrong backend";

/**
 * What is stored under a declared name, from metadata: never a value.
 * @example
 * ```ts
 * const stored: StoredSummary = { kind: "parameter", type: "secure parameter", version: 3, lastChanged: undefined };
 * ```
 */
export interface StoredSummary {
  kind: VariableKind;
  type: StoredType;
  /** SSM version number, or the VersionId holding AWSCURRENT. */
  version: number | string | undefined;
  lastChanged: Date | undefined;
}

/**
 * One declared variable set against what is stored.
 * @example
 * ```ts
 * const row: DeclaredStatus = { fullName: "billing-prod-dbPassword", kind: "secret", encrypted: true, state: "not set", stored: undefined, notes: [] };
 * ```
 */
export interface DeclaredStatus {
  fullName: string;
  /** The declared kind. */
  kind: VariableKind;
  /** Declared encrypted (always true for a Secret). */
  encrypted: boolean;
  state: DeclaredState;
  /** What is stored: in the declared backend, or in the other one when the state is `wrong backend`. */
  stored: StoredSummary | undefined;
  /** Remarks that do not fail the check, such as a declared SecureString stored as a String. */
  notes: string[];
}

/**
 * What {@link checkStatus} found.
 * @example
 * ```ts
 * const report: StatusReport = { declared: [], undeclared: [], prefix: "billing-prod-", ready: true };
 * ```
 */
export interface StatusReport {
  declared: DeclaredStatus[];
  /** Stored under `prefix` (in either backend) but not declared. */
  undeclared: ListedVariable[];
  prefix: string | undefined;
  /** True when every declared variable is `ok`: the deploy gate. */
  ready: boolean;
}

/**
 * Options of {@link checkStatus}: the AWS settings of the listing, and the prefix it lists.
 * @example
 * ```ts
 * const options: StatusOptions = { prefix: "billing-prod-", region: "eu-west-1" };
 * ```
 */
export interface StatusOptions extends AwsOptions {
  /** List both backends under this prefix to find undeclared variables; omit to skip that. */
  prefix?: string | undefined;
}

/**
 * Sets declared variables against what is stored, for a deploy gate: which
 * are missing, placeholders, scheduled for deletion or in the wrong backend,
 * and what is stored under the prefix without being declared.
 *
 * It uses metadata calls only (DescribeParameters, ListSecrets, and
 * DescribeSecret for names outside the listing), and reads a value for one
 * purpose: telling the SSM placeholder from a real value. Only parameters at
 * version 1 can hold it (the placeholder is written on create, `set()`
 * refuses it, and any later write adds a version), so only those are read,
 * with GetParameters, ten at a time. Values read are compared and dropped.
 *
 * @example
 * ```ts
 * const report = await checkStatus([dbPassword, featureFlag], { prefix: "billing-prod-" });
 * if (!report.ready) process.exitCode = 1;
 * ```
 */
export async function checkStatus(variables: readonly SenvarVariable[], options: StatusOptions = {}): Promise<StatusReport> {
  const { prefix, ...aws } = options;
  const listing = prefix === undefined ? [] : await listVariables({ ...aws, prefix, tags: false, includeDeleted: true });
  const listed = new Map<string, Partial<Record<VariableKind, ListedVariable>>>();
  for (const entry of listing) listed.set(entry.fullName, { ...listed.get(entry.fullName), [entry.kind]: entry });
  const listingKey = clientKey("ssm", aws);

  const lookups = await Promise.all(
    variables.map(async (variable) => {
      const fullName = variable.fullName;
      if (prefix !== undefined && fullName.startsWith(prefix) && clientKey("ssm", variable.awsOptions) === listingKey) {
        const entry = listed.get(fullName) ?? {};
        return { variable, secret: entry.secret && fromListing(entry.secret), parameter: entry.parameter && fromListing(entry.parameter) };
      }
      const [secret, parameter] = await Promise.all([probe(variable, "secret"), probe(variable, "parameter")]);
      return { variable, secret, parameter };
    }),
  );

  const declared = lookups.map(({ variable, secret, parameter }) => judge(variable, variable.kind === "secret" ? secret : parameter, variable.kind === "secret" ? parameter : secret));
  await markPlaceholders(declared, new Map(lookups.map(({ variable }) => [variable.fullName, variable])));
  declared.sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
  const names = new Set(declared.map((d) => d.fullName));
  return { declared, undeclared: listing.filter((entry) => !names.has(entry.fullName)), prefix, ready: declared.every((d) => d.state === "ok") };
}

/** What a stored entry says, as the metadata call would have said it. */
type Found = Pick<VariableMetadata, "kind" | "type" | "version" | "lastChanged" | "hasValue" | "deletedDate">;

function fromListing(entry: ListedVariable): Found {
  return { kind: entry.kind, type: entry.type, version: entry.version, lastChanged: entry.lastChanged, hasValue: entry.hasValue, deletedDate: entry.deletedDate };
}

/**
 * Metadata of the name in one backend. A name the other backend's rules
 * reject (an SSM `aws` prefix, a character Secrets Manager forbids) cannot
 * be stored there, so it is simply not found.
 */
async function probe(variable: SenvarVariable, kind: VariableKind): Promise<Found | undefined> {
  try {
    if (kind === variable.kind) return await variable.metadata();
    const other = kind === "secret" ? Secret.fromName(variable.fullName, variable.awsOptions) : Parameter.fromName(variable.fullName, variable.awsOptions);
    return await other.metadata();
  } catch (error) {
    if (kind !== variable.kind && error instanceof ValidationError && error.region === undefined) return undefined;
    throw error;
  }
}

const BACKEND = { secret: "Secrets Manager", parameter: "SSM Parameter Store" } as const;

function judge(variable: SenvarVariable, own: Found | undefined, other: Found | undefined): DeclaredStatus {
  const base = { fullName: variable.fullName, kind: variable.kind, encrypted: variable.encrypted, notes: [] as string[] };
  const summary = (found: Found): StoredSummary => ({ kind: found.kind, type: found.type, version: found.version, lastChanged: found.lastChanged });
  if (!own) {
    if (!other) return { ...base, state: "missing", stored: undefined };
    return { ...base, state: "wrong backend", stored: summary(other), notes: [`declared a ${variable.kind}, but stored in ${BACKEND[other.kind]}`] };
  }
  if (other) base.notes.push(`also stored in ${BACKEND[other.kind]}`);
  if (variable.kind === "parameter" && variable.encrypted && own.type === "parameter") base.notes.push("declared encrypted, but stored as a plain String");
  const state: DeclaredState = own.deletedDate ? "scheduled for deletion" : own.hasValue ? "ok" : "not set";
  return { ...base, state, stored: summary(own) };
}

/** Reads the version-1 parameters, ten a call per client, and marks those holding the placeholder as not set. */
async function markPlaceholders(declared: DeclaredStatus[], byName: Map<string, SenvarVariable>): Promise<void> {
  const candidates = declared.filter((d) => d.kind === "parameter" && d.state === "ok" && d.stored?.version === 1);
  const groups = new Map<string, { aws: AwsOptions; rows: DeclaredStatus[] }>();
  for (const row of candidates) {
    const aws = byName.get(row.fullName)!.awsOptions;
    const key = clientKey("ssm", aws);
    groups.set(key, { aws, rows: [...(groups.get(key)?.rows ?? []), row] });
  }
  const read: string[] = [];
  const batches: Promise<void>[] = [];
  for (const { aws, rows } of groups.values()) {
    for (let i = 0; i < rows.length; i += GET_PARAMETERS_BATCH) {
      const chunk = rows.slice(i, i + GET_PARAMETERS_BATCH);
      const load = async () => {
        const result = await getParameters(await ssmClient(aws), chunk.map((r) => r.fullName));
        for (const parameter of result.found) {
          read.push(parameter.value);
          if (parameter.value === PLACEHOLDER_VALUE) chunk.find((r) => r.fullName === parameter.name)!.state = "not set";
        }
      };
      batches.push(load().catch((error: unknown) => Promise.reject({ error, names: chunk.map((r) => r.fullName) })));
    }
  }
  // Map a failure only once every batch has settled, so that it is redacted of every value read.
  const failure = (await Promise.allSettled(batches)).find((r): r is PromiseRejectedResult => r.status === "rejected");
  try {
    if (failure) {
      const { error, names } = failure.reason as { error: unknown; names: string[] };
      throw toSenvarError(error, { variables: names, label: "parameter", values: read });
    }
  } finally {
    read.length = 0;
  }
}
