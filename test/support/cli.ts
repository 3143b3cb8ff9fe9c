// Spawns the real built bin (dist/cli/bin.js), as a user would run it.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const binPath = join(repoRoot, "dist/cli/bin.js");
export const bunPath = join(repoRoot, "node_modules/.bin/bun");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
  runtime?: "node" | "bun";
  /** Extra node flags, e.g. --import for a load trace. */
  nodeArgs?: string[];
}

let emptyProject: string | undefined;
/** Commands run in an empty project by default, so no config or manifest of this repo leaks in. */
function defaultCwd(): string {
  return (emptyProject ??= tempProject());
}

/** The environment a CLI test starts from: the test's AWS settings, no SST or colour variables. */
function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["SST_APP", "SST_STAGE", "FORCE_COLOR", "NO_COLOR", "AWS_PROFILE"]) delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `secrets <args>` with pipes (no TTY). */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const [command, prefix] = options.runtime === "bun" ? [bunPath, [binPath]] : [process.execPath, [...(options.nodeArgs ?? []), binPath]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, [...prefix, ...args], { cwd: options.cwd ?? defaultCwd(), env: baseEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** One step of a terminal conversation: wait for `expect` in the output, then type `send`. */
export interface PtyStep {
  expect: RegExp;
  send: string;
}

/**
 * Runs `secrets <args>` on a pseudo-terminal (util-linux `script`), answering
 * prompts as they appear. The output is everything the terminal showed.
 */
export function runInPty(args: string[], steps: PtyStep[], options: CliOptions = {}): Promise<{ code: number | null; output: string }> {
  const quoted = [process.execPath, binPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return new Promise((resolvePromise, reject) => {
    const child = spawn("script", ["-qec", quoted, "/dev/null"], { cwd: options.cwd ?? defaultCwd(), env: baseEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    let step = 0;
    let seenUpTo = 0;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`pty conversation timed out at step ${step}; output so far: ${JSON.stringify(output)}`));
    }, 20_000);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      output += d;
      const next = steps[step];
      if (next && next.expect.test(output.slice(seenUpTo))) {
        seenUpTo = output.length;
        step++;
        setTimeout(() => child.stdin.write(next.send), 150);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

/** A temporary project folder with the given files (paths relative to it). */
export function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "senvar-project-"));
  const all = { "package.json": JSON.stringify({ name: "fixture", type: "module", private: true }), ...files };
  for (const [path, contents] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

/** Strips ANSI escapes, for asserting on terminal output. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g, "");
}
