import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { repoRoot, runCli } from "../support/cli.js";

async function modulesLoaded(args: string[], input?: string): Promise<string[]> {
  const trace = join(mkdtempSync(join(tmpdir(), "senvar-cli-trace-")), "modules.txt");
  const result = await runCli(args, { nodeArgs: ["--import", join(repoRoot, "test/support/loadTrace.mjs")], env: { SENVAR_LOAD_TRACE: trace }, ...(input ? { input } : {}) });
  expect(result.stderr).toBe("");
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

const HEAVY = ["ts-morph", "typescript/lib", "handlebars", "@pulumi", "jiti", "/dist/codegen/", "/dist/pulumi/"];

describe("CLI start-up", () => {
  const { app, stage } = uniqueScope("s");
  const flags = ["--app", app, "--stage", stage];

  it.each([
    ["--help", ["--help"]],
    ["set", ["set", "startupFlag", "on", ...flags]],
    ["get", ["get", "startupFlag", ...flags]],
    ["list", ["list", ...flags]],
    ["history", ["history", "startupFlag", ...flags]],
  ])("%s loads none of ts-morph, handlebars, jiti or @pulumi", async (_label, args) => {
    const loaded = await modulesLoaded(args);
    expect(loaded.some((url) => url.endsWith("/dist/cli/bin.js"))).toBe(true);
    for (const heavy of HEAVY) expect(loaded.filter((url) => url.includes(heavy)), heavy).toEqual([]);
  });

  it("get on a parameter never loads the Secrets Manager client when the backend is known", async () => {
    // The CLI is bundled, so look at what the loaded files define rather than at their paths.
    const loaded = await modulesLoaded(["get", "startupFlag", "--parameter", ...flags]);
    const sources = [...new Set(loaded)].filter((url) => url.startsWith("file://") && url.includes("/dist/cli/")).map((url) => readFileSync(new URL(url), "utf8"));
    expect(sources.some((text) => /(class|var) SSMClient\b/.test(text))).toBe(true);
    expect(sources.some((text) => /(class|var) SecretsManagerClient\b/.test(text))).toBe(false);
  });
});
