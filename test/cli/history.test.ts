// `secrets history` through the built bin against moto, for both backends.
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { motoSecrets } from "../support/moto.js";
import { uniqueScope } from "../support/aws.js";
import { runCli } from "../support/cli.js";

function scoped() {
  const { app, stage } = uniqueScope("hi");
  return { flags: ["--app", app, "--stage", stage], name: (key: string) => `${app}-${stage}-${key}` };
}

describe("secrets history", () => {
  it("lists a secret's versions newest first with dates and staging labels, never values", async () => {
    const { flags, name } = scoped();
    const ids: string[] = [];
    for (const value of ["hist-secret-1", "hist-secret-2", "hist-secret-3"]) {
      ids.push(JSON.parse((await runCli(["set", "dbPassword", value, "--secret", "--json", ...flags])).stdout).version);
    }
    const table = await runCli(["history", "dbPassword", ...flags]);
    expect(table).toMatchObject({ code: 0, stderr: "" });
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^VERSION\s+CREATED\s+STAGES$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      [ids[2], expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), "AWSCURRENT"],
      [ids[1], expect.any(String), "AWSPREVIOUS"],
      [ids[0], expect.any(String), "(deprecated)"],
    ]);

    const json = await runCli(["history", name("dbPassword"), "--json", ...flags]);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({ name: name("dbPassword"), backend: "secretsmanager" });
    expect(parsed.versions.map((v: { versionId: string }) => v.versionId)).toEqual([ids[2], ids[1], ids[0]]);
    expect(parsed.versions[0]).toEqual({ versionId: ids[2], stages: ["AWSCURRENT"], current: true, created: expect.any(String), lastAccessed: expect.anything() });
    expect(table.stdout + json.stdout).not.toContain("hist-secret");
  });

  it("lists a parameter's version numbers newest first with type and who changed it, never values", async () => {
    const { flags, name } = scoped();
    for (const value of ["hist-param-1", "hist-param-2"]) await runCli(["set", "webhookUrl", value, "--encrypted", ...flags]);
    const table = await runCli(["history", "webhookUrl", ...flags]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^VERSION\s+MODIFIED\s+TYPE\s+BY\s+LABELS$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(0, 1).concat(l.split(/\s{2,}/).slice(2, 3)))).toEqual([
      ["2 (current)", "secure parameter"],
      ["1", "secure parameter"],
    ]);
    const json = JSON.parse((await runCli(["history", "webhookUrl", "--json", ...flags])).stdout);
    expect(json).toMatchObject({ name: name("webhookUrl"), backend: "ssm" });
    expect(json.versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(table.stdout + JSON.stringify(json)).not.toContain("hist-param");
  });

  it("says a placeholder secret has no versions yet, and fails for a name that is not stored", async () => {
    const { flags, name } = scoped();
    await motoSecrets().send(new CreateSecretCommand({ Name: name("seedMeLater") }));
    const empty = await runCli(["history", "seedMeLater", ...flags]);
    expect(empty).toMatchObject({ code: 0, stderr: "" });
    expect(empty.stdout).toBe(`${name("seedMeLater")} has no versions yet (a placeholder); set one with: secrets set ${name("seedMeLater")}\n`);
    const missing = await runCli(["history", "nothingStored", ...flags]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .+-nothingStored was not found in Secrets Manager or SSM Parameter Store/);
  });
});
