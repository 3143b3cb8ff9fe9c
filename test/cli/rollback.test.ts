// `secrets rollback` through the built bin against moto: refusals, both
// backends, --to, --json, the terminal confirmation, and races with rotations.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { plain, runCli, runInPty, spawnCli, tempProject, waitFor } from "../support/cli.js";
import { startFaultProxy, type FaultProxy } from "../support/faultProxy.js";
import { secretAt, secretVersions } from "../support/moto.js";

function scoped() {
  const { app, stage } = uniqueScope("rb");
  return { flags: ["--app", app, "--stage", stage], name: (key: string) => `${app}-${stage}-${key}` };
}

let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL!);
});
afterAll(() => proxy.close());

async function setSecret(key: string, value: string, flags: string[], cwd?: string): Promise<string> {
  return JSON.parse((await runCli(["set", key, value, "--secret", "--json", ...flags], cwd ? { cwd } : {})).stdout).version;
}

/** The labels, with the invariants every run must keep: one AWSCURRENT, at most one AWSPREVIOUS, no AWSPENDING. */
async function labels(fullName: string): Promise<{ current: string; previous: string | undefined }> {
  const versions = await secretVersions(fullName);
  const holding = (stage: string) => versions.filter((v) => v.stages.includes(stage)).map((v) => v.id);
  expect(holding("AWSCURRENT")).toHaveLength(1);
  expect(holding("AWSPREVIOUS").length).toBeLessThanOrEqual(1);
  expect(holding("AWSPENDING")).toEqual([]);
  return { current: holding("AWSCURRENT")[0]!, previous: holding("AWSPREVIOUS")[0] };
}

