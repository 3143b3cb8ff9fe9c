// The built CLI, spawned under the runtime running this file: Node under
// vitest, Bun under `npm run test:bun`. Only describe/it/expect, which Bun's
// test runner provides under the "vitest" import as well.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { waitFor } from "../support/cli.js";

const bin = fileURLToPath(new URL("../../dist/cli/bin.js", import.meta.url));
const runtime = typeof (globalThis as { Bun?: unknown }).Bun === "undefined" ? "node" : "bun";
const scope = ["--app", `cli${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, "--stage", runtime];

/** A temporary project; the test that made it removes it with `done`. */
function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "senvar-e2e-cli-"));
  for (const [path, contents] of Object.entries({ "package.json": '{ "name": "e2e", "type": "module", "private": true }', ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

type Outcome = { code: number | null; stdout: string; stderr: string };

/** `secrets <args>` under this runtime, with pipes (no TTY), still running: its output so far, and its outcome. */
function start(args: string[], options: { cwd?: string; input?: string } = {}) {
  const env = { ...process.env };
  delete env.SST_APP;
  delete env.SST_STAGE;
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? emptyProject, env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin.end(options.input ?? "");
  const done = new Promise<Outcome>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, stdout: () => stdout, done };
}

/** `secrets <args>` under this runtime, with pipes (no TTY). */
function secrets(args: string[], options: { cwd?: string; input?: string } = {}): Promise<Outcome> {
  return start(args, options).done;
}

const done = (dir: string) => rmSync(dir, { recursive: true, force: true });
const emptyProject = project();

describe(`the secrets CLI end to end (${runtime})`, () => {
  it("sets from stdin, gets byte-exact, lists without values and deletes", async () => {
    const value = "line one\n  two  \n";
    expect((await secrets(["set", "e2eToken", "--secret", "-", ...scope], { input: value })).code).toBe(0);
    expect((await secrets(["set", "e2eFlag", "on", ...scope])).code).toBe(0);
    expect((await secrets(["get", "e2eToken", ...scope])).stdout).toBe(value);
    const listed = await secrets(["list", "--json", ...scope]);
    expect((JSON.parse(listed.stdout) as { type: string }[]).map((v) => v.type)).toEqual(["parameter", "secret"]);
    expect(listed.stdout).not.toContain("line one");
    expect((await secrets(["delete", "e2eToken", "--force", "--permanent", ...scope])).code).toBe(0);
    expect((await secrets(["delete", "e2eFlag", "--force", ...scope])).code).toBe(0);
    expect((await secrets(["get", "e2eFlag", ...scope])).code).toBe(1);
  });

  it("rotate --auto imports a TypeScript handler", async () => {
    const cwd = project({ "secrets/rotation/e2eRotatedKey.ts": "export default async function rotate(old: string | undefined): Promise<string> {\n  return `${old ?? ''}+rotated`;\n}\n" });
    await secrets(["set", "e2eRotatedKey", "--secret", "-", ...scope], { cwd, input: "k" });
    const rotated = await secrets(["rotate", "e2eRotatedKey", "--auto", ...scope], { cwd });
    expect(rotated.stderr).toBe("");
    expect(rotated.stdout).toMatch(/^rotated .+-e2eRotatedKey: version /);
    expect((await secrets(["get", "e2eRotatedKey", ...scope], { cwd })).stdout).toBe("k+rotated");
    done(cwd);
  });

  it("codegen writes the typed registry and a rotation stub", async () => {
    const cwd = project({ "secrets/variables.ts": 'import { Secret } from "@senvar/secrets";\nexport const e2eSecret = new Secret("e2eSecret");\n' });
    const result = await secrets(["codegen"], { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(join(cwd, "generated/secrets.ts"), "utf8")).toContain("readonly e2eSecret: Secret;");
    expect(readFileSync(join(cwd, "secrets/rotation/e2eSecret.ts"), "utf8")).toContain("not implemented: write the rotation for e2eSecret");
    done(cwd);
  });

  it("exec hands the command the declared variables byte-exact, returns its exit code, and passes SIGTERM on", async () => {
    const cwd = project({ "secrets/variables.ts": 'import { Parameter, Secret } from "@senvar/secrets";\nexport const e2eExecKey = new Secret("e2eExecKey");\nexport const e2eExecFlag = new Parameter("e2eExecFlag");\n' });
    expect((await secrets(["codegen"], { cwd })).code).toBe(0);
    const pem = "-----BEGIN KEY-----\nabc\n-----END KEY-----\n";
    expect((await secrets(["set", "e2eExecKey", "-", ...scope], { cwd, input: pem })).code).toBe(0);
    expect((await secrets(["set", "e2eExecFlag", "on", ...scope], { cwd })).code).toBe(0);

    const show = "process.stdout.write(JSON.stringify([process.env.E2E_EXEC_KEY, process.env.E2E_EXEC_FLAG])); process.exit(7);";
    const shown = await secrets(["exec", ...scope, "--", process.execPath, "-e", show], { cwd });
    expect(shown).toMatchObject({ code: 7, stderr: "" });
    expect(JSON.parse(shown.stdout)).toEqual([pem, "on"]);

    const waiting = "process.on('SIGTERM', () => { process.stdout.write(' got SIGTERM'); process.exit(42); }); process.stdout.write('ready'); setInterval(() => {}, 1000);";
    const run = start(["exec", ...scope, "--", process.execPath, "-e", waiting], { cwd });
    await waitFor(() => run.stdout().includes("ready"), 20_000, "the command to start");
    run.child.kill("SIGTERM");
    expect(await run.done).toMatchObject({ code: 42, stdout: "ready got SIGTERM" });
    done(cwd);
  }, 40_000);

  it("exits 2 on a usage error and 1 on a refusal, with error and hint lines", async () => {
    const usage = await secrets(["get", "x", "--no-such-flag"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error: Unknown option --no-such-flag\n/);
    const refused = await secrets(["delete", "whatever", "--secret", ...scope]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: .+\nhint: /);
    done(emptyProject);
  });
});
