// `npm run demo`, run as a user would (under Node and with --bun), against a
// moto of its own: every step's command line appears, it exits 0, it cleans up,
// and the secret value it types in appears only in `get`'s output.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";

/** Every command of the walkthrough, in order, as the demo prints it. */
const STEPS = [
  "$ secrets define signingKey --secret",
  "$ secrets codegen",
  "$ secrets pulumi:generate",
  "$ secrets set signingKey --secret -",
  "$ secrets set featureFlag enabled",
  "$ secrets get signingKey",
  "$ secrets get featureFlag",
  "$ secrets list",
  "$ secrets rotate signingKey",
  "$ secrets rotate signingKey --auto",
  "$ secrets rotate featureFlag",
  "$ secrets delete signingKey --force --permanent",
  "$ secrets delete featureFlag --force",
  "$ secrets list",
];

interface DemoRun {
  code: number | null;
  /** stdout and stderr interleaved, as a terminal shows them. */
  output: string;
  /** The TMPDIR the demo ran with, which must be empty afterwards. */
  scratch: string;
}

/** The caller's environment without the test's moto settings: the demo starts its own moto. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_") && !key.startsWith("SST_") && key !== "SENVAR_TEST_ENDPOINT"));
  return { ...env, NO_COLOR: "1", ...extra };
}

function runDemo(args: string[], options: { env?: NodeJS.ProcessEnv; interruptAfter?: string } = {}): Promise<DemoRun> {
  const scratch = mkdtempSync(join(tmpdir(), "senvar-demo-test-"));
  const env = { ...(options.env ?? userEnv({})), TMPDIR: scratch };
  // One pipe for both streams, so that the order is what a terminal would show.
  const command = `exec "${process.execPath}" scripts/demo.mjs --no-build ${args.join(" ")} 2>&1`;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    let interrupted = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (options.interruptAfter && !interrupted && output.includes(options.interruptAfter)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output, scratch }));
  });
}

/** The output split at each printed command: [command line, what follows it up to the next one]. */
function sections(output: string): [string, string][] {
  const parts = output.split(/^(?=\$ secrets )/m);
  return parts.map((part) => {
    const newline = part.indexOf("\n");
    return [newline === -1 ? part : part.slice(0, newline), newline === -1 ? "" : part.slice(newline + 1)];
  });
}

/** Resolves once nothing listens on moto's port any more (moto takes a moment to exit after SIGTERM). */
async function expectStopped(output: string): Promise<void> {
  const url = /moto_server at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  expect(url, "the demo names its moto endpoint").toBeDefined();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answered = await fetch(`${url}/moto-api/`).then(() => true, () => false);
    if (!answered) return;
    if (Date.now() > deadline) throw new Error(`moto at ${url} is still running after the demo ended`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each([
  ["Node", []],
  ["Bun", ["--bun"]],
] as const)("npm run demo with the CLI under %s", (runtime, args) => {
  it("walks every step, exits 0, shows the typed value only in get's output and cleans up", async () => {
    const canary = `canary${Date.now().toString(36)}${runtime}`;
    const run = await runDemo([...args], { env: userEnv({ SENVAR_DEMO_CANARY: canary }) });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`the secrets CLI under ${runtime}`);

    // Every command line appears, in order.
    let from = 0;
    for (const step of STEPS) {
      const at = run.output.indexOf(`${step}`, from);
      expect(at, `${step} appears after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + step.length;
    }
    expect(run.output).toContain("typed registry");
    expect(run.output).toContain("readonly signingKey: Secret;");
    expect(run.output).toMatch(/rotated billing-demo-signingKey: version [0-9a-f-]{36} \(previous [0-9a-f-]{36} is now AWSPREVIOUS\)/);
    expect(run.output).toContain("no variables starting with billing-demo-");

    // The first value appears once, under `secrets get signingKey`; the rotated ones never.
    const leaks = sections(run.output).filter(([, body]) => body.includes(canary));
    expect(leaks.map(([command]) => command)).toEqual(["$ secrets get signingKey"]);
    expect(run.output.split(canary).length - 1).toBe(1);
    expect(run.output).toContain(`${canary}-first`);

    expect(readdirSync(run.scratch)).toEqual([]);
    await expectStopped(run.output);
  }, 120_000);
});

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
