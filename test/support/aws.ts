// Independent views of what is stored: raw SDK clients and the AWS CLI, both aimed at moto.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SSMClient } from "@aws-sdk/client-ssm";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

const run = promisify(execFile);

/** A fresh app/stage pair, so tests sharing one moto never see each other's variables. */
export function uniqueScope(label = "t"): { app: string; stage: string } {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return { app: `${label}${id}`, stage: "test" };
}

/** A raw SSM client that bypasses the SDK under test. */
export function rawSsm(): SSMClient {
  return new SSMClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: "us-east-1" });
}

/** A raw Secrets Manager client that bypasses the SDK under test. */
export function rawSecrets(): SecretsManagerClient {
  return new SecretsManagerClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: "us-east-1" });
}

/** Runs the AWS CLI (v1) against moto and parses its JSON output. */
export async function awsCli<T = unknown>(args: string[], endpoint = process.env.SENVAR_TEST_ENDPOINT ?? process.env.AWS_ENDPOINT_URL): Promise<T> {
  const { stdout } = await run("aws", ["--endpoint-url", endpoint!, "--region", "us-east-1", "--output", "json", ...args], { env: process.env });
  return (stdout.trim() ? JSON.parse(stdout) : undefined) as T;
}
