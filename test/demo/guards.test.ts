// `npm run demo`: clean-up on Ctrl-C, the message without moto, the real-AWS
// opt-in, and its usage.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectStopped, runDemo, userEnv } from "./runDemo.js";

describe("npm run demo, guards and clean-up", () => {
  it("stops moto and removes its copy when interrupted with Ctrl-C", async () => {
    const run = await runDemo([], { interruptAfter: "$ secrets set signingKey" });
    expect(run.code).toBe(130);
    expect(run.output).toMatch(/demo interrupted \(SIGINT\): moto stopped, .+ removed/);
    expect(readdirSync(run.scratch)).toEqual([]);
    await expectStopped(run.output);
  }, 120_000);

  it("without moto, says so and explains the opt-in for a real AWS account", async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), "senvar-no-moto-"));
    const run = await runDemo([], { env: userEnv({ PATH: emptyPath }) });
    expect(run.code).toBe(1);
    expect(run.output).toContain("could not be started");
    expect(run.output).toContain("pip install 'moto[server]'");
    expect(run.output).toContain("SENVAR_DEMO_REAL_AWS=yes npm run demo -- --real-aws");
    expect(run.output).not.toContain("$ secrets");
    expect(readdirSync(run.scratch)).toEqual([]);
  });

  it("--real-aws without the confirmation variable refuses before anything runs (exit 2)", async () => {
    const run = await runDemo(["--real-aws"]);
    expect(run.code).toBe(2);
    expect(run.output).toContain("To confirm, set SENVAR_DEMO_REAL_AWS=yes");
    expect(run.output).not.toContain("$ secrets");
    expect(readdirSync(run.scratch)).toEqual([]);
  });

  it("--real-aws with the confirmation uses the caller's own AWS settings and a stage of its own", async () => {
    // The caller's settings here are the test's moto: the real-account path, without a real account.
    const callerAws = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("AWS_"))) as Record<string, string>;
    const run = await runDemo(["--real-aws"], { env: userEnv({ ...callerAws, SENVAR_DEMO_REAL_AWS: "yes" }) });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/against REAL AWS \(us-east-1\), stage demo[0-9a-f]{6}/);
    expect(run.output).toMatch(/set billing-demo[0-9a-f]{6}-signingKey in Secrets Manager/);
    expect(readdirSync(run.scratch)).toEqual([]);
  }, 120_000);

  it("rejects an unknown option with usage (exit 2)", async () => {
    const run = await runDemo(["--frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.output).toContain("unknown option --frobnicate");
    expect(run.output).toContain("npm run demo -- --bun");
  });
});
