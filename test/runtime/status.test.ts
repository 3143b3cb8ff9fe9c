// checkStatus against moto, through the counting proxy: every state it
// reports, and proof that it reads no value except to spot the SSM placeholder.
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { checkStatus, Parameter, PLACEHOLDER_VALUE, Secret } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { motoSecrets, motoSsm, seedParameter, seedSecret } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();
const VALUE = "status-canary-value";

describe("checkStatus", () => {
  it("reports ok, missing, not set, scheduled for deletion, wrong backend and undeclared, with notes, and is not ready", async () => {
    const scope = uniqueScope("u");
    const prefix = `${scope.app}-${scope.stage}-`;
    const name = (key: string) => `${prefix}${key}`;
    await seedSecret(name("okSecret"), VALUE);
    await seedParameter(name("okFlag"), VALUE);
    await motoSsm().send(new PutParameterCommand({ Name: name("okFlag"), Value: `${VALUE}-2`, Type: "String", Overwrite: true }));
    await seedParameter(name("freshFlag"), VALUE);
    await motoSsm().send(new PutParameterCommand({ Name: name("seededLater"), Value: PLACEHOLDER_VALUE, Type: "String" }));
    await motoSsm().send(new PutParameterCommand({ Name: name("placeholderFlag"), Value: PLACEHOLDER_VALUE, Type: "SecureString" }));
    await motoSecrets().send(new CreateSecretCommand({ Name: name("placeholderSecret") }));
    await seedSecret(name("deletedSecret"), VALUE);
    await new Secret("deletedSecret", scope).delete({ recoveryWindowDays: 7 });
    await seedParameter(name("misplaced"), VALUE);
    await seedParameter(name("plainButDeclaredSecure"), VALUE);
    await seedParameter(name("strayFlag"), VALUE);
    await seedSecret(name("straySecret"), VALUE);
    await seedParameter(`elsewhere${scope.app}-pinnedFlag`, VALUE);
    // A placeholder parameter that was seeded later: version 2, so it is not read again.
    await motoSsm().send(new PutParameterCommand({ Name: name("seededLater"), Value: VALUE, Type: "String", Overwrite: true }));

    const declared = [
      new Secret("okSecret", scope),
      new Parameter("okFlag", scope),
      new Parameter("freshFlag", scope),
      new Parameter("seededLater", scope),
      new Parameter("placeholderFlag", { ...scope, encrypted: true }),
      new Secret("placeholderSecret", scope),
      new Secret("deletedSecret", scope),
      new Secret("misplaced", scope),
      new Parameter("plainButDeclaredSecure", { ...scope, encrypted: true }),
      new Secret("neverStored", scope),
      Parameter.fromName(`elsewhere${scope.app}-pinnedFlag`),
    ];
    ctx.proxy.reset();
    const report = await checkStatus(declared, { prefix });

    const states = Object.fromEntries(report.declared.map((d) => [d.fullName.replace(prefix, ""), d.state]));
    expect(states).toEqual({
      okSecret: "ok",
      okFlag: "ok",
      freshFlag: "ok",
      seededLater: "ok",
      placeholderFlag: "not set",
      placeholderSecret: "not set",
      deletedSecret: "scheduled for deletion",
      misplaced: "wrong backend",
      plainButDeclaredSecure: "ok",
      neverStored: "missing",
      [`elsewhere${scope.app}-pinnedFlag`]: "ok",
    });
    const row = (key: string) => report.declared.find((d) => d.fullName === name(key))!;
    expect(row("misplaced")).toMatchObject({ kind: "secret", stored: { kind: "parameter", type: "parameter" }, notes: ["declared a secret, but stored in SSM Parameter Store"] });
    expect(row("plainButDeclaredSecure").notes).toEqual(["declared encrypted, but stored as a plain String"]);
    expect(row("okFlag").stored).toMatchObject({ type: "parameter", version: 2, lastChanged: expect.any(Date) });
    expect(report.undeclared.map((u) => u.fullName)).toEqual([name("strayFlag"), name("straySecret")]);
    expect(report.ready).toBe(false);
    expect(report.prefix).toBe(prefix);

    // Metadata calls only, plus one GetParameters for the version-1 parameters.
    expect(ctx.proxy.count("GetSecretValue")).toBe(0);
    expect(ctx.proxy.count("BatchGetSecretValue")).toBe(0);
    expect(ctx.proxy.count("GetParameterHistory")).toBe(0);
    const reads = ctx.proxy.requests.filter((r) => r.target.endsWith(".GetParameters"));
    expect(reads).toHaveLength(1);
    // Every declared parameter still at version 1, and only those: seededLater (version 2) and okFlag are not read.
    expect((JSON.parse(reads[0]!.body) as { Names: string[] }).Names.sort()).toEqual(
      [name("freshFlag"), name("placeholderFlag"), name("plainButDeclaredSecure"), `elsewhere${scope.app}-pinnedFlag`].sort(),
    );
    expect(ctx.proxy.requests.filter((r) => r.target.endsWith(".GetParameter"))).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(VALUE);
  });

  it("is ready when every declared variable has a value, and skips the undeclared scan without a prefix", async () => {
    const scope = uniqueScope("u");
    const secret = new Secret("readySecret", scope);
    const parameter = new Parameter("readyFlag", scope);
    await secret.set(VALUE);
    await parameter.set(VALUE);
    const report = await checkStatus([secret, parameter]);
    expect(report).toMatchObject({ ready: true, prefix: undefined, undeclared: [] });
    expect(report.declared.map((d) => d.state)).toEqual(["ok", "ok"]);
  });

  it("reads placeholder candidates ten names a call", async () => {
    const scope = uniqueScope("u");
    const parameters = Array.from({ length: 23 }, (_, i) => new Parameter(`p${String(i).padStart(2, "0")}`, scope));
    await Promise.all(parameters.map((p) => seedParameter(p.fullName, i(p))));
    ctx.proxy.reset();
    const report = await checkStatus(parameters, { prefix: `${scope.app}-${scope.stage}-` });
    expect(report.ready).toBe(true);
    expect(ctx.proxy.count(".GetParameters")).toBe(3);
  });
});

function i(p: Parameter): string {
  return `value-of-${p.name}`;
}
