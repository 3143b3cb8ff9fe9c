// A canary value goes through every command, including failures and --debug.
// Only `get`'s stdout may ever carry it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { runCli, tempProject, type CliResult } from "../support/cli.js";
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
