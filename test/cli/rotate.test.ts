import { describe, expect, it } from "vitest";
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { rawSecrets, uniqueScope } from "../support/aws.js";
import { runCli, tempProject } from "../support/cli.js";

function scoped() {
  const { app, stage } = uniqueScope("r");
  return { app, stage, flags: ["--app", app, "--stage", stage] };
}

async function previous(fullName: string) {
  return (await rawSecrets().send(new GetSecretValueCommand({ SecretId: fullName, VersionStage: "AWSPREVIOUS" }))).SecretString;
}

describe.each(["node", "bun"] as const)("secrets rotate under %s", (runtime) => {
  it("rotates manually from stdin and prints the new version id, not the value", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "apiKey", "old-value", "--secret", ...flags]);
    const result = await runCli(["rotate", "apiKey", ...flags], { input: "new-value\n", runtime });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^rotated .+-apiKey: version [0-9a-f-]{36} \(previous [0-9a-f-]{36} is now AWSPREVIOUS\)\n$/);
    expect(result.stdout + result.stderr).not.toContain("new-value");
    expect((await runCli(["get", "apiKey", ...flags])).stdout).toBe("new-value\n");
    expect(await previous(`${app}-${stage}-apiKey`)).toBe("old-value");
  });

  it("--auto uses rotationHandlers from secrets/rotation/index.ts keyed by full name", async () => {
    const { app, stage, flags } = scoped();
    const cwd = tempProject({
      "secrets/rotation/index.ts": `
        type Rotate = (old: string | undefined) => Promise<string>;
        export const rotationHandlers: Record<string, Rotate> = {
          "${app}-${stage}-signingKey": async (old: string | undefined): Promise<string> => \`\${old}+byFullName\`,
        };`,
    });
    await runCli(["set", "signingKey", "k0", "--secret", ...flags], { cwd });
    const result = await runCli(["rotate", "signingKey", "--auto", "--json", ...flags], { cwd, runtime });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ name: `${app}-${stage}-signingKey`, source: `secrets/rotation/index.ts rotationHandlers["${app}-${stage}-signingKey"]` });
    expect((await runCli(["get", "signingKey", ...flags], { cwd })).stdout).toBe("k0+byFullName");
  });

  it("--auto falls back to the map keyed by name", async () => {
    const { flags } = scoped();
    const cwd = tempProject({
      "secrets/rotation/index.ts": `export const rotationHandlers = { sessionKey: async (old?: string): Promise<string> => (old ?? "") + "+byName" };`,
    });
    await runCli(["set", "sessionKey", "s0", "--secret", ...flags], { cwd });
    const result = await runCli(["rotate", "sessionKey", "--auto", ...flags], { cwd, runtime });
    expect(result.code).toBe(0);
    expect((await runCli(["get", "sessionKey", ...flags], { cwd })).stdout).toBe("s0+byName");
  });

  it("--auto uses secrets/rotation/<name>.ts with a default export, passing undefined when there is no value", async () => {
    const { flags } = scoped();
    const cwd = tempProject({
      "secrets/rotation/webhookSecret.ts": `
        export default async function rotate(old: string | undefined): Promise<string> {
          return old === undefined ? "first-generated" : old + "+next";
        }`,
    });
    const created = await runCli(["rotate", "webhookSecret", "--auto", "--secret", ...flags], { cwd, runtime });
    expect(created.code).toBe(0);
    expect((await runCli(["get", "webhookSecret", ...flags], { cwd })).stdout).toBe("first-generated");
    await runCli(["rotate", "webhookSecret", "--auto", ...flags], { cwd, runtime });
    expect((await runCli(["get", "webhookSecret", ...flags], { cwd })).stdout).toBe("first-generated+next");
  });

  it("--auto uses secrets/rotation/<fullName>.mts exporting rotate", async () => {
    const { app, stage, flags } = scoped();
    const cwd = tempProject({ [`secrets/rotation/${app}-${stage}-hmacKey.mts`]: `export const rotate = async (old?: string): Promise<string> => \`\${old}!\`;` });
    await runCli(["set", "hmacKey", "h", "--secret", ...flags], { cwd });
    expect((await runCli(["rotate", "hmacKey", "--auto", ...flags], { cwd, runtime })).code).toBe(0);
    expect((await runCli(["get", "hmacKey", ...flags], { cwd })).stdout).toBe("h!");
  });

  it("--auto without a handler names the secret and every path it tried", async () => {
    const { app, stage, flags } = scoped();
    const cwd = tempProject();
    await runCli(["set", "orphanKey", "x", "--secret", ...flags], { cwd });
    const result = await runCli(["rotate", "orphanKey", "--auto", ...flags], { cwd, runtime });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`no rotation handler found for ${app}-${stage}-orphanKey`);
    for (const path of ["secrets/rotation/index.ts", "secrets/rotation/index.mjs", `secrets/rotation/${app}-${stage}-orphanKey.ts`, "secrets/rotation/orphanKey.ts", "secrets/rotation/orphanKey.js"]) {
      expect(result.stderr).toContain(path);
    }
  });

  it("a failing handler writes nothing, and its message never shows the old value", async () => {
    const { flags } = scoped();
    const cwd = tempProject({ "secrets/rotation/brokenKey.ts": `export default async (old?: string): Promise<string> => { throw new Error("cannot rotate " + old); };` });
    await runCli(["set", "brokenKey", "old-secret-canary", "--secret", ...flags], { cwd });
    const result = await runCli(["rotate", "brokenKey", "--auto", ...flags], { cwd, runtime });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the rotation handler secrets/rotation/brokenKey.ts failed");
    expect(result.stderr).not.toContain("old-secret-canary");
    expect((await runCli(["get", "brokenKey", ...flags], { cwd })).stdout).toBe("old-secret-canary");
  });

  it("refuses to rotate a parameter, with a clear message", async () => {
    const { flags } = scoped();
    await runCli(["set", "featureFlag", "on", ...flags]);
    const result = await runCli(["rotate", "featureFlag", ...flags], { input: "x", runtime });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is a parameter, and parameters cannot be rotated");
    expect((await runCli(["get", "featureFlag", ...flags])).stdout).toBe("on");
  });
});
