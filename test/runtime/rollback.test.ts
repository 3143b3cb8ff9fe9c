// rollback() on both backends against moto: what it moves or rewrites, and
// every refusal, each of which must leave the stored state as it was.
import { GetParameterCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { NotFoundError, NotSetError, Parameter, PLACEHOLDER_VALUE, Secret, ValidationError, type SecretRollbackPlan } from "../../src/index.js";
import { rawSsm, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { motoSecrets, secretAt, secretVersions } from "../support/moto.js";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";

async function labels(name: string): Promise<Record<string, string[]>> {
  return Object.fromEntries((await secretVersions(name)).map((v) => [v.id, [...v.stages].sort()]));
}

describe("Secret.rollback", () => {
  it("moves AWSCURRENT back to AWSPREVIOUS, which the replaced version becomes, so a second rollback undoes the first", async () => {
    const secret = new Secret("rollMe", uniqueScope("b"));
    const first = await secret.set("value-1");
    const second = await secret.set("value-2");
    const result = await secret.rollback();
    expect(result).toMatchObject({ kind: "secret", name: secret.fullName, versionId: first.versionId, previousVersionId: second.versionId });
    expect(result.arn).toContain(secret.fullName);
    expect(await secret.get()).toBe("value-1");
    expect(await secretAt(secret.fullName, "AWSPREVIOUS")).toBe("value-2");

    const undone = await secret.rollback();
    expect(undone).toMatchObject({ versionId: second.versionId, previousVersionId: first.versionId });
    expect(await secret.get()).toBe("value-2");
  });

  it("moves AWSCURRENT to the version given by `to`, even one that holds no label any more", async () => {
    const secret = new Secret("rollTo", uniqueScope("b"));
    const first = await secret.set("v1");
    const second = await secret.set("v2");
    const third = await secret.set("v3");
    expect((await labels(secret.fullName))[first.versionId]).toEqual([]);
    const result = await secret.rollback({ to: first.versionId });
    expect(result).toMatchObject({ versionId: first.versionId, previousVersionId: third.versionId });
    expect(await secret.get()).toBe("v1");
    expect(await labels(secret.fullName)).toEqual({ [first.versionId]: ["AWSCURRENT"], [second.versionId]: [], [third.versionId]: ["AWSPREVIOUS"] });
  });

  it("refuses an unknown version with NotFoundError and leaves every label where it was (moto would strip AWSCURRENT)", async () => {
    const secret = new Secret("rollUnknown", uniqueScope("b"));
    await secret.set("a");
    await secret.set("b");
    const before = await labels(secret.fullName);
    const error = await rejection(secret.rollback({ to: "00000000-0000-4000-8000-000000000000" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toMatch(/has no version 00000000-/);
    expect((error as NotFoundError).hint).toContain(`secrets history ${secret.fullName}`);
    expect(await labels(secret.fullName)).toEqual(before);
    expect(await secret.get()).toBe("b");
  });

  it("refuses when there is no AWSPREVIOUS, when `to` is already current, and for a placeholder", async () => {
    const scope = uniqueScope("b");
    const single = new Secret("onlyOne", scope);
    const written = await single.set("only");
    expect(await rejection(single.rollback())).toBeInstanceOf(NotFoundError);
    const current = await rejection(single.rollback({ to: written.versionId }));
    expect(current).toBeInstanceOf(ValidationError);
    expect(current.message).toContain("already AWSCURRENT");

    const placeholder = new Secret("emptyOne", scope);
    await motoSecrets().send(new CreateSecretCommand({ Name: placeholder.fullName }));
    expect(await rejection(placeholder.rollback())).toBeInstanceOf(NotSetError);
    expect(await rejection(new Secret("noneAtAll", scope).rollback())).toBeInstanceOf(NotFoundError);
  });

  it("shows confirm the plan first, and changes nothing when it answers false", async () => {
    const secret = new Secret("rollAsk", uniqueScope("b"));
    const first = await secret.set("one");
    const second = await secret.set("two");
    const plans: SecretRollbackPlan[] = [];
    const declined = await secret.rollback({ confirm: (plan) => (plans.push(plan), false) });
    expect(declined).toBeUndefined();
    expect(plans).toEqual([{ kind: "secret", name: secret.fullName, from: second.versionId, to: first.versionId, toStages: ["AWSPREVIOUS"], toCreated: expect.any(Date) }]);
    expect(await secret.get()).toBe("two");
    const accepted = await secret.rollback({ confirm: async () => true });
    expect(accepted?.versionId).toBe(first.versionId);
  });

  it("refuses a secret scheduled for deletion, pointing at secrets restore", async () => {
    const secret = new Secret("rollDeleted", uniqueScope("b"));
    await secret.set("x");
    await secret.set("y");
    await secret.delete({ recoveryWindowDays: 7 });
    const error = await rejection(secret.rollback());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).hint).toContain("secrets restore");
  });
});

describe("Parameter.rollback", () => {
  it("writes the previous version's value again as a new version, and reports which", async () => {
    const parameter = new Parameter("rollFlag", uniqueScope("b"));
    await parameter.set("on");
    await parameter.set("off");
    const result = await parameter.rollback();
    expect(result).toEqual({ kind: "parameter", name: parameter.fullName, version: 3, restoredFrom: 1, previousVersion: 2, interleaved: false });
    expect(await parameter.get()).toBe("on");
  });

  it("rolls back to the version given by `to`, keeping a SecureString encrypted", async () => {
    const parameter = new Parameter("rollSecure", { ...uniqueScope("b"), encrypted: true });
    for (const value of ["s1", "s2", "s3"]) await parameter.set(value);
    // Rolled back through a declaration that forgot `encrypted`: the stored type still wins.
    const plain = Parameter.fromName(parameter.fullName);
    const result = await plain.rollback({ to: 1 });
    expect(result).toMatchObject({ version: 4, restoredFrom: 1 });
    const stored = await rawSsm().send(new GetParameterCommand({ Name: parameter.fullName, WithDecryption: true }));
    expect(stored.Parameter).toMatchObject({ Type: "SecureString", Value: "s1", Version: 4 });
  });

  it("says interleaved when another write landed between its read and its write", async () => {
    const parameter = new Parameter("rollRace", uniqueScope("b"));
    await parameter.set("one");
    await parameter.set("two");
    const result = await parameter.rollback({
      confirm: async () => {
        await parameter.set("written-meanwhile");
        return true;
      },
    });
    expect(result).toMatchObject({ version: 4, restoredFrom: 1, previousVersion: 2, interleaved: true });
    expect((await parameter.history()).map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it("refuses to roll back to the Pulumi placeholder, to the latest version, to a version that does not exist, or with only one version", async () => {
    const scope = uniqueScope("b");
    const seeded = new Parameter("seededFlag", scope);
    await rawSsm().send(new PutParameterCommand({ Name: seeded.fullName, Value: PLACEHOLDER_VALUE, Type: "String" }));
    await seeded.set("real");
    const placeholder = await rejection(seeded.rollback());
    expect(placeholder).toBeInstanceOf(ValidationError);
    expect(placeholder.message).toContain("placeholder");
    expect(await rejection(seeded.rollback({ to: 2 }))).toBeInstanceOf(ValidationError);
    expect((await rejection(seeded.rollback({ to: 7 }))).message).toContain("has no version 7");
    expect(await seeded.get()).toBe("real");
    expect((await seeded.history()).length).toBe(2);

    const single = new Parameter("singleFlag", scope);
    await single.set("x");
    expect((await rejection(single.rollback())).message).toContain("only one version");
  });

  it("rejects a `to` that is not a version number before any request", async () => {
    const parameter = new Parameter("badTo", uniqueScope("b"));
    for (const to of [0, -1, 1.5, Number.NaN]) expect(await rejection(parameter.rollback({ to }))).toBeInstanceOf(ValidationError);
  });
});
