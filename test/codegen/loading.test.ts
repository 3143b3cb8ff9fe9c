// Which heavy modules a fresh process really loads, traced by
// test/support/loadTrace.mjs, on a transpiled copy of the package (so the
// test needs no build and no TypeScript loader).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodegen } from "../../src/codegen/index.js";
import { cleanupTemporary, declarations, repoRoot, temporaryDirectory, transpilePackage, writeProject } from "./support.js";

let compiled: string;

beforeAll(async () => {
  compiled = await transpilePackage();
});

afterAll(cleanupTemporary);

/** Runs `body` (an ES module) in a fresh node, and returns the URLs of every module it loaded. */
function loadedModules(body: string): string[] {
  const dir = temporaryDirectory("senvar-trace");
  const script = join(dir, "script.mjs");
  const trace = join(dir, "trace.txt");
  writeFileSync(script, body);
  writeFileSync(trace, "");
  const child = spawnSync(process.execPath, ["--import", join(repoRoot, "test/support/loadTrace.mjs"), script], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, SENVAR_LOAD_TRACE: trace },
  });
  expect(child.status, child.stderr).toBe(0);
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

const src = (path: string) => JSON.stringify(join(compiled, "dist", path.replace(/\.ts$/, ".js")));
const heavy = (modules: string[], name: "ts-morph" | "handlebars") => modules.filter((url) => url.includes(`/${name}/`) || url.includes(`/@${name}/`));

describe("lazy loading", () => {
  it("a warm codegen run in a fresh process never loads ts-morph, while a cold one does", { timeout: 60_000 }, async () => {
    const root = writeProject({ "secrets/variables.ts": declarations('export const db = new Secret("db");') });
    const body = `import { runCodegen } from ${src("codegen/index.ts")};\nconst r = await runCodegen({ root: ${JSON.stringify(root)} });\nif (r.errors.length) throw new Error("errors");\n`;
    expect(heavy(loadedModules(body), "ts-morph").length).toBeGreaterThan(0);
    await runCodegen({ root });
    expect(heavy(loadedModules(body), "ts-morph")).toEqual([]);
  });

  it("readManifest loads neither ts-morph nor handlebars", { timeout: 60_000 }, async () => {
    const root = writeProject({ "secrets/variables.ts": declarations('export const db = new Secret("db");') });
    await runCodegen({ root });
    const modules = loadedModules(
      `import { readManifest } from ${src("codegen/manifest.ts")};\nconst m = await readManifest(${JSON.stringify(root)});\nif (m?.variables[0]?.key !== "db") throw new Error("no manifest");\n`,
    );
    expect(heavy(modules, "ts-morph")).toEqual([]);
    expect(heavy(modules, "handlebars")).toEqual([]);
  });

  it("importing the codegen entry loads neither ts-morph nor handlebars until a run needs them", { timeout: 60_000 }, () => {
    const modules = loadedModules(`import * as codegen from ${src("codegen/index.ts")};\nif (typeof codegen.runCodegen !== "function") throw new Error();\n`);
    expect(heavy(modules, "ts-morph")).toEqual([]);
    expect(heavy(modules, "handlebars")).toEqual([]);
  });

  it("the runtime entry never imports codegen", () => {
    const runtimeSources = ["index.ts", ...["variable", "secret", "parameter", "define", "getAll", "naming", "errors"].map((f) => `runtime/${f}.ts`)];
    for (const file of runtimeSources) {
      const text = readFileSync(join(repoRoot, "src", file), "utf8");
      expect(text, file).not.toMatch(/from "(ts-morph|handlebars)"|codegen\//);
    }
  });
});
