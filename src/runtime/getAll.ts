import { AwsCallFailure, clientKey } from "../providers/clients.js";
import {
  AWSCURRENT,
  BATCH_GET_SECRETS,
  batchGetSecretValue,
  describeSecret,
  getSecretValue,
  secretsManagerClient,
  type StoredSecretValue,
} from "../providers/secretsManager.js";
import { GET_PARAMETERS_BATCH, getParameters, ssmClient } from "../providers/ssm.js";
import { toSenvarError } from "./awsErrors.js";
import { NotFoundError, NotSetError } from "./errors.js";
import type { AwsOptions } from "./types.js";
import { PLACEHOLDER_VALUE } from "./values.js";
import type { SenvarVariable } from "./variable.js";

/**
 * The values of `T`, under the same keys (or positions, for a tuple).
 * @example
 * ```ts
 * const values: Values<{ dbPassword: Secret }> = await getAll({ dbPassword }); // { dbPassword: string }
 * ```
 */
export type Values<T> = { -readonly [K in keyof T]: string };

type SecretsHandle = Awaited<ReturnType<typeof secretsManagerClient>>;

/** Variables of one backend that share a client, and so one batch. */
interface Group {
  backend: "ssm" | "secretsmanager";
  options: AwsOptions;
  names: string[];
}

/** Why a variable has no value. */
type Missing = { fullName: string; region: string; reason: "not found" | "not set" | "scheduled for deletion" };

/**
 * Loads many variables in as few requests as AWS allows, all at once: SSM
 * GetParameters (10 names a call) and Secrets Manager BatchGetSecretValue (20
 * a call), concurrently. Made for cold start.
 *
 * @param variables A record or an array (tuple) of variables.
 * @returns Their values under the same keys, typed.
 * @throws NotFoundError listing every variable that is missing (and any not set);
 *   NotSetError when every failure is a placeholder without a value.
 * @example
 * ```ts
 * const { dbPassword, featureFlag } = await getAll({ dbPassword, featureFlag });
 * const [a, b] = await getAll([secretA, parameterB] as const);
 * ```
 */
export async function getAll<const T extends Readonly<Record<string, SenvarVariable>> | readonly SenvarVariable[]>(variables: T): Promise<Values<T>> {
  const entries = Object.entries(variables) as [string, SenvarVariable][];
  const groups = new Map<string, Group>();
  for (const [, variable] of entries) {
    const groupKey = clientKey(variable.backend, variable.awsOptions);
    let group = groups.get(groupKey);
    if (!group) {
      group = { backend: variable.backend, options: variable.awsOptions, names: [] };
      groups.set(groupKey, group);
    }
    if (!group.names.includes(variable.fullName)) group.names.push(variable.fullName);
  }

  const found = new Map<string, string>();
  const missing: Missing[] = [];
  const requests: Promise<void>[] = [];
  for (const group of groups.values()) {
    const size = group.backend === "ssm" ? GET_PARAMETERS_BATCH : BATCH_GET_SECRETS;
    for (let i = 0; i < group.names.length; i += size) {
      const chunk = group.names.slice(i, i + size);
      const load = group.backend === "ssm" ? loadParameters(group.options, chunk, found, missing) : loadSecrets(group.options, chunk, found, missing);
      requests.push(load.catch((error: unknown) => Promise.reject(new BatchFailure(error, chunk, group.backend === "ssm" ? "parameter" : "secret"))));
    }
  }
  // Wait for every batch before mapping a failure, so that the error is
  // redacted of every value any batch read, not only those of its own batch.
  const failure = (await Promise.allSettled(requests)).find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) {
    const { error, variables, label } = failure.reason as BatchFailure;
    throw toSenvarError(error, { variables, label, values: [...found.values()] });
  }

  if (missing.length > 0) throw missingError(missing);
  const result: Record<string, string> = Array.isArray(variables) ? ([] as unknown as Record<string, string>) : {};
  for (const [key, variable] of entries) result[key] = found.get(variable.fullName)!;
  return result as Values<T>;
}

/** A batch that failed, with what the error boundary needs to name it. */
class BatchFailure {
  constructor(
    readonly error: unknown,
    readonly variables: string[],
    readonly label: "parameter" | "secret",
  ) {}
}

