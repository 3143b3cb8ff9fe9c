// `secrets status` through the built bin against moto: the deploy gate.
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_VALUE } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { manifestProject, runCli, tempProject } from "../support/cli.js";
import { motoSecrets, motoSsm, seedParameter, seedSecret } from "../support/moto.js";

const VALUE = "status-cli-canary";

function scoped() {
  const { app, stage } = uniqueScope("st");
  return { app, stage, flags: ["--app", app, "--stage", stage], name: (key: string) => `${app}-${stage}-${key}` };
}

const VARIABLES = `import { Parameter, Secret } from "@senvar/secrets";
export const dbPassword = new Secret("dbPassword");
export const apiToken = new Secret("apiToken");
export const featureFlag = new Parameter("featureFlag");
export const webhookUrl = new Parameter("webhookUrl", { encrypted: true });
export const misplaced = new Secret("misplaced");
`;

describe("secrets status", () => {
  it("after codegen: lists missing, not set, wrong backend and undeclared, and exits 1 naming the count", async () => {
    const { flags, name } = scoped();
    const cwd = tempProject({ "secrets/variables.ts": VARIABLES });
    expect((await runCli(["codegen"], { cwd })).code).toBe(0);
    await seedSecret(name("dbPassword"), VALUE);
    await motoSecrets().send(new CreateSecretCommand({ Name: name("apiToken") }));
    await motoSsm().send(new PutParameterCommand({ Name: name("webhookUrl"), Value: PLACEHOLDER_VALUE, Type: "SecureString" }));
    await seedParameter(name("misplaced"), VALUE);
    await seedParameter(name("leftover"), VALUE);

    const result = await runCli(["status", ...flags], { cwd });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+DECLARED\s+STORED\s+STATE\s+NOTE$/);
    const row = (key: string) => lines.find((l) => l.startsWith(`${name(key)} `))!.split(/\s{2,}/);
    expect(row("apiToken")).toEqual([name("apiToken"), "secret", "secret", "not set", "-"]);
    expect(row("dbPassword")).toEqual([name("dbPassword"), "secret", "secret", "ok", "-"]);
    expect(row("featureFlag")).toEqual([name("featureFlag"), "parameter", "-", "missing", "-"]);
    expect(row("misplaced")).toEqual([name("misplaced"), "secret", "parameter", "wrong backend", "declared a secret, but stored in SSM Parameter Store"]);
    expect(row("webhookUrl")).toEqual([name("webhookUrl"), "secure parameter", "secure parameter", "not set", "-"]);
    expect(row("leftover")).toEqual([name("leftover"), "-", "parameter", "undeclared", "stored, not declared"]);
    expect(lines.at(-1)).toBe(`5 declared: 1 ok, 2 not set, 1 missing, 1 wrong backend; 1 undeclared under ${name("")}`);
    expect(result.stderr).toBe("error: 4 of 5 declared variables are not ready (2 not set, 1 missing, 1 wrong backend)\nhint: set them with: secrets set <name> (add --secret for secrets)\n");
    expect(result.stdout + result.stderr).not.toContain(VALUE);
  }, 60_000);

  it("--json prints the report alone on stdout, and still exits 1 when something is not ready", async () => {
    const { app, stage, flags, name } = scoped();
    const cwd = manifestProject([
      { key: "dbPassword", kind: "secret" },
      { key: "featureFlag", kind: "parameter" },
    ]);
    await seedSecret(name("dbPassword"), VALUE);
    const result = await runCli(["status", "--json", ...flags], { cwd });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ app, stage, prefix: name(""), ready: false, undeclared: [] });
    expect(report.declared).toEqual([
      { name: name("dbPassword"), type: "secret", state: "ok", stored: { type: "secret", version: expect.stringMatching(/^[0-9a-f-]{36}$/), lastChanged: expect.any(String) }, notes: [] },
      { name: name("featureFlag"), type: "parameter", state: "missing", stored: null, notes: [] },
    ]);
    expect(result.stderr).toMatch(/^error: 1 of 2 declared variables are not ready \(1 missing\)\n/);
  });

  it("exits 0 when every declared variable has a value: usable as a deploy gate", async () => {
    const { flags, name } = scoped();
    const cwd = manifestProject([
      { key: "dbPassword", kind: "secret" },
      { key: "webhookUrl", kind: "parameter", encrypted: true },
    ]);
    await seedSecret(name("dbPassword"), VALUE);
    await motoSsm().send(new PutParameterCommand({ Name: name("webhookUrl"), Value: VALUE, Type: "SecureString" }));
    const result = await runCli(["status", ...flags], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(`2 declared: 2 ok; 0 undeclared under ${name("")}`);
    const gate = await runCli(["status", "--json", ...flags], { cwd });
    expect(gate.code).toBe(0);
    expect(JSON.parse(gate.stdout).ready).toBe(true);
  });

  it("reports a scheduled deletion as not ready, with the restore command as the way back", async () => {
    const { flags, name } = scoped();
    const cwd = manifestProject([{ key: "oldToken", kind: "secret" }]);
    await seedSecret(name("oldToken"), VALUE);
    expect((await runCli(["delete", "oldToken", "--force", ...flags], { cwd })).code).toBe(0);
    const result = await runCli(["status", "--json", ...flags], { cwd });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).declared[0].state).toBe("scheduled for deletion");
  });

  it("refuses without a manifest, saying to run codegen", async () => {
    const { flags } = scoped();
    const result = await runCli(["status", ...flags], { cwd: tempProject() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: no declarations: generated\/manifest\.json does not exist under .+\nhint: run secrets codegen in the project first/);
  });

  it("refuses to guess names when the app or stage is unknown", async () => {
    const cwd = manifestProject([{ key: "dbPassword", kind: "secret" }]);
    const result = await runCli(["status", "--app", "onlyApp"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: cannot name dbPassword: no stage is set");
    expect(result.stderr).toContain("hint: pass --app and --stage");
  });
});
