import { describe, expect, it } from "vitest";
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretVersionIdsCommand } from "@aws-sdk/client-secrets-manager";
import { NotFoundError, NotSetError, Secret, ValidationError } from "../../src/index.js";
import { awsCli, rawSecrets, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";

async function stagesOf(secretId: string): Promise<Record<string, string[]>> {
  const out = await rawSecrets().send(new ListSecretVersionIdsCommand({ SecretId: secretId }));
  return Object.fromEntries((out.Versions ?? []).filter((v) => (v.VersionStages ?? []).length > 0).map((v) => [v.VersionId!, v.VersionStages!]));
}

async function valueAt(secretId: string, stage: string): Promise<string | undefined> {
  return (await rawSecrets().send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }))).SecretString;
}

describe("Secret against moto", () => {
  it("set creates the secret tagged with app and stage, and get reads it", async () => {
    const scope = uniqueScope();
    const secret = new Secret("dbPassword", scope);
    const written = await secret.set("s3cr3t");
    expect(written.kind).toBe("secret");
    expect(written.versionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.arn).toContain(`secret:${secret.fullName}`);
    expect(await secret.get()).toBe("s3cr3t");

    const described = await awsCli<{ Tags: { Key: string; Value: string }[]; KmsKeyId?: string }>(["secretsmanager", "describe-secret", "--secret-id", secret.fullName]);
    expect(described.Tags).toEqual(expect.arrayContaining([{ Key: "app", Value: scope.app }, { Key: "stage", Value: "test" }]));
    // No customer key: Secrets Manager's default AWS-managed key encrypts it.
    expect(described.KmsKeyId).toBeUndefined();
  });

  it("set on an existing secret writes a new version and keeps the old one as AWSPREVIOUS", async () => {
    const secret = new Secret("apiToken", uniqueScope());
    const first = await secret.set("one");
    const second = await secret.set("two");
    expect(second.versionId).not.toBe(first.versionId);
    expect(await secret.get()).toBe("two");
    expect(await valueAt(secret.fullName, "AWSPREVIOUS")).toBe("one");
  });

  it("keeps multiline and unicode values byte-exact", async () => {
    const secret = new Secret("pem", uniqueScope());
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIB\tVQIBADANBg==\n-----END PRIVATE KEY-----\n";
    await secret.set(pem);
    expect(await secret.get()).toBe(pem);
    await secret.set(" ünïcødé ✓ ");
    expect(await secret.get()).toBe(" ünïcødé ✓ ");
  });

  it("rotate passes the old value to fn, writes the new one and keeps the old as AWSPREVIOUS", async () => {
    const secret = new Secret("rotating", uniqueScope());
    const first = await secret.set("v1");
    const seen: (string | undefined)[] = [];
    const rotated = await secret.rotate(async (old) => {
      seen.push(old);
      return `${old}-next`;
    });
    expect(seen).toEqual(["v1"]);
    expect(rotated).toMatchObject({ kind: "secret", previousVersionId: first.versionId });
    expect(rotated.arn).toContain(secret.fullName);
    expect(await secret.get()).toBe("v1-next");
    expect(await valueAt(secret.fullName, "AWSPREVIOUS")).toBe("v1");
    const stages = await stagesOf(secret.fullName);
    expect(stages[rotated.versionId]).toEqual(["AWSCURRENT"]);
    expect(Object.values(stages).flat()).not.toContain("AWSPENDING");
  });

  it("rotate with no previous value calls fn with undefined and creates the secret", async () => {
    const secret = new Secret("fresh", uniqueScope());
    const rotated = await secret.rotate((old) => (old === undefined ? "initial" : "unexpected"));
    expect(rotated.previousVersionId).toBeUndefined();
    expect(await secret.get()).toBe("initial");
    const described = await rawSecrets().send(new DescribeSecretCommand({ SecretId: secret.fullName }));
    expect(described.Tags?.map((t) => t.Key).sort()).toEqual(["app", "stage"]);
  });

  it("rotate on a placeholder with no version calls fn with undefined", async () => {
    const secret = new Secret("placeholder", uniqueScope());
    await rawSecrets().send(new CreateSecretCommand({ Name: secret.fullName }));
    let received: string | undefined = "not called";
    await secret.rotate((old) => {
      received = old;
      return "first";
    });
    expect(received).toBeUndefined();
    expect(await secret.get()).toBe("first");
    expect(Object.values(await stagesOf(secret.fullName)).flat()).toEqual(["AWSCURRENT"]);
  });

  it("rotateInteractive asks for the value without ever passing the current one", async () => {
    const secret = new Secret("manual", uniqueScope());
    await secret.set("old-value");
    const prompts: unknown[] = [];
    const rotated = await secret.rotateInteractive(async (prompt) => {
      prompts.push(prompt);
      return "typed-value";
    });
    expect(prompts).toEqual([{ fullName: secret.fullName, hasCurrentValue: true }]);
    expect(JSON.stringify(prompts)).not.toContain("old-value");
    expect(rotated.previousVersionId).toBeDefined();
    expect(await secret.get()).toBe("typed-value");
    expect(await valueAt(secret.fullName, "AWSPREVIOUS")).toBe("old-value");
  });

  it("rotate refuses a non-string or oversized result and writes nothing", async () => {
    const secret = new Secret("bad", uniqueScope());
    await secret.set("keep");
    expect(await rejection(secret.rotate(async () => 42 as unknown as string))).toBeInstanceOf(ValidationError);
    expect(await rejection(secret.rotate(async () => "x".repeat(65_537)))).toBeInstanceOf(ValidationError);
    expect(await secret.get()).toBe("keep");
  });

  it("get on a missing secret throws NotFoundError; on a placeholder NotSetError", async () => {
    const scope = uniqueScope();
    const missing = new Secret("missing", scope);
    const notFound = await rejection(missing.get());
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound.message).toContain(missing.fullName);
    expect(notFound.message).toContain("us-east-1");

    const placeholder = new Secret("placeholder", scope);
    await rawSecrets().send(new CreateSecretCommand({ Name: placeholder.fullName }));
    const notSet = (await rejection(placeholder.get())) as NotSetError;
    expect(notSet).toBeInstanceOf(NotSetError);
    expect(notSet.message).toContain(placeholder.fullName);
    expect(notSet.hint).toBe(`run: secrets set ${placeholder.fullName}`);
  });

  it("delete schedules deletion with a 30-day window that restore undoes", async () => {
    const secret = new Secret("soft", uniqueScope());
    await secret.set("x");
    const before = Date.now();
    const deleted = await secret.delete();
    expect(deleted.permanent).toBe(false);
    const days = (deleted.deletionDate!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    const error = await rejection(secret.get());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).hint).toContain(`secrets restore ${secret.fullName}`);

    await secret.restore();
    expect(await secret.get()).toBe("x");
  });

  it("delete honours recoveryWindowDays and refuses values outside 7-30", async () => {
    const secret = new Secret("window", uniqueScope());
    await secret.set("x");
    expect(await rejection(secret.delete({ recoveryWindowDays: 3 }))).toBeInstanceOf(ValidationError);
    expect(await rejection(secret.delete({ permanent: true, recoveryWindowDays: 7 }))).toBeInstanceOf(ValidationError);
    const deleted = await secret.delete({ recoveryWindowDays: 7 });
    expect(Math.round((deleted.deletionDate!.getTime() - Date.now()) / 86_400_000)).toBe(7);
  });

  it("delete with permanent removes it at once", async () => {
    const secret = new Secret("hard", uniqueScope());
    await secret.set("x");
    expect(await secret.delete({ permanent: true })).toMatchObject({ permanent: true, deletionDate: undefined });
    const error = await rejection(rawSecrets().send(new DescribeSecretCommand({ SecretId: secret.fullName })));
    expect(error.name).toBe("ResourceNotFoundException");
    expect(await rejection(secret.get())).toBeInstanceOf(NotFoundError);
  });
});
