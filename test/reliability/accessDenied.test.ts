// Non-retryable errors are not retried: access denied takes one attempt, and
// the error says which IAM action was missing, on which variable, in which region.
import { describe, expect, it } from "vitest";
import { AccessDeniedError, getAll, Parameter, Secret } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { seedParameter, seedSecret } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();

function expectDenied(error: Error, action: string, fullName: string): void {
  expect(error).toBeInstanceOf(AccessDeniedError);
  const denied = error as AccessDeniedError;
  expect(denied.action).toBe(action);
  expect(denied.message).toContain(action);
  expect(denied.message).toContain(fullName);
  expect(denied.message).toContain("region us-east-1");
  expect(denied.hint).toContain(action);
}

describe("access denied", () => {
  it.each([
    { call: "Secret.get", target: "GetSecretValue", action: "secretsmanager:GetSecretValue", run: (s: Secret) => s.get() },
    { call: "Secret.set", target: "PutSecretValue", action: "secretsmanager:PutSecretValue", run: (s: Secret) => s.set("new value") },
    { call: "Secret.delete", target: "DeleteSecret", action: "secretsmanager:DeleteSecret", run: (s: Secret) => s.delete() },
  ])("$call takes exactly one attempt and names $action and the full name", async ({ target, action, run }) => {
    const secret = new Secret("denied", uniqueScope());
    await seedSecret(secret.fullName, "v");
    ctx.proxy.inject({ target, fault: "access-denied", times: 100 });
    expectDenied(await rejection(run(secret)), action, secret.fullName);
    expect(ctx.proxy.count(target)).toBe(1);
  });

  it.each([
    { call: "Parameter.get", target: "GetParameter", action: "ssm:GetParameter", run: (p: Parameter) => p.get() },
    { call: "Parameter.set", target: "PutParameter", action: "ssm:PutParameter", run: (p: Parameter) => p.set("new value") },
    { call: "Parameter.delete", target: "DeleteParameter", action: "ssm:DeleteParameter", run: (p: Parameter) => p.delete() },
  ])("$call takes exactly one attempt and names $action and the full name", async ({ target, action, run }) => {
    const parameter = new Parameter("denied", uniqueScope());
    await seedParameter(parameter.fullName, "v");
    ctx.proxy.inject({ target, fault: "access-denied", times: 100 });
    expectDenied(await rejection(run(parameter)), action, parameter.fullName);
    expect(ctx.proxy.count(target)).toBe(1);
  });

  it("rotate denied on the stage move takes one attempt, names secretsmanager:UpdateSecretVersionStage, and keeps the old value current", async () => {
    const secret = new Secret("denied", uniqueScope());
    await seedSecret(secret.fullName, "before");
    ctx.proxy.inject({ target: "UpdateSecretVersionStage", match: '"AWSCURRENT"', fault: "access-denied" });
    expectDenied(await rejection(secret.rotate((old) => `${old}+1`)), "secretsmanager:UpdateSecretVersionStage", secret.fullName);
    expect(ctx.proxy.requests.filter((r) => r.target.endsWith("UpdateSecretVersionStage") && r.body.includes('"AWSCURRENT"'))).toHaveLength(1);
    expect(await secret.get()).toBe("before");
  });

  it("getAll denied BatchGetSecretValue takes one attempt and names the action and every secret of the batch", async () => {
    const scope = uniqueScope();
    const a = new Secret("a", scope);
    const b = new Secret("b", scope);
    await Promise.all([seedSecret(a.fullName, "1"), seedSecret(b.fullName, "2")]);
    ctx.proxy.inject({ target: "BatchGetSecretValue", fault: "access-denied", times: 100 });
    const error = (await rejection(getAll({ a, b }))) as AccessDeniedError;
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error.action).toBe("secretsmanager:BatchGetSecretValue");
    expect(error.message).toContain(a.fullName);
    expect(error.message).toContain(b.fullName);
    expect(error.message).toContain("region us-east-1");
    expect(ctx.proxy.count("BatchGetSecretValue")).toBe(1);
  });
});
