// Seeding and inspecting moto directly, never through the fault proxy, so that
// nothing here is counted or faulted. The SDK under test is not involved.
import { expect } from "vitest";
import { CreateSecretCommand, GetSecretValueCommand, ListSecretVersionIdsCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterHistoryCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";

const endpoint = (): string => process.env.SENVAR_TEST_ENDPOINT!;
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
let ssm: SSMClient | undefined;
let secrets: SecretsManagerClient | undefined;

/** A raw SSM client aimed at moto itself. */
export function motoSsm(): SSMClient {
  return (ssm ??= new SSMClient({ endpoint: endpoint(), region: "us-east-1", credentials }));
}

/** A raw Secrets Manager client aimed at moto itself. */
export function motoSecrets(): SecretsManagerClient {
  return (secrets ??= new SecretsManagerClient({ endpoint: endpoint(), region: "us-east-1", credentials }));
}

/** Creates a secret with a first value. */
export async function seedSecret(name: string, value: string): Promise<string> {
  const out = await motoSecrets().send(new CreateSecretCommand({ Name: name, SecretString: value }));
  return out.VersionId!;
}

/** Creates a String parameter. */
export async function seedParameter(name: string, value: string): Promise<void> {
  await motoSsm().send(new PutParameterCommand({ Name: name, Value: value, Type: "String" }));
}

/** Every version of a secret with its labels, deprecated (unlabelled) ones included. */
export async function secretVersions(name: string): Promise<{ id: string; stages: string[] }[]> {
  const out = await motoSecrets().send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }));
  return (out.Versions ?? []).map((v) => ({ id: v.VersionId!, stages: v.VersionStages ?? [] }));
}

/** The value that carries `stage`, read by stage (moto's default answer can be stale). */
export async function secretAt(name: string, stage: string): Promise<string | undefined> {
  const out = await motoSecrets().send(new GetSecretValueCommand({ SecretId: name, VersionStage: stage }));
  return out.SecretString;
}

/** Every stored version number of a parameter. */
export async function parameterVersions(name: string): Promise<number[]> {
  const out = await motoSsm().send(new GetParameterHistoryCommand({ Name: name }));
  return (out.Parameters ?? []).map((p) => p.Version!);
}

/**
 * Asserts the labels are as Secrets Manager must hold them after any write:
 * exactly one AWSCURRENT, at most one AWSPREVIOUS, no AWSPENDING left behind.
 */
export async function expectCleanLabels(name: string): Promise<{ current: string; previous: string | undefined }> {
  const versions = await secretVersions(name);
  const holding = (stage: string) => versions.filter((v) => v.stages.includes(stage)).map((v) => v.id);
  expect(holding("AWSPENDING")).toEqual([]);
  expect(holding("AWSCURRENT")).toHaveLength(1);
  expect(holding("AWSPREVIOUS").length).toBeLessThanOrEqual(1);
  return { current: holding("AWSCURRENT")[0]!, previous: holding("AWSPREVIOUS")[0] };
}
