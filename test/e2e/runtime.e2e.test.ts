// The end-to-end subset that also runs under Bun (npm run test:bun): the built
// package against moto, through AWS_ENDPOINT_URL only. Only describe/it/expect,
// which Bun's test runner provides under the "vitest" import as well.
import { describe, expect, it } from "vitest";
import { getAll, NotFoundError, NotSetError, Parameter, Secret, ValidationError } from "../../dist/index.js";

const scope = { app: `e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, stage: "bun" };
const runtime = typeof (globalThis as { Bun?: unknown }).Bun === "undefined" ? "node" : "bun";

describe(`runtime end to end (${runtime})`, () => {
  it("sets, gets, rotates and deletes a Secret", async () => {
    const secret = new Secret("dbPassword", scope);
    await expect(secret.get()).rejects.toBeInstanceOf(NotFoundError);
    const first = await secret.set("line1\nline2\n");
    expect(await secret.get()).toBe("line1\nline2\n");
    const rotated = await secret.rotate((old) => `${old}rotated`);
    expect(rotated.previousVersionId).toBe(first.versionId);
    expect(await secret.get()).toBe("line1\nline2\nrotated");
    const deleted = await secret.delete({ permanent: true });
    expect(deleted.permanent).toBe(true);
    await expect(secret.get()).rejects.toBeInstanceOf(NotFoundError);
  });

  it("sets and gets String and SecureString Parameters, and refuses rotate", async () => {
    const flag = new Parameter("featureFlag", scope);
    const url = new Parameter("webhookUrl", { ...scope, encrypted: true });
    expect((await flag.set("on")).version).toBe(1);
    await url.set("https://example.com/hook");
    expect(await flag.get()).toBe("on");
    expect(await url.get()).toBe("https://example.com/hook");
    expect(() => (flag as unknown as { rotate: () => void }).rotate()).toThrow(ValidationError);
    await flag.delete();
    await expect(flag.get()).rejects.toBeInstanceOf(NotFoundError);
  });

  it("loads many variables with getAll, typed by key", async () => {
    const a = new Parameter("batchAlpha", scope);
    const b = new Secret("batchBravo", scope);
    await Promise.all([a.set("A"), b.set("B")]);
    expect(await getAll({ a, b })).toEqual({ a: "A", b: "B" });
    const c = new Secret("batchCharlie", scope);
    await expect(getAll({ a, c })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("tells a placeholder from a missing variable", async () => {
    const secret = new Secret("placeholder", scope);
    await expect(secret.get()).rejects.toBeInstanceOf(NotFoundError);
    const { SecretsManagerClient, CreateSecretCommand } = await import("@aws-sdk/client-secrets-manager");
    await new SecretsManagerClient({}).send(new CreateSecretCommand({ Name: secret.fullName }));
    await expect(secret.get()).rejects.toBeInstanceOf(NotSetError);
  });
});
