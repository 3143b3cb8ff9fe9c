// The generated registry as a running program: built (esbuild, file by file)
// and imported by node, with @senvar/secrets installed in the project's
// node_modules as a transpiled copy of this package.
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodegen } from "../../src/codegen/index.js";
import { cleanupTemporary, declarations, temporaryDirectory, transpilePackage, transpileProject, writeProject } from "./support.js";

let pkg: string;

beforeAll(async () => {
  pkg = await transpilePackage();
});

afterAll(cleanupTemporary);

/** Writes, generates and builds a project that depends on @senvar/secrets, then runs `script` (ESM) in it. */
async function runInProject(files: Record<string, string>, script: string): Promise<unknown> {
  const root = writeProject({ "package.json": JSON.stringify({ type: "module" }), ...files }, temporaryDirectory("senvar-app"));
  mkdirSync(join(root, "node_modules/@senvar"), { recursive: true });
  symlinkSync(pkg, join(root, "node_modules/@senvar/secrets"), "dir");
  const result = await runCodegen({ root });
  expect(result.errors).toEqual([]);
  await transpileProject(root);
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout);
}

describe("the generated registry at runtime", () => {
  it("holds the project's own exported instances, frozen, next to built equivalents", async () => {
    const output = await runInProject(
      {
        "secrets/variables.ts": declarations('export const db = new Secret("db", { app: "billing", stage: "prod" });'),
        "src/jobs.ts": declarations('export async function run() {\n  return new Parameter("inline", { encrypted: true }).get();\n}'),
      },
      `import { secrets, manifest } from "./generated/secrets.js";
import { db } from "./secrets/variables.js";
import { readFileSync } from "node:fs";
const json = JSON.parse(readFileSync("generated/manifest.json", "utf8"));
console.log(JSON.stringify({
  same: secrets.db === db,
  dbName: secrets.db.fullName,
  inline: [secrets.inline.kind, secrets.inline.encrypted, secrets.inline.name],
  frozen: [Object.isFrozen(secrets), Object.isFrozen(manifest), Object.isFrozen(manifest.variables), Object.isFrozen(manifest.variables[0])],
  manifestMatchesJson: JSON.stringify(manifest.variables) === JSON.stringify(json.variables),
  keys: Object.keys(secrets),
}));`,
    );
    expect(output).toEqual({
      same: true,
      dbName: "billing-prod-db",
      inline: ["parameter", true, "inline"],
      frozen: [true, true, true, true],
      manifestMatchesJson: true,
      keys: ["db", "inline"],
    });
  });

  it("loads when a module both exports an instance and imports the registry (an import cycle)", async () => {
    const output = await runInProject(
      {
        "secrets/variables.ts": declarations('export const db = new Secret("db");'),
        "src/handler.ts": declarations('import { secrets } from "../generated/secrets.js";\nexport const extra = new Parameter("extra");\nexport const names = () => [secrets.db.name, secrets.extra.name];'),
      },
      `const { names } = await import("./src/handler.js");\nconsole.log(JSON.stringify(names()));`,
    );
    expect(output).toEqual(["db", "extra"]);
  });
});
