// An SDK-level retry of a write never creates a second version. The proxy's
// "lose-response" fault lets moto do the write and then drops the connection
// before the answer arrives, so the SDK retries a write that already happened,
// resending the same ClientRequestToken.
import { describe, expect, it } from "vitest";
import { Parameter, Secret } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { parameterVersions, secretAt, secretVersions, seedParameter, seedSecret } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();

/** The bodies of the requests to `operation`, parsed. */
function sent(operation: string): Record<string, unknown>[] {
  return ctx.proxy.requests.filter((r) => r.target.endsWith(`.${operation}`)).map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

/** Asserts the write went out twice (the lost attempt and the retry), with one token. */
function expectRetriedWithSameToken(operation: string): void {
  const bodies = sent(operation);
  expect(bodies).toHaveLength(2);
  expect(bodies[0]!.ClientRequestToken).toBeTypeOf("string");
  expect(bodies[1]!.ClientRequestToken).toBe(bodies[0]!.ClientRequestToken);
}

describe("Secrets Manager writes whose answer was lost", () => {
  it("Secret.set on an existing secret (PutSecretValue): succeeds, one new version", async () => {
    const secret = new Secret("idem", uniqueScope());
    await seedSecret(secret.fullName, "before");
    ctx.proxy.inject({ target: "PutSecretValue", fault: "lose-response" });
    const written = await secret.set("after");
    expectRetriedWithSameToken("PutSecretValue");
    const versions = await secretVersions(secret.fullName);
    expect(versions).toHaveLength(2);
    expect(versions.find((v) => v.stages.includes("AWSCURRENT"))?.id).toBe(written.versionId);
    expect(await secret.get()).toBe("after");
  });

  it("Secret.set on a new secret (CreateSecret): succeeds, one version", async () => {
    const secret = new Secret("idem", uniqueScope());
    ctx.proxy.inject({ target: "CreateSecret", fault: "lose-response" });
    const written = await secret.set("first");
    expectRetriedWithSameToken("CreateSecret");
    expect(await secretVersions(secret.fullName)).toEqual([{ id: written.versionId, stages: ["AWSCURRENT"] }]);
    expect(await secret.get()).toBe("first");
  });

  it("rotate's AWSPENDING write (PutSecretValue): succeeds, one new version, no AWSPENDING left", async () => {
    const secret = new Secret("idem", uniqueScope());
    await seedSecret(secret.fullName, "v1");
    ctx.proxy.inject({ target: "PutSecretValue", fault: "lose-response" });
    const rotated = await secret.rotate((old) => `${old}+1`);
    expectRetriedWithSameToken("PutSecretValue");
    const versions = await secretVersions(secret.fullName);
    expect(versions).toHaveLength(2);
    expect(versions.flatMap((v) => v.stages).sort()).toEqual(["AWSCURRENT", "AWSPREVIOUS"]);
    expect(versions.find((v) => v.stages.includes("AWSCURRENT"))?.id).toBe(rotated.versionId);
    expect(await secret.get()).toBe("v1+1");
  });

  it("rotate's stage move (UpdateSecretVersionStage) whose answer was lost is reported as the success it was, not as a conflict", async () => {
    const secret = new Secret("idem", uniqueScope());
    await seedSecret(secret.fullName, "v1");
    ctx.proxy.inject({ target: "UpdateSecretVersionStage", match: '"AWSCURRENT"', fault: "lose-response" });
    const rotated = await secret.rotate((old) => `${old}+1`);
    expect(sent("UpdateSecretVersionStage").filter((b) => b.VersionStage === "AWSCURRENT")).toHaveLength(2);
    expect(await secret.get()).toBe("v1+1");
    expect(await secretAt(secret.fullName, "AWSPREVIOUS")).toBe("v1");
    const versions = await secretVersions(secret.fullName);
    expect(versions).toHaveLength(2);
    expect(versions.find((v) => v.stages.includes("AWSCURRENT"))?.id).toBe(rotated.versionId);
    expect(versions.some((v) => v.stages.includes("AWSPENDING"))).toBe(false);
  });

  it("rotate on a secret that does not exist yet (CreateSecret): succeeds, one version", async () => {
    const secret = new Secret("idem", uniqueScope());
    ctx.proxy.inject({ target: "CreateSecret", fault: "lose-response" });
    const rotated = await secret.rotate((old) => `${old ?? "none"}+1`);
    expectRetriedWithSameToken("CreateSecret");
    expect(await secretVersions(secret.fullName)).toEqual([{ id: rotated.versionId, stages: ["AWSCURRENT"] }]);
    expect(await secret.get()).toBe("none+1");
  });
});

describe("SSM writes whose answer was lost (PutParameter has no idempotency token)", () => {
  it("Parameter.set creating a parameter: succeeds with one version, not a second overwrite of the same value", async () => {
    const parameter = new Parameter("idem", uniqueScope());
    ctx.proxy.inject({ target: "PutParameter", fault: "lose-response" });
    const written = await parameter.set("first");
    expect(written.version).toBe(1);
    expect(await parameterVersions(parameter.fullName)).toEqual([1]);
    expect(await parameter.get()).toBe("first");
  });

  it("Parameter.set overwriting: succeeds with the right value (SSM may count the retried overwrite as a version of its own)", async () => {
    const parameter = new Parameter("idem", uniqueScope());
    await seedParameter(parameter.fullName, "before");
    ctx.proxy.inject({ target: "PutParameter", match: '"Overwrite":true', fault: "lose-response" });
    const written = await parameter.set("after");
    expect(await parameter.get()).toBe("after");
    // SSM has no way to make this exact (no token, no version precondition);
    // the value is right either way, only the version count can be one higher.
    expect((await parameterVersions(parameter.fullName)).at(-1)).toBe(written.version);
  });
});
