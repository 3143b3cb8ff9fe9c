// `secrets export` through the built bin against moto: both formats read back
// exactly, the 0600 file (created so, not chmod'ed), the terminal warning and
// the refusals that write nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as util from "node:util";
import { describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { binPath, manifestProject, plain, runCli, runInPty, tempProject } from "../support/cli.js";
import { parseDotenv } from "../support/dotenv.js";

const parseEnv = (util as { parseEnv?: (text: string) => Record<string, string> }).parseEnv;
const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
// Between them: a single quote (double-quoted), a PEM (multiline), leading and trailing spaces with a
// `#`, and backslash sequences, `$`, backticks and double quotes (single-quoted, all literal).
const VALUES = { DB_PASSWORD: "p@ss w'ord", TLS_PRIVATE_KEY: PEM, FEATURE_FLAG: " ünïcødé ✓ #not-a-comment ", API_TOKEN: 'a\\nb $HOME `x` "q"' };

async function seeded() {
  const { app, stage } = uniqueScope("xp");
  const flags = ["--app", app, "--stage", stage];
  const cwd = manifestProject([
    { key: "dbPassword", kind: "secret" },
    { key: "tlsPrivateKey", kind: "secret" },
    { key: "featureFlag", kind: "parameter" },
    { key: "apiToken", kind: "parameter", encrypted: true },
  ]);
  for (const [key, value] of [["dbPassword", VALUES.DB_PASSWORD], ["tlsPrivateKey", VALUES.TLS_PRIVATE_KEY], ["featureFlag", VALUES.FEATURE_FLAG], ["apiToken", VALUES.API_TOKEN]] as const) {
    expect((await runCli(["set", key, "-", "--yes", ...flags], { cwd, input: value })).code).toBe(0);
  }
  return { app, stage, flags, cwd };
}

describe("secrets export", () => {
  it("dotenv on stdout parses back to exactly the stored values, with our parser and Node's, and warns nothing when piped", async () => {
    const { app, stage, flags, cwd } = await seeded();
    const result = await runCli(["export", "--format", "dotenv", ...flags], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.split("\n")[0]).toBe(`# secrets export for ${app}-${stage}: 4 variables. Contains secret values: do not commit.`);
    expect(parseDotenv(result.stdout)).toEqual(VALUES);
    if (parseEnv) expect(parseEnv(result.stdout)).toEqual(VALUES);
    // dotenv is the default format.
    expect((await runCli(["export", ...flags], { cwd })).stdout).toBe(result.stdout);
  });

  it("dotenv is read back by node --env-file into the same environment exec would give", async () => {
    const { flags, cwd } = await seeded();
    const file = join(tempProject(), ".env");
    expect((await runCli(["export", "--out", file, ...flags], { cwd })).code).toBe(0);
    const fromFile = execFileSync(process.execPath, [`--env-file=${file}`, "-e", `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(VALUES))}.map((k) => [k, process.env[k]]))))`], { encoding: "utf8" });
    const fromExec = await runCli(["exec", ...flags, "--", process.execPath, "-e", `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(VALUES))}.map((k) => [k, process.env[k]]))))`], { cwd });
    expect(JSON.parse(fromFile)).toEqual(VALUES);
    expect(JSON.parse(fromExec.stdout)).toEqual(VALUES);
  });

  it("json on stdout is an object of the same names and values; --only narrows it", async () => {
    const { flags, cwd } = await seeded();
    const result = await runCli(["export", "--format", "json", ...flags], { cwd });
    expect(JSON.parse(result.stdout)).toEqual(VALUES);
    const only = await runCli(["export", "--format", "json", "--only", "tlsPrivateKey", ...flags], { cwd });
    expect(JSON.parse(only.stdout)).toEqual({ TLS_PRIVATE_KEY: PEM });
  });

  it("--out creates the file with mode 0600 in the open call itself (no chmod afterwards), and says so on stdout", async () => {
    const { flags, cwd } = await seeded();
    const dir = tempProject();
    const file = join(dir, "prod.env");
    const result = await runCli(["export", "--out", file, ...flags], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(`wrote 4 variables to ${file} (dotenv, mode 0600)\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseDotenv(readFileSync(file, "utf8"))).toEqual(VALUES);

    const traced = join(dir, "traced.json");
    const trace = join(dir, "strace.txt");
    const strace = spawnSync("strace", ["-f", "-qq", "-e", "trace=open,openat,creat,chmod,fchmod,fchmodat", "-o", trace, process.execPath, binPath, "export", "--format", "json", "--out", traced, ...flags], {
      cwd,
      encoding: "utf8",
    });
    if (strace.error) return; // no strace on this machine: the mode check above still holds
    expect(strace.status).toBe(0);
    const calls = readFileSync(trace, "utf8").split("\n").filter((line) => line.includes(traced));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/open(at)?\(.*O_CREAT\|O_EXCL.*, 0600\) = \d+/);
    expect(readFileSync(trace, "utf8")).not.toMatch(/chmod\(/);
  });

  it("never overwrites an existing file unless --force, which replaces it with a new 0600 file", async () => {
    const { flags, cwd } = await seeded();
    const file = join(tempProject(), "existing.env");
    writeFileSync(file, "KEEP=me\n", { mode: 0o644 });
    const refused = await runCli(["export", "--out", file, ...flags], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`error: ${file} already exists; nothing was written\nhint: pass --force to replace it (with a new file of mode 0600), or choose another --out\n`);
    expect(readFileSync(file, "utf8")).toBe("KEEP=me\n");

    const before = statSync(file).ino;
    const forced = await runCli(["export", "--out", file, "--force", "--format", "json", ...flags], { cwd });
    expect(forced.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).ino).not.toBe(before);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(VALUES);
  });

  it("warns on a terminal that the output contains secret values", async () => {
    const { flags, cwd } = await seeded();
    const { code, output } = await runInPty(["export", "--only", "featureFlag", ...flags], [], { cwd });
    expect(code).toBe(0);
    expect(plain(output)).toMatch(/^warning: the output below contains secret values; redirect it to a file, or use --out \(mode 0600\)\r?\n/);
  });

  it("refuses a value no dotenv quoting reads back unchanged, naming the variable and not the value, and writes no file", async () => {
    const { app, stage } = uniqueScope("xp");
    const flags = ["--app", app, "--stage", stage];
    const cwd = manifestProject([{ key: "mixedQuotes", kind: "secret" }]);
    const value = `it's "both" quoted-canary`;
    await runCli(["set", "mixedQuotes", value, "--secret", ...flags], { cwd });
    const file = join(tempProject(), "never.env");
    const result = await runCli(["export", "--out", file, ...flags], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: cannot write MIXED_QUOTES as dotenv: its value contains a single quote together with one of");
    expect(result.stderr).toContain("hint: use --format json");
    expect(result.stdout + result.stderr).not.toContain("quoted-canary");
    expect(existsSync(file)).toBe(false);
    expect(JSON.parse((await runCli(["export", "--format", "json", ...flags], { cwd })).stdout)).toEqual({ MIXED_QUOTES: value });
  });
});
