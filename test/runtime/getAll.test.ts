import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { getAll, NotFoundError, NotSetError, Parameter, PLACEHOLDER_VALUE, resetClients, Secret } from "../../src/index.js";
import { rawSecrets, rawSsm, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { startFaultProxy, type FaultProxy } from "../support/faultProxy.js";

let proxy: FaultProxy;
const motoUrl = process.env.AWS_ENDPOINT_URL!;

beforeAll(async () => {
  proxy = await startFaultProxy(motoUrl);
  process.env.AWS_ENDPOINT_URL = proxy.url;
  resetClients();
});
afterAll(async () => {
  process.env.AWS_ENDPOINT_URL = motoUrl;
  resetClients();
  await proxy.close();
});
beforeEach(() => proxy.reset());

/** Seeds n parameters and n secrets through raw clients (straight to moto, not counted). */
async function seed(n: number, scope = uniqueScope()) {
  const ssm = new (await import("@aws-sdk/client-ssm")).SSMClient({ endpoint: motoUrl, region: "us-east-1" });
  const sm = new (await import("@aws-sdk/client-secrets-manager")).SecretsManagerClient({ endpoint: motoUrl, region: "us-east-1" });
  const parameters: Record<string, Parameter> = {};
  const secrets: Record<string, Secret> = {};
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const p = new Parameter(`param${i}`, { ...scope, encrypted: i % 2 === 0 });
      const s = new Secret(`secret${i}`, scope);
      parameters[`param${i}`] = p;
      secrets[`secret${i}`] = s;
      await ssm.send(new PutParameterCommand({ Name: p.fullName, Value: `p-value-${i}`, Type: p.encrypted ? "SecureString" : "String" }));
      await sm.send(new CreateSecretCommand({ Name: s.fullName, SecretString: `s-value-${i}` }));
    }),
  );
  return { parameters, secrets, scope };
}

describe("getAll", () => {
  it("loads 25 parameters and 25 secrets in 3 GetParameters and 2 BatchGetSecretValue calls, concurrently", async () => {
    const { parameters, secrets } = await seed(25);
    proxy.reset();
    proxy.latencyMs = 50;
    const values = await getAll({ ...parameters, ...secrets });
    for (let i = 0; i < 25; i++) {
      expect(values[`param${i}`]).toBe(`p-value-${i}`);
      expect(values[`secret${i}`]).toBe(`s-value-${i}`);
    }
    expect(proxy.count("GetParameters")).toBe(3);
    expect(proxy.count("BatchGetSecretValue")).toBe(2);
    expect(proxy.requests).toHaveLength(5);
    expect(proxy.peakConcurrency).toBe(5);
    // SecureStrings come back decrypted: the calls asked for it.
    for (const r of proxy.requests.filter((r) => r.target.endsWith("GetParameters"))) expect(JSON.parse(r.body).WithDecryption).toBe(true);
  });

  it("accepts a tuple and answers by position", async () => {
    const { parameters, secrets } = await seed(2);
    const [a, b, c] = await getAll([parameters.param0!, secrets.secret1!, parameters.param1!] as const);
    expect([a, b, c]).toEqual(["p-value-0", "s-value-1", "p-value-1"]);
  });

  it("asks once for a variable listed twice", async () => {
    const { parameters } = await seed(1);
    proxy.reset();
    const values = await getAll({ first: parameters.param0!, again: Parameter.fromName(parameters.param0!.fullName) });
    expect(values).toEqual({ first: "p-value-0", again: "p-value-0" });
    expect(JSON.parse(proxy.requests[0]!.body).Names).toEqual([parameters.param0!.fullName]);
  });

  it("fails with one error that lists every missing variable", async () => {
    const { parameters, secrets, scope } = await seed(1);
    const ghostParam = new Parameter("ghostParam", scope);
    const ghostSecret = new Secret("ghostSecret", scope);
    const error = (await rejection(getAll({ ...parameters, ...secrets, ghostParam, ghostSecret }))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.variables).toEqual([ghostParam.fullName, ghostSecret.fullName].sort());
    expect(error.message).toContain(`${ghostParam.fullName} (not found)`);
    expect(error.message).toContain(`${ghostSecret.fullName} (not found)`);
    expect(error.message).toContain("us-east-1");
  });

  it("reports placeholders as not set", async () => {
    const scope = uniqueScope();
    const flag = new Parameter("flag", scope);
    const token = new Secret("token", scope);
    await rawSsm().send(new PutParameterCommand({ Name: flag.fullName, Value: PLACEHOLDER_VALUE, Type: "String" }));
    await rawSecrets().send(new CreateSecretCommand({ Name: token.fullName }));
    const error = (await rejection(getAll({ flag, token }))) as NotSetError;
    expect(error).toBeInstanceOf(NotSetError);
    expect(error.message).toContain(`${flag.fullName} (not set)`);
    expect(error.message).toContain(`${token.fullName} (not set)`);
  });

  it("returns the rotated value after a rotation (moto's batch answer is stale, so it is re-read)", async () => {
    const { secrets } = await seed(1);
    const secret = secrets.secret0!;
    await secret.rotate((old) => `${old}-rotated`);
    expect(await getAll({ secret })).toEqual({ secret: "s-value-0-rotated" });
  });
});
