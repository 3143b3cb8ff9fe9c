import { describe, expect, it } from "vitest";
import { DescribeSecretCommand, CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { rawSecrets, rawSsm, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { runCli } from "../support/cli.js";

function scoped() {
  const { app, stage } = uniqueScope("d");
  return { app, stage, flags: ["--app", app, "--stage", stage] };
}

describe("secrets delete", () => {
  it("refuses without a terminal unless --force is given, and deletes nothing", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "keepMe", "v", ...flags]);
    const refused = await runCli(["delete", "keepMe", ...flags]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refusing to delete ${app}-${stage}-keepMe without confirmation`);
    expect(refused.stderr).toContain("--force");
    expect((await rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-keepMe` }))).Parameter?.Value).toBe("v");
  });

  it("--force schedules a secret for deletion, restorable, and --permanent removes it at once", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "softOne", "v", "--secret", ...flags]);
    const soft = await runCli(["delete", "softOne", "--force", ...flags]);
    expect(soft.code).toBe(0);
    expect(soft.stdout).toMatch(/^scheduled .+-softOne for deletion on \d{4}-.+; undo with: secrets restore .+-softOne\n$/);
    const described = await rawSecrets().send(new DescribeSecretCommand({ SecretId: `${app}-${stage}-softOne` }));
    expect(described.DeletedDate).toBeInstanceOf(Date);

    await runCli(["set", "hardOne", "v", "--secret", ...flags]);
    const hard = await runCli(["delete", "hardOne", "--force", "--permanent", "--json", ...flags]);
    expect(JSON.parse(hard.stdout)).toEqual({ name: `${app}-${stage}-hardOne`, backend: "secretsmanager", permanent: true, deletionDate: null });
    expect(await rejection(rawSecrets().send(new DescribeSecretCommand({ SecretId: `${app}-${stage}-hardOne` })))).toHaveProperty("name", "ResourceNotFoundException");
  });

  it("--recovery-window sets the window in days", async () => {
    const { flags } = scoped();
    await runCli(["set", "windowed", "v", "--secret", ...flags]);
    const result = await runCli(["delete", "windowed", "--force", "--recovery-window", "7", "--json", ...flags]);
    const days = (Date.parse(JSON.parse(result.stdout).deletionDate) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(7);
  });

  it("deletes a parameter with --force", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "goneFlag", "v", ...flags]);
    const result = await runCli(["delete", "goneFlag", "--force", ...flags]);
    expect(result.stdout).toBe(`deleted ${app}-${stage}-goneFlag from SSM Parameter Store\n`);
    expect(await rejection(rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-goneFlag` })))).toHaveProperty("name", "ParameterNotFound");
  });

  it("fails clearly for a name that is not stored", async () => {
    const { flags } = scoped();
    const result = await runCli(["delete", "neverWas", "--force", ...flags]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("was not found");
  });
});

describe("secrets list", () => {
  it("lists more than 50 of each backend, merged and sorted, with types and tags, following pagination", async () => {
    const { app, stage, flags } = scoped();
    const ssm = rawSsm();
    const sm = rawSecrets();
    const names: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const i = batch * 10 + j;
          const p = `${app}-${stage}-p${String(i).padStart(2, "0")}`;
          const s = `${app}-${stage}-s${String(i).padStart(2, "0")}`;
          names.push(p, s);
          await ssm.send(new PutParameterCommand({ Name: p, Value: "v", Type: i % 2 ? "SecureString" : "String", Tags: [{ Key: "app", Value: app }] }));
          await sm.send(new CreateSecretCommand({ Name: s, SecretString: "list-canary", Tags: [{ Key: "stage", Value: stage }] }));
        }),
      );
    }
    await ssm.send(new PutParameterCommand({ Name: `other${app}-${stage}-p`, Value: "v", Type: "String" }));

    const json = await runCli(["list", "--json", ...flags]);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as { name: string; type: string; lastChanged: string; tags: Record<string, string> }[];
    expect(listed.map((v) => v.name)).toEqual([...names].sort());
    expect(listed.find((v) => v.name.endsWith("-p01"))).toMatchObject({ type: "secure parameter", tags: { app } });
    expect(listed.find((v) => v.name.endsWith("-p02"))).toMatchObject({ type: "parameter" });
    expect(listed.find((v) => v.name.endsWith("-s03"))).toMatchObject({ type: "secret", tags: { stage } });
    expect(listed.every((v) => !Number.isNaN(Date.parse(v.lastChanged)))).toBe(true);
    expect(json.stdout).not.toContain("list-canary");

    const text = await runCli(["list", `${app}-${stage}-s0`, ...flags]);
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+LAST CHANGED\s+TAGS$/);
    expect(lines).toHaveLength(11);
    expect(lines[1]).toMatch(new RegExp(`^${app}-${stage}-s00\\s+secret\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+stage=${stage}$`));
  });

  it("says so when nothing matches", async () => {
    const { flags } = scoped();
    const result = await runCli(["list", ...flags]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^no variables starting with /);
  });
});

describe("flags that do not apply", () => {
  it("refuses --permanent and --recovery-window for a parameter, deleting nothing", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "keepFlag", "v", ...flags]);
    for (const extra of [["--permanent"], ["--recovery-window", "8"]]) {
      const result = await runCli(["delete", "keepFlag", "--force", ...extra, ...flags]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("is for secrets");
    }
    expect((await rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-keepFlag` }))).Parameter?.Value).toBe("v");
  });

  it("refuses a flag given twice as a usage error", async () => {
    const result = await runCli(["get", "x", "--app", "a", "--app", "b", "--stage", "s"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--app given more than once");
  });
});
