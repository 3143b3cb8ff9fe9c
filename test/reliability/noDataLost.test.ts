// No data lost: a Secret deleted without `permanent` stays restorable with its
// value intact, and the two backends never overwrite each other.
import { DescribeSecretCommand, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { NotFoundError, Parameter, Secret } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { motoSecrets, motoSsm, secretAt, secretVersions } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();
const DAY = 24 * 60 * 60 * 1000;

describe("a Secret deleted without permanent", () => {
  it.each([
    { label: "the default 30-day window", options: {}, days: 30 },
    { label: "a 7-day window", options: { recoveryWindowDays: 7 }, days: 7 },
  ])("stays restorable for $label, with every version and value intact", async ({ options, days }) => {
    const secret = new Secret("keep", uniqueScope());
    await secret.set("first\nvalue");
    await secret.set("second\nvalue");
    const before = await secretVersions(secret.fullName);

    const result = await secret.delete(options);
    expect(result.permanent).toBe(false);
    expect(JSON.parse(ctx.proxy.requests.find((r) => r.target.endsWith("DeleteSecret"))!.body)).toEqual({ SecretId: secret.fullName, RecoveryWindowInDays: days });
    expect(Math.abs(result.deletionDate!.getTime() - (Date.now() + days * DAY))).toBeLessThan(DAY);
    const described = await motoSecrets().send(new DescribeSecretCommand({ SecretId: secret.fullName }));
    expect(described.DeletedDate).toBeInstanceOf(Date);

    // While scheduled: reads say so (and how to undo it), writes are refused, nothing is lost.
    const read = await rejection(secret.get());
    expect(read).toBeInstanceOf(NotFoundError);
    expect(read.message).toContain("scheduled for deletion");
    expect((read as NotFoundError).hint).toContain(`secrets restore ${secret.fullName}`);
    // AWS refuses PutSecretValue on a secret scheduled for deletion; moto 5.2.1
    // accepts it (measured), so the proxy answers as AWS would.
    ctx.proxy.inject({ target: "PutSecretValue", fault: "aws-error", type: "InvalidRequestException", message: "You can't perform this operation on the secret because it was marked for deletion." });
    const write = await rejection(secret.set("overwritten while deleted"));
    expect(write).toBeInstanceOf(NotFoundError);
    expect(write.message).toContain("scheduled for deletion");
    expect((write as NotFoundError).hint).toContain("secrets restore");
    const rotation = await rejection(secret.rotate(() => "rotated while deleted"));
    expect(rotation).toBeInstanceOf(NotFoundError);
    expect(rotation.message).toContain("scheduled for deletion");

    await secret.restore();
    expect(await secret.get()).toBe("second\nvalue");
    expect(await secretAt(secret.fullName, "AWSPREVIOUS")).toBe("first\nvalue");
    expect(await secretVersions(secret.fullName)).toEqual(before);
  });

  it("with permanent: true is gone at once, and a new secret of that name starts afresh", async () => {
    const secret = new Secret("gone", uniqueScope());
    await secret.set("old");
    const result = await secret.delete({ permanent: true });
    expect(result).toMatchObject({ permanent: true, deletionDate: undefined });
    expect(JSON.parse(ctx.proxy.requests.find((r) => r.target.endsWith("DeleteSecret"))!.body)).toEqual({ SecretId: secret.fullName, ForceDeleteWithoutRecovery: true });
    expect(await rejection(secret.get())).toBeInstanceOf(NotFoundError);
  });
});

describe("the two backends never overwrite each other", () => {
  it("Parameter.set and Secret.set of the same full name land in different stores and both survive", async () => {
    const scope = uniqueScope();
    const secret = new Secret("shared", scope);
    const parameter = new Parameter("shared", scope);
    expect(secret.fullName).toBe(parameter.fullName);

    await secret.set("the secret");
    await parameter.set("the parameter");
    expect(await secret.get()).toBe("the secret");
    await secret.set("the secret, again");
    expect(await parameter.get()).toBe("the parameter");

    // Independently of the SDK under test: each store holds only its own. By
    // stage: moto, unlike AWS, answers an unstaged read with the version it last
    // made current by a plain put, not the one a stage move made current.
    const stored = await motoSecrets().send(new GetSecretValueCommand({ SecretId: secret.fullName, VersionStage: "AWSCURRENT" }));
    const param = await motoSsm().send(new GetParameterCommand({ Name: parameter.fullName }));
    expect(stored.SecretString).toBe("the secret, again");
    expect(param.Parameter?.Value).toBe("the parameter");
    expect(ctx.proxy.requests.filter((r) => r.target.startsWith("AmazonSSM")).every((r) => JSON.parse(r.body).Name === parameter.fullName)).toBe(true);
  });

  it("deleting one leaves the other alone", async () => {
    const scope = uniqueScope();
    const secret = Secret.fromName(`${scope.app}-test-both`);
    const parameter = Parameter.fromName(`${scope.app}-test-both`);
    await secret.set("s");
    await parameter.set("p");
    await parameter.delete();
    expect(await secret.get()).toBe("s");
    await parameter.set("p2");
    await secret.delete({ permanent: true });
    expect(await parameter.get()).toBe("p2");
  });
});
