import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { cleanupTemporary, declarations, writeProject } from "./support.js";

// Counts every time codegen reaches for the TypeScript API inside ts-morph, which is what loading it is for.
const tsMorph = vi.hoisted(() => ({ loads: 0 }));
vi.mock("ts-morph", async (importOriginal) => {
  const actual = await importOriginal<typeof import("ts-morph")>();
  return {
    ...actual,
    get ts() {
      tsMorph.loads++;
      return actual.ts;
    },
  };
});

afterAll(cleanupTemporary);

/** A fresh copy of the codegen modules, as a new process would have. */
async function freshCodegen() {
  vi.resetModules();
  return import("../../src/codegen/index.js");
}

function project(count = 5): string {
  const files: Record<string, string> = { "src/plain.ts": "export const plain = 1;\n" };
  for (let i = 0; i < count; i++) files[`secrets/v${i}.ts`] = declarations(`export const s${i} = new Secret("s${i}");`);
  return writeProject(files);
}

const cacheFile = (root: string) => join(root, "node_modules/.cache/senvar/scan.json");

describe("the scan cache", () => {
  it("lives in node_modules/.cache/senvar under the scanned root", async () => {
    const root = project();
    await (await freshCodegen()).runCodegen({ root });
    expect(existsSync(cacheFile(root))).toBe(true);
  });

  it("on a warm run parses nothing and never loads ts-morph", async () => {
    const root = project();
    await (await freshCodegen()).runCodegen({ root });
    const { runCodegen } = await freshCodegen();
    const before = tsMorph.loads;
    const warm = await runCodegen({ root });
    expect(warm.stats).toEqual({ files: 6 + 5, candidates: 5, parsed: 0, cached: 5 });
    expect(tsMorph.loads).toBe(before);
  });

  it("re-parses only the file that changed (and then does load ts-morph)", async () => {
    const root = project();
    await (await freshCodegen()).runCodegen({ root });
    writeFileSync(join(root, "secrets/v2.ts"), declarations('export const s2 = new Secret("s2");\nexport const extra = new Secret("extra");'));
    const { runCodegen } = await freshCodegen();
    const before = tsMorph.loads;
    const result = await runCodegen({ root });
    expect(result.stats.parsed).toBe(1);
    expect(result.stats.cached).toBe(4);
    expect(result.model.variables.map((v) => v.key)).toContain("extra");
    expect(tsMorph.loads).toBe(before + 1);
  });

  it("forgets deleted files and picks up new ones", async () => {
    const root = project(3);
    const { runCodegen } = await freshCodegen();
    await runCodegen({ root });
    rmSync(join(root, "secrets/v0.ts"));
    writeFileSync(join(root, "secrets/new.ts"), declarations('export const fresh = new Secret("fresh");'));
    const result = await runCodegen({ root });
    expect(result.model.variables.map((v) => v.key)).toEqual(["fresh", "s1", "s2"]);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile(root), "utf8")).entries)).toEqual(["secrets/new.ts", "secrets/v1.ts", "secrets/v2.ts"]);
  });

  it("treats a corrupt cache file as empty", async () => {
    const root = project(2);
    const { runCodegen } = await freshCodegen();
    await runCodegen({ root });
    writeFileSync(cacheFile(root), "{ not json");
    const result = await runCodegen({ root });
    expect(result.stats.parsed).toBe(2);
    expect(result.model.variables).toHaveLength(2);
  });

  it("is neither read nor written with cache: false, and not written in check mode", async () => {
    const root = project(2);
    const { runCodegen } = await freshCodegen();
    await runCodegen({ root, cache: false });
    expect(existsSync(cacheFile(root))).toBe(false);
    await runCodegen({ root, check: true });
    expect(existsSync(cacheFile(root))).toBe(false);
  });
});
