import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { watchCodegen, type CodegenResult, type CodegenWatcher } from "../../src/codegen/index.js";
import { cleanupTemporary, declarations, writeProject } from "./support.js";

afterAll(cleanupTemporary);

let watcher: CodegenWatcher | undefined;
afterEach(() => watcher?.close());

/** Starts a watcher and collects what it reports. */
function watchProject(root: string) {
  const results: (CodegenResult | Error)[] = [];
  watcher = watchCodegen({ root }, (result) => results.push(result));
  return results;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const keysOf = (result: CodegenResult | Error | undefined) => (result instanceof Error || !result ? [] : result.model.variables.map((v) => v.key));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchCodegen", () => {
  it("generates at once, then again when a declaration changes", async () => {
    const root = writeProject({ "secrets/variables.ts": declarations('export const a = new Secret("a");') });
    const results = watchProject(root);
    await waitFor(() => results.length === 1);
    expect(keysOf(results[0])).toEqual(["a"]);
    await sleep(150);
    writeFileSync(join(root, "secrets/variables.ts"), declarations('export const a = new Secret("a");\nexport const b = new Parameter("b");'));
    await waitFor(() => keysOf(results.at(-1)).includes("b"));
  });

  it("coalesces a burst of edits into one run", async () => {
    const root = writeProject({ "v.ts": declarations('export const a = new Secret("a");') });
    const results = watchProject(root);
    await waitFor(() => results.length === 1);
    await sleep(700);
    const settled = results.length;
    for (let i = 0; i < 5; i++) writeFileSync(join(root, "v.ts"), declarations(`export const k${i} = new Secret("k${i}");`));
    await waitFor(() => keysOf(results.at(-1)).includes("k4"));
    await sleep(400);
    expect(results.length - settled).toBe(1);
  });

  it("does not re-run because of the stubs it wrote itself", async () => {
    const root = writeProject({ "v.ts": declarations('export const a = new Secret("a");\nexport const b = new Secret("b");') });
    const results = watchProject(root);
    await waitFor(() => results.length === 1);
    await sleep(800);
    expect(results).toHaveLength(1);
  });

  it("picks up a file in a folder created after it started", async () => {
    const root = writeProject({ "v.ts": declarations('export const a = new Secret("a");') });
    const results = watchProject(root);
    await waitFor(() => results.length === 1);
    mkdirSync(join(root, "features/billing"), { recursive: true });
    await sleep(400);
    writeFileSync(join(root, "features/billing/vars.ts"), declarations('export const late = new Parameter("late");'));
    await waitFor(() => keysOf(results.at(-1)).includes("late"));
  });

  it("reports nothing after close", async () => {
    const root = writeProject({ "v.ts": declarations('export const a = new Secret("a");') });
    const results = watchProject(root);
    await waitFor(() => results.length === 1);
    watcher!.close();
    writeFileSync(join(root, "v.ts"), declarations('export const z = new Secret("z");'));
    await sleep(500);
    expect(results).toHaveLength(1);
  });
});
