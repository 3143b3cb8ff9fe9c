// `secrets restore` through the built bin: undoing a scheduled deletion within its window.
import { DescribeSecretCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { rawSecrets, uniqueScope } from "../support/aws.js";
import { runCli } from "../support/cli.js";

function scoped() {
  const { app, stage } = uniqueScope("re");
  return { flags: ["--app", app, "--stage", stage], name: (key: string) => `${app}-${stage}-${key}` };
}

describe("secrets restore", () => {
  it("undoes a scheduled deletion within the window, after which get works again", async () => {
    const { flags, name } = scoped();
    await runCli(["set", "oldToken", "restorable-value", "--secret", ...flags]);
    expect((await runCli(["delete", "oldToken", "--force", "--recovery-window", "7", ...flags])).code).toBe(0);
    expect((await runCli(["get", "oldToken", ...flags])).code).toBe(1);

    const restored = await runCli(["restore", "oldToken", ...flags]);
    expect(restored).toMatchObject({ code: 0, stderr: "" });
    expect(restored.stdout).toMatch(new RegExp(`^restored ${name("oldToken")}: its deletion \\(due \\d{4}-.+\\) is cancelled and it is readable again\\n$`));
    expect(restored.stdout).not.toContain("restorable-value");
    expect((await rawSecrets().send(new DescribeSecretCommand({ SecretId: name("oldToken") }))).DeletedDate).toBeUndefined();
    expect((await runCli(["get", "oldToken", ...flags])).stdout).toBe("restorable-value");
  });

  it("--json reports what was restored", async () => {
    const { flags, name } = scoped();
    await runCli(["set", "jsonToken", "v", "--secret", ...flags]);
    await runCli(["delete", "jsonToken", "--force", ...flags]);
    const result = await runCli(["restore", "jsonToken", "--json", ...flags]);
    expect(JSON.parse(result.stdout)).toEqual({ name: name("jsonToken"), backend: "secretsmanager", restored: true, wasDeletedOn: expect.stringMatching(/^\d{4}-/) });
  });

  it("refuses a secret that is not scheduled for deletion, a parameter, and a secret deleted permanently", async () => {
    const { flags, name } = scoped();
    await runCli(["set", "liveToken", "v", "--secret", ...flags]);
    const live = await runCli(["restore", "liveToken", ...flags]);
    expect(live.code).toBe(1);
    expect(live.stderr).toBe(`error: ${name("liveToken")} is not scheduled for deletion; nothing to restore\n`);

    await runCli(["set", "someFlag", "v", ...flags]);
    const parameter = await runCli(["restore", "someFlag", ...flags]);
    expect(parameter.code).toBe(1);
    expect(parameter.stderr).toContain("is a parameter; SSM deletes parameters at once, so there is nothing to restore");

    await runCli(["set", "goneToken", "v", "--secret", ...flags]);
    await runCli(["delete", "goneToken", "--force", "--permanent", ...flags]);
    const gone = await runCli(["restore", "goneToken", ...flags]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`error: ${name("goneToken")} was not found in Secrets Manager\nhint: it was deleted permanently, or its recovery window has passed`);
  });
});
