// history() on both backends against moto: versions with their dates and
// labels, newest first, and never a value.
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { LabelParameterVersionCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { NotFoundError, Parameter, Secret } from "../../src/index.js";
import { rawSecrets, rawSsm, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";

describe("Secret.history", () => {
  it("lists every version newest first, with its staging labels and dates, and no value", async () => {
    const secret = new Secret("historied", uniqueScope("h"));
    const first = await secret.set("history-value-one");
    const second = await secret.set("history-value-two");
    const third = await secret.set("history-value-three");
    const versions = await secret.history();
    expect(versions.map((v) => v.versionId)).toEqual([third.versionId, second.versionId, first.versionId]);
    expect(versions.map((v) => v.stages)).toEqual([["AWSCURRENT"], ["AWSPREVIOUS"], []]);
    expect(versions.map((v) => v.current)).toEqual([true, false, false]);
    for (const v of versions) {
      expect(v.kind).toBe("secret");
      expect(v.created).toBeInstanceOf(Date);
    }
    expect(JSON.stringify(versions)).not.toMatch(/history-value/);
  });

  it("is empty for a placeholder secret with no version yet", async () => {
    const secret = new Secret("placeholderHistory", uniqueScope("h"));
    await rawSecrets().send(new CreateSecretCommand({ Name: secret.fullName }));
    expect(await secret.history()).toEqual([]);
  });

  it("fails with NotFoundError naming the secret when it does not exist", async () => {
    const secret = new Secret("neverStored", uniqueScope("h"));
    const error = await rejection(secret.history());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(secret.fullName);
  });
});

describe("Parameter.history", () => {
  it("lists SSM version numbers newest first, with type, tier, labels and who changed it, and no value (even decrypted)", async () => {
    const parameter = new Parameter("historiedFlag", { ...uniqueScope("h"), encrypted: true });
    for (const value of ["param-history-a", "param-history-b", "param-history-c"]) await parameter.set(value);
    await rawSsm().send(new LabelParameterVersionCommand({ Name: parameter.fullName, ParameterVersion: 2, Labels: ["known-good"] }));
    const versions = await parameter.history();
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions.map((v) => v.current)).toEqual([true, false, false]);
    expect(versions.map((v) => v.labels)).toEqual([[], ["known-good"], []]);
    for (const v of versions) expect(v).toMatchObject({ kind: "parameter", type: "secure parameter", tier: "Standard", lastModified: expect.any(Date) });
    expect(JSON.stringify(versions)).not.toMatch(/param-history|kms:/);
  });

  it("fails with NotFoundError naming the parameter when it does not exist", async () => {
    const parameter = new Parameter("neverStoredFlag", uniqueScope("h"));
    const error = await rejection(parameter.history());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(parameter.fullName);
  });
});