describe("secrets rollback", () => {
  it("refuses without a terminal unless --force is given, and changes nothing (secret and parameter)", async () => {
    const { flags, name } = scoped();
    await setSecret("apiToken", "one", flags);
    const current = await setSecret("apiToken", "two", flags);
    const refused = await runCli(["rollback", "apiToken", ...flags]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`error: refusing to roll back ${name("apiToken")} without confirmation\nhint: pass --force to roll back without a terminal\n`);
    expect((await labels(name("apiToken"))).current).toBe(current);

    await runCli(["set", "featureFlag", "on", ...flags]);
    await runCli(["set", "featureFlag", "off", ...flags]);
    expect((await runCli(["rollback", "featureFlag", ...flags])).code).toBe(1);
    expect((await runCli(["history", "featureFlag", "--json", ...flags])).stdout).toContain('"version": 2,');
    expect((await runCli(["get", "featureFlag", ...flags])).stdout).toBe("off");
  });

  it("--force moves a secret's AWSCURRENT back to AWSPREVIOUS and prints both versions, never a value", async () => {
    const { flags, name } = scoped();
    const first = await setSecret("apiToken", "rollback-value-1", flags);
    const second = await setSecret("apiToken", "rollback-value-2", flags);
    const result = await runCli(["rollback", "apiToken", "--force", ...flags]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(`rolled back ${name("apiToken")}: AWSCURRENT is version ${first} (version ${second} is now AWSPREVIOUS)\n`);
    expect((await runCli(["get", "apiToken", ...flags])).stdout).toBe("rollback-value-1");
    expect(await labels(name("apiToken"))).toEqual({ current: first, previous: second });

    const json = await runCli(["rollback", "apiToken", "--force", "--json", ...flags]);
    expect(JSON.parse(json.stdout)).toEqual({ name: name("apiToken"), backend: "secretsmanager", versionId: second, previousVersionId: first });
    expect(result.stdout + json.stdout).not.toContain("rollback-value");
  });

  it("--to picks a secret version from history; an unknown one fails and moves no label", async () => {
    const { flags, name } = scoped();
    const first = await setSecret("signingKey", "k1", flags);
    await setSecret("signingKey", "k2", flags);
    const third = await setSecret("signingKey", "k3", flags);
    const unknown = await runCli(["rollback", "signingKey", "--to", "not-a-version", "--force", ...flags]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`has no version not-a-version`);
    expect(unknown.stderr).toContain(`hint: pick a version from: secrets history ${name("signingKey")}`);
    expect((await labels(name("signingKey"))).current).toBe(third);

    const result = await runCli(["rollback", "signingKey", "--to", first, "--force", ...flags]);
    expect(result.code).toBe(0);
    expect((await runCli(["get", "signingKey", ...flags])).stdout).toBe("k1");
  });

  it("writes a parameter's earlier value as a new version, with --to and --json; a --to that is not a number is a usage error", async () => {
    const { flags, name } = scoped();
    for (const value of ["a", "b", "c"]) await runCli(["set", "maxRetries", value, ...flags]);
    const usage = await runCli(["rollback", "maxRetries", "--to", "two", "--force", ...flags]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('error: --to must be a parameter version number (1, 2, …), not "two"');

    const previous = await runCli(["rollback", "maxRetries", "--force", ...flags]);
    expect(previous.stdout).toBe(`rolled back ${name("maxRetries")}: version 4 holds the value of version 2\n`);
    expect((await runCli(["get", "maxRetries", ...flags])).stdout).toBe("b");
    const json = await runCli(["rollback", "maxRetries", "--to", "1", "--force", "--json", ...flags]);
    expect(JSON.parse(json.stdout)).toEqual({ name: name("maxRetries"), backend: "ssm", version: 5, restoredFrom: 1, previousVersion: 4, interleaved: false });
    expect((await runCli(["get", "maxRetries", ...flags])).stdout).toBe("a");
  });

  it("on a terminal, shows the plan and asks; yes rolls back, no changes nothing", async () => {
    const { flags, name } = scoped();
    const first = await setSecret("ttyToken", "t1", flags);
    const second = await setSecret("ttyToken", "t2", flags);
    const declined = await runInPty(["rollback", "ttyToken", ...flags], [{ expect: /Roll back .+\?/, send: "n" }]);
    expect(declined.code).toBe(1);
    expect(plain(declined.output)).toContain(`AWSCURRENT moves from version ${second} to version ${first} (AWSPREVIOUS`);
    expect(plain(declined.output)).toContain("not confirmed; nothing was rolled back");
    expect((await labels(name("ttyToken"))).current).toBe(second);

    const accepted = await runInPty(["rollback", "ttyToken", ...flags], [{ expect: /Roll back .+\?/, send: "y" }]);
    expect(accepted.code).toBe(0);
    expect(plain(accepted.output)).toContain(`rolled back ${name("ttyToken")}: AWSCURRENT is version ${first}`);
    expect(await secretAt(name("ttyToken"), "AWSCURRENT")).toBe("t1");
  });

  it("racing a rotation that read the value first: the rollback wins, the rotation fails with a clear conflict, labels stay consistent", async () => {
    const { flags, name } = scoped();
    const marker = join(tempProject(), "handler-called");
    const cwd = tempProject({
      "secrets/rotation/raceKey.ts": `import { writeFileSync } from "node:fs";
        export default async function rotate(old: string | undefined): Promise<string> {
          writeFileSync(process.env.ROTATION_MARKER!, "");
          await new Promise((resolve) => setTimeout(resolve, 2500));
          return old + "+rotated";
        }`,
    });
    const first = await setSecret("raceKey", "race-1", flags, cwd);
    const second = await setSecret("raceKey", "race-2", flags, cwd);
    const rotation = spawnCli(["rotate", "raceKey", "--auto", ...flags], { cwd, env: { ROTATION_MARKER: marker } });
    await waitFor(() => existsSync(marker), 20_000, "the rotation handler to run");
    const rollback = await runCli(["rollback", "raceKey", "--force", ...flags], { cwd });
    const rotated = await rotation.done;

    expect(rollback.code).toBe(0);
    expect(rotated.code).toBe(1);
    expect(rotation.stderr()).toContain(`error: Secret ${name("raceKey")} (region us-east-1) changed concurrently while it was being rotated`);
    expect(rotation.stderr()).toContain("retry");
    expect(await labels(name("raceKey"))).toEqual({ current: first, previous: second });
    expect((await runCli(["get", "raceKey", ...flags])).stdout).toBe("race-1");
  }, 60_000);

  it("racing a rotation that commits first: the rollback fails with a clear conflict and moves nothing", async () => {
    const { flags, name } = scoped();
    await setSecret("raceTwo", "two-1", flags);
    const second = await setSecret("raceTwo", "two-2", flags);
    proxy.reset();
    // Hold the rollback's stage move back while a rotation goes straight to moto and wins.
    proxy.inject({ target: "UpdateSecretVersionStage", fault: "delay", delayMs: 2000, match: name("raceTwo") });
    const rollback = spawnCli(["rollback", "raceTwo", "--force", ...flags], { env: { AWS_ENDPOINT_URL: proxy.url } });
    await waitFor(() => proxy.count("UpdateSecretVersionStage") >= 1, 20_000, "the rollback's stage move");
    const rotation = await runCli(["rotate", "raceTwo", "--json", ...flags], { input: "two-3" });
    const rolled = await rollback.done;

    expect(rotation.code).toBe(0);
    const rotatedTo = JSON.parse(rotation.stdout).versionId as string;
    expect(rolled.code).toBe(1);
    expect(rollback.stderr()).toContain(`error: Secret ${name("raceTwo")} (region us-east-1) changed concurrently while it was being rolled back: AWSCURRENT is no longer on version ${second}, so nothing was rolled back`);
    expect(rollback.stderr()).toContain(`hint: check secrets history ${name("raceTwo")}, then retry the rollback`);
    expect(await labels(name("raceTwo"))).toEqual({ current: rotatedTo, previous: second });
    expect((await runCli(["get", "raceTwo", ...flags])).stdout).toBe("two-3");
  }, 60_000);
});
