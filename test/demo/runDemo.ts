// Runs `npm run demo` (scripts/demo.mjs) as a user would, with a TMPDIR of its
// own so that a test can check that nothing is left behind.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { repoRoot } from "../support/cli.js";

/** Every command of the walkthrough, in order, as the demo prints it. */
export const STEPS = [
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

export interface DemoRun {
  code: number | null;
  /** stdout and stderr interleaved, as a terminal shows them. */
  output: string;
  /** The TMPDIR the demo ran with, which must be empty afterwards. */
  scratch: string;
}

/** The caller's environment without the test's moto settings: the demo starts its own moto. */
export function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_") && !key.startsWith("SST_") && key !== "SENVAR_TEST_ENDPOINT"));
  return { ...env, NO_COLOR: "1", ...extra };
}

export function runDemo(args: string[], options: { env?: NodeJS.ProcessEnv; interruptAfter?: string } = {}): Promise<DemoRun> {
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
export function sections(output: string): [string, string][] {
  const parts = output.split(/^(?=\$ secrets )/m);
  return parts.map((part) => {
    const newline = part.indexOf("\n");
    return [newline === -1 ? part : part.slice(0, newline), newline === -1 ? "" : part.slice(newline + 1)];
  });
}

/** Resolves once nothing listens on moto's port any more (moto takes a moment to exit after SIGTERM). */
export async function expectStopped(output: string): Promise<void> {
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

