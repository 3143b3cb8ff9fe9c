import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, runCli } from "../support/cli.js";

const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
const COMMANDS = ["get", "set", "define", "rotate", "delete", "list", "status", "history", "rollback", "restore", "exec", "export", "codegen", "pulumi:generate"];

describe("secrets CLI basics", () => {
  it("--version prints the package version and exits 0", async () => {
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.trim()).toBe(`secrets, ${version}`);
  });

  it("--help lists every command", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(command);
  });

  it.each(COMMANDS)("%s --help shows usage, the shared flags and an example", async (command) => {
    const result = await runCli([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`$ secrets ${command}`);
    expect(result.stdout).toContain("Examples");
    for (const flag of ["--app", "--stage", "--region", "--profile"]) expect(result.stdout).toContain(flag);
  });

  it.each([
    [["set"], "Insufficient arguments"],
    [["frobnicate"], "Invalid command: frobnicate"],
    [["get", "x", "--secert"], "Unknown option --secert"],
    [["get", "a", "b"], "unexpected argument: b"],
    [["get", "x", "--secret", "--parameter"], "--secret and --parameter cannot be combined"],
    [["delete", "x", "--recovery-window", "3"], "--recovery-window must be"],
    [["exec"], "exec needs a command after --"],
    [["exec", "node"], "unexpected argument: node"],
    [["exec", "stray", "--", "node"], "unexpected argument: stray"],
    [["export", "--format", "yaml"], "--format must be dotenv or json"],
    [["rollback", "x", "--to"], "--to needs a version"],
  ])("usage errors exit 2 with one error line and a hint: %j", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]!.startsWith(`error: ${message}`)).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines[1]) expect(lines[1]).toMatch(/^hint: /);
  });

  it("a boolean flag never swallows the value after it", async () => {
    // `--secret s3cr3t` must not parse as secret="s3cr3t": the value stays positional.
    const result = await runCli(["set", "--secret", "boolCheck", "value", "--app", "a", "--stage", "b", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: "a-b-boolCheck", backend: "secretsmanager" });
  });

  it("runtime errors exit 1 with error and hint lines, and no stack without --debug", async () => {
    const result = await runCli(["get", "nothingHere", "--app", "a", "--stage", "b", "--parameter"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: Parameter a-b-nothingHere \(region us-east-1\) was not found\n/);
    expect(result.stderr).toMatch(/\nhint: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("--debug adds the stack trace", async () => {
    const result = await runCli(["get", "nothingHere", "--app", "a", "--stage", "b", "--parameter", "--debug"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it("prints no colour when output is not a terminal, and honours FORCE_COLOR", async () => {
    const plainRun = await runCli(["get", "missing", "--app", "a", "--stage", "b", "--parameter"]);
    expect(plainRun.stderr).not.toContain("\u001b[");
    const forced = await runCli(["get", "missing", "--app", "a", "--stage", "b", "--parameter"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stderr).toContain("\u001b[");
    const noColor = await runCli(["get", "missing", "--app", "a", "--stage", "b", "--parameter"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(noColor.stderr).not.toContain("\u001b[");
  });

  it("hides the AWS SDK's Node version notice unless --debug", async () => {
    const result = await runCli(["get", "missing", "--app", "a", "--stage", "b", "--parameter"], { env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined } });
    expect(result.stderr).not.toContain("NodeVersionSupportWarning");
  });
});
