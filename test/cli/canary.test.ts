// A canary value goes through every command, including failures and --debug.
// Only `get`'s stdout may ever carry it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { manifestProject, runCli, tempProject, type CliResult } from "../support/cli.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startFaultProxy, type FaultProxy } from "../support/faultProxy.js";

const CANARY = "canary-7f3a'\"$(x)\\n{}-Z9";
const NEXT_CANARY = `${CANARY}-rotated`;
const { app, stage } = uniqueScope("k");
const flags = ["--app", app, "--stage", stage];
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL!);
});
afterAll(() => proxy.close());

function assertNoCanary(label: string, result: CliResult, stdoutAllowed = false): void {
  for (const value of [CANARY, NEXT_CANARY]) {
    expect(result.stderr, `${label}: stderr`).not.toContain(value);
    if (!stdoutAllowed) expect(result.stdout, `${label}: stdout`).not.toContain(value);
  }
}

describe("no command leaks a secret value", () => {
  it("across set, get, list, rotate and delete, with and without --debug", async () => {
    const cwd = tempProject({ "secrets/rotation/autoKey.ts": `export default async (): Promise<string> => ${JSON.stringify(NEXT_CANARY)};` });
    const run = (args: string[], input?: string) => runCli([...args, ...flags], { cwd, ...(input === undefined ? {} : { input }) });
    for (const debug of [[], ["--debug"]]) {
      const d = debug.length ? " --debug" : "";
      assertNoCanary(`set argv${d}`, await run(["set", "apiKey", CANARY, "--secret", ...debug]));
      assertNoCanary(`set stdin${d}`, await run(["set", "pemKey", "-", "--secret", ...debug], `${CANARY}\n`));
      assertNoCanary(`set ssm${d}`, await run(["set", "plainValue", CANARY, ...debug]));
      assertNoCanary(`set refused${d}`, await run(["set", "dbPassword", CANARY, ...debug]));
      assertNoCanary(`set too big${d}`, await run(["set", "huge", `${CANARY}${"x".repeat(5000)}`, ...debug]));
      const got = await run(["get", "apiKey", ...debug]);
      expect(got.stdout).toBe(CANARY);
      assertNoCanary(`get${d}`, got, true);
      assertNoCanary(`get --json${d}`, await run(["get", "apiKey", "--json", ...debug]), true);
      assertNoCanary(`list${d}`, await run(["list", ...debug]));
      assertNoCanary(`list --json${d}`, await run(["list", "--json", ...debug]));
      assertNoCanary(`rotate manual${d}`, await run(["rotate", "apiKey", ...debug], NEXT_CANARY));
      assertNoCanary(`rotate --auto${d}`, await run(["rotate", "autoKey", "--auto", "--secret", ...debug]));
      assertNoCanary(`rotate parameter${d}`, await run(["rotate", "plainValue", ...debug], NEXT_CANARY));
      assertNoCanary(`delete refused${d}`, await run(["delete", "apiKey", ...debug]));
    }
    assertNoCanary("define", await run(["define", "apiKey", "--secret"]));
    assertNoCanary("codegen", await run(["codegen"]));
    assertNoCanary("codegen --check", await run(["codegen", "--check", "--debug"]));
    assertNoCanary("delete", await run(["delete", "apiKey", "--force", "--permanent"]));
  }, 180_000);

  it("across status, history, rollback, restore, exec and export: only export's own output (stdout or its file) and exec's child ever see it", async () => {
    const scope = uniqueScope("k");
    const own = ["--app", scope.app, "--stage", scope.stage];
    const cwd = manifestProject([
      { key: "apiToken", kind: "secret" },
      { key: "plainValue", kind: "parameter" },
      { key: "secureValue", kind: "parameter", encrypted: true },
      { key: "neverSet", kind: "secret" },
    ]);
    // The scope flags go before any `--`: after it, everything is exec's child's.
    const withScope = (args: string[]) => (args.includes("--") ? [...args.slice(0, args.indexOf("--")), ...own, ...args.slice(args.indexOf("--"))] : [...args, ...own]);
    const run = (args: string[], input?: string) => runCli(withScope(args), { cwd, ...(input === undefined ? {} : { input }) });
    await run(["set", "apiToken", "-", "--secret"], CANARY);
    await run(["set", "apiToken", "-", "--secret"], NEXT_CANARY);
    await run(["set", "plainValue", "-"], CANARY);
    await run(["set", "plainValue", "-"], NEXT_CANARY);
    await run(["set", "secureValue", "-", "--encrypted"], CANARY);
    for (const debug of [[], ["--debug"]]) {
      const d = debug.length ? " --debug" : "";
      assertNoCanary(`status${d}`, await run(["status", ...debug]));
      assertNoCanary(`status --json${d}`, await run(["status", "--json", ...debug]));
      for (const key of ["apiToken", "plainValue", "secureValue"]) {
        assertNoCanary(`history ${key}${d}`, await run(["history", key, ...debug]));
        assertNoCanary(`history ${key} --json${d}`, await run(["history", key, "--json", ...debug]));
      }
      assertNoCanary(`rollback refused${d}`, await run(["rollback", "apiToken", ...debug]));
      assertNoCanary(`rollback secret${d}`, await run(["rollback", "apiToken", "--force", ...debug]));
      assertNoCanary(`rollback parameter${d}`, await run(["rollback", "plainValue", "--force", "--json", ...debug]));
      assertNoCanary(`rollback to the current version${d}`, await run(["rollback", "secureValue", "--to", "1", "--force", ...debug]));
      assertNoCanary(`delete${d}`, await run(["delete", "apiToken", "--force", ...debug]));
      assertNoCanary(`restore${d}`, await run(["restore", "apiToken", "--json", ...debug]));
      // exec: values reach the child's environment only; the child prints their lengths.
      const missing = await run(["exec", ...debug, "--", "true"]);
      expect(missing.stderr).toContain("neverSet (not found)");
      assertNoCanary(`exec with a missing variable${d}`, missing);
      const lengths = await run(["exec", "--only", "apiToken,plainValue,secureValue", ...debug, "--", "sh", "-c", 'printf "%s %s %s" "${#API_TOKEN}" "${#PLAIN_VALUE}" "${#SECURE_VALUE}"']);
      assertNoCanary(`exec${d}`, lengths);
      expect(lengths.stdout.split(" ").map(Number).every((n) => n === CANARY.length || n === NEXT_CANARY.length), JSON.stringify(lengths)).toBe(true);
      const unknown = await run(["exec", "--only", "apiToken", ...debug, "--", "no-such-program-xyz"]);
      expect(unknown.code).toBe(127);
      assertNoCanary(`exec unknown program${d}`, unknown);
      // export: dotenv cannot carry this canary (it has both quotes), and says so without quoting it.
      const refused = await run(["export", "--only", "apiToken,plainValue", ...debug]);
      expect(refused.code).toBe(1);
      assertNoCanary(`export dotenv refused${d}`, refused);
      const json = await run(["export", "--format", "json", "--only", "apiToken,plainValue,secureValue", ...debug]);
      expect(json.stderr).not.toContain(CANARY);
      const exported = Object.values(JSON.parse(json.stdout) as Record<string, string>);
      expect(exported).toHaveLength(3);
      for (const value of exported) expect([CANARY, NEXT_CANARY]).toContain(value);
      const file = join(tempProject(), "values.json");
      const written = await run(["export", "--format", "json", "--out", file, "--only", "apiToken,plainValue", ...debug]);
      expect(written.code).toBe(0);
      assertNoCanary(`export --out${d}`, written);
      expect(readFileSync(file, "utf8")).toContain(JSON.stringify(CANARY).slice(1, -1));
    }
  }, 240_000);

  it("even when AWS quotes the value back in a validation error", async () => {
    await runCli(["set", "existing", "first", "--secret", ...flags]);
    for (const [target, args] of [
      ["CreateSecret", ["set", "echoed", CANARY, "--secret"]],
      ["PutSecretValue", ["set", "existing", CANARY]],
      ["PutParameter", ["set", "echoedParam", CANARY]],
    ] as const) {
      for (const debug of [[], ["--debug"]]) {
        proxy.reset();
        proxy.inject({ target, fault: "echo-validation", times: 1 });
        const result = await runCli([...args, ...flags, ...debug], { env: { AWS_ENDPOINT_URL: proxy.url } });
        expect(result.code).toBe(1);
        expect(proxy.count(target)).toBe(1);
        expect(result.stderr).toContain("ValidationException");
        assertNoCanary(`${target} echo${debug.join("")}`, result);
      }
    }
  }, 60_000);
});
