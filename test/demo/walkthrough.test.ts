// `npm run demo`, under Node and with --bun, against a moto of its own: every
// step's command line appears, it exits 0, it cleans up, and the secret value
// it types in appears only in `get`'s output.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectStopped, runDemo, sections, STEPS, userEnv } from "./runDemo.js";

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

