import { describe, expect, it } from "vitest";
import { GetParameterCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { awsCli, rawSecrets, rawSsm, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { runCli, tempProject } from "../support/cli.js";

function scoped() {
  const { app, stage } = uniqueScope("c");
  return { app, stage, flags: ["--app", app, "--stage", stage] };
}

const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n";

describe("secrets set and get", () => {
  it("stores an argv value in SSM and prints the name, backend and version, never the value", async () => {
    const { app, stage, flags } = scoped();
    const set = await runCli(["set", "featureFlag", "enabled-canary", ...flags]);
    expect(set).toMatchObject({ code: 0, stderr: "" });
    expect(set.stdout).toBe(`set ${app}-${stage}-featureFlag in SSM Parameter Store, version 1\n`);
    const get = await runCli(["get", "featureFlag", ...flags]);
    expect(get).toEqual({ code: 0, stdout: "enabled-canary", stderr: "" });
  });

  it.each([
    ["a multiline value with a trailing newline", "line one\nline two\n"],
    ["a value without a trailing newline", "no newline at end"],
    ["a PEM key", PEM],
    ["leading and trailing spaces and blank lines", "  padded  \n\n\n"],
    ["unicode and JSON", '{"name":"ünïcødé ✓ 🎉","n":[1,2]}\r\n'],
  ])("round-trips %s byte-exact through stdin", async (_label, value) => {
    const { flags } = scoped();
    expect((await runCli(["set", "blob", "-", "--secret", ...flags], { input: value })).code).toBe(0);
    expect((await runCli(["get", "blob", ...flags])).stdout).toBe(value);
    expect((await runCli(["set", "plainBlob", "--encrypted", ...flags], { input: value })).code).toBe(0);
    expect((await runCli(["get", "plainBlob", ...flags])).stdout).toBe(value);
  });

  it("reads stdin when the value is omitted and there is no terminal", async () => {
    const { flags } = scoped();
    expect((await runCli(["set", "fromStdin", ...flags], { input: "piped\n" })).code).toBe(0);
    expect((await runCli(["get", "fromStdin", ...flags])).stdout).toBe("piped\n");
  });

  it("refuses stdin that is not UTF-8, and writes nothing", async () => {
    const { flags } = scoped();
    const result = await runCli(["set", "binary", "-", ...flags], { input: Buffer.from([0xff, 0xfe, 0x00, 0x80]) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("not valid UTF-8");
    expect((await runCli(["get", "binary", ...flags])).code).toBe(1);
  });

  it("--secret stores in Secrets Manager and --encrypted in an SSM SecureString with alias/aws/ssm", async () => {
    const { app, stage, flags } = scoped();
    const secret = await runCli(["set", "dbPassword", "pw", "--secret", "--json", ...flags]);
    expect(JSON.parse(secret.stdout)).toMatchObject({ name: `${app}-${stage}-dbPassword`, backend: "secretsmanager", type: "secret" });
    const secure = await runCli(["set", "webhookUrl", "https://x", "--encrypted", ...flags]);
    expect(secure.stdout).toContain("SSM Parameter Store (SecureString), version 1");
    const described = await awsCli<{ Parameters: { Type: string; KeyId: string }[] }>(["ssm", "describe-parameters", "--parameter-filters", `Key=Name,Values=${app}-${stage}-webhookUrl`]);
    expect(described.Parameters[0]).toMatchObject({ Type: "SecureString", KeyId: "alias/aws/ssm" });
  });

  it("get --json prints name, type, value and version", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "flag", "on", ...flags]);
    await runCli(["set", "flag", "off", ...flags]);
    const result = await runCli(["get", "flag", "--json", ...flags]);
    expect(JSON.parse(result.stdout)).toEqual({ name: `${app}-${stage}-flag`, type: "parameter", value: "off", version: 2 });
  });

  it("takes a full name as given, and a key with the app-stage prefix", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "limit", "5", ...flags]);
    expect((await runCli(["get", `${app}-${stage}-limit`, ...flags])).stdout).toBe("5");
    expect((await runCli(["get", `${app}-${stage}-limit`])).stdout).toBe("5");
  });

  it("finds the backend that holds the name, and keeps a SecureString secure on update", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "apiToken", "t1", "--secret", ...flags]);
    const update = await runCli(["set", "apiToken", "t2", ...flags]);
    expect(update.stdout).toContain("in Secrets Manager");
    expect((await runCli(["get", "apiToken", ...flags])).stdout).toBe("t2");

    await runCli(["set", "hookUrl", "u1", "--encrypted", ...flags]);
    await runCli(["set", "hookUrl", "u2", ...flags]);
    const raw = await rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-hookUrl` }));
    expect(raw.Parameter?.Type).toBe("SecureString");
  });

  it("never creates a second copy in the other backend", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "dupe", "in-ssm", ...flags]);
    const refused = await runCli(["set", "dupe", "in-sm", "--secret", ...flags]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${app}-${stage}-dupe is stored in SSM Parameter Store, not Secrets Manager`);
    const stillOne = await runCli(["list", ...flags, "--json"]);
    expect(JSON.parse(stillOne.stdout).map((v: { name: string }) => v.name)).toEqual([`${app}-${stage}-dupe`]);
  });

  it("refuses a name stored in both backends until told which", async () => {
    const { app, stage, flags } = scoped();
    const fullName = `${app}-${stage}-twice`;
    await rawSsm().send(new PutParameterCommand({ Name: fullName, Value: "p", Type: "String" }));
    await rawSecrets().send(new CreateSecretCommand({ Name: fullName, SecretString: "s" }));
    const ambiguous = await runCli(["set", "twice", "x", ...flags]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain("exists in both Secrets Manager and SSM Parameter Store");
    expect((await runCli(["get", "twice", "--secret", ...flags])).stdout).toBe("s");
    expect((await runCli(["get", "twice", "--parameter", ...flags])).stdout).toBe("p");
  });

  describe("secret-looking names in SSM (PRD 9)", () => {
    it.each(["dbPassword", "STRIPE_SECRET_KEY", "githubToken", "api_key", "private-key", "awsCredentials"])(
      "refuses %s without a terminal, hinting --secret or --yes, and writes nothing",
      async (key) => {
        const { app, stage, flags } = scoped();
        const result = await runCli(["set", key, "value", ...flags]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain("looks like a secret");
        expect(result.stderr).toContain("--secret");
        expect(result.stderr).toContain("--yes");
        expect(await rejection(rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-${key}` })))).toHaveProperty("name", "ParameterNotFound");
      },
    );

    it("stores it with --yes, and never asks for plain names", async () => {
      const { flags } = scoped();
      expect((await runCli(["set", "dbPassword", "v", "--yes", ...flags])).code).toBe(0);
      expect((await runCli(["set", "region", "eu", ...flags])).code).toBe(0);
    });
  });

  it("uses app and stage from senvar.config.json, with env and flags taking precedence", async () => {
    const { app, stage } = scoped();
    const cwd = tempProject({ "senvar.config.json": JSON.stringify({ app, stage: "fromconfig" }) });
    const fromConfig = await runCli(["set", "color", "blue", "--json"], { cwd });
    expect(JSON.parse(fromConfig.stdout).name).toBe(`${app}-fromconfig-color`);
    const fromEnv = await runCli(["set", "color", "red", "--json"], { cwd, env: { SST_STAGE: stage } });
    expect(JSON.parse(fromEnv.stdout).name).toBe(`${app}-${stage}-color`);
    const fromFlag = await runCli(["set", "color", "green", "--json", "--stage", "flagged"], { cwd, env: { SST_STAGE: stage } });
    expect(JSON.parse(fromFlag.stdout).name).toBe(`${app}-flagged-color`);
  });

  it("reads the config from the senvar key of package.json", async () => {
    const { app } = scoped();
    const cwd = tempProject({ "package.json": JSON.stringify({ name: "x", senvar: { app, stage: "pkg" } }) });
    const result = await runCli(["set", "color", "blue", "--json"], { cwd });
    expect(JSON.parse(result.stdout).name).toBe(`${app}-pkg-color`);
  });

  it("rejects a config file with unknown settings as a usage error", async () => {
    const cwd = tempProject({ "senvar.config.json": JSON.stringify({ apps: "typo" }) });
    const result = await runCli(["get", "x"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown setting "apps"');
  });
});