async function loadParameters(options: AwsOptions, names: string[], found: Map<string, string>, missing: Missing[]): Promise<void> {
  const handle = await ssmClient(options);
  const result = await getParameters(handle, names);
  for (const parameter of result.found) {
    if (parameter.value === PLACEHOLDER_VALUE) missing.push({ fullName: parameter.name, region: handle.region, reason: "not set" });
    else found.set(parameter.name, parameter.value);
  }
  for (const name of result.invalid) missing.push({ fullName: name, region: handle.region, reason: "not found" });
}

async function loadSecrets(options: AwsOptions, names: string[], found: Map<string, string>, missing: Missing[]): Promise<void> {
  const handle = await secretsManagerClient(options);
  let result: Awaited<ReturnType<typeof batchGetSecretValue>>;
  try {
    result = await batchGetSecretValue(handle, names);
  } catch (error) {
    // AWS reports a secret without a value in `Errors`; moto fails the whole
    // call instead. Fall back to one read per secret, in parallel.
    if (!(error instanceof AwsCallFailure && error.code === "ResourceNotFoundException")) throw error;
    result = await readOneByOne(handle, names);
  }
  const stale: string[] = [];
  for (const secret of result.values) {
    // AWS always answers with AWSCURRENT; moto, after a stage move, answers
    // with the old version. Re-read any such entry by its stage.
    if (!secret.stages.includes(AWSCURRENT)) stale.push(secret.name);
    else if (secret.value !== undefined) found.set(secret.name, secret.value);
  }
  const failed = result.errors.map((e) => ({ name: names.find((n) => n === e.secretId) ?? e.secretId, code: e.code }));
  const unexpected = failed.find((f) => f.code !== "ResourceNotFoundException");
  if (unexpected) {
    throw new AwsCallFailure("secretsmanager:GetSecretValue", handle.region, { name: unexpected.code, message: `${unexpected.code} for ${unexpected.name}` });
  }
  await Promise.all([
    ...stale.map(async (name) => {
      const current = await getSecretValue(handle, name);
      if (current.value !== undefined) found.set(name, current.value);
    }),
    ...failed.map(async ({ name }) => missing.push({ fullName: name, region: handle.region, reason: await whyMissing(handle, name) })),
  ]);
}

async function readOneByOne(handle: SecretsHandle, names: string[]): Promise<Awaited<ReturnType<typeof batchGetSecretValue>>> {
  const values: StoredSecretValue[] = [];
  const errors: { secretId: string; code: string }[] = [];
  await Promise.all(
    names.map(async (name) => {
      try {
        values.push(await getSecretValue(handle, name));
      } catch (error) {
        if (!(error instanceof AwsCallFailure && error.code === "ResourceNotFoundException")) throw error;
        errors.push({ secretId: name, code: error.code });
      }
    }),
  );
  return { values, errors };
}

/** A secret that BatchGetSecretValue could not find may exist without a value. */
async function whyMissing(handle: SecretsHandle, name: string): Promise<Missing["reason"]> {
  try {
    const description = await describeSecret(handle, name);
    return description.deletedDate ? "scheduled for deletion" : "not set";
  } catch (error) {
    if (error instanceof AwsCallFailure && error.code === "ResourceNotFoundException") return "not found";
    throw error;
  }
}

function missingError(missing: Missing[]): NotFoundError | NotSetError {
  const sorted = [...missing].sort((a, b) => a.fullName.localeCompare(b.fullName));
  const names = sorted.map((m) => m.fullName);
  const regions = [...new Set(sorted.map((m) => m.region))].join(", ");
  const list = sorted.map((m) => `${m.fullName} (${m.reason})`).join(", ");
  const onlyNotSet = sorted.every((m) => m.reason === "not set");
  const details = {
    variables: names,
    region: regions,
    hint: onlyNotSet ? `set them with: secrets set <name>` : "create the missing variables with: secrets set <name> (add --secret for secrets)",
  };
  const message = `${sorted.length} variable${sorted.length > 1 ? "s have" : " has"} no value (region ${regions}): ${list}`;
  return onlyNotSet ? new NotSetError(message, details) : new NotFoundError(message, details);
}
