import { afterAll, describe, expect, it } from "vitest";
import { scanProject, scanWithStats } from "../../src/codegen/index.js";
import type { Declaration, Model } from "../../src/codegen/model.js";
import { cleanupTemporary, declarations, writeProject } from "./support.js";

afterAll(cleanupTemporary);

async function scan(files: Record<string, string>, options: { include?: string[]; exclude?: string[]; outDir?: string } = {}): Promise<Model> {
  return scanProject({ root: writeProject(files), cache: false, ...options });
}

const keys = (model: Model) => model.variables.map((v) => v.key);
const only = (model: Model): Declaration => {
  expect(model.variables).toHaveLength(1);
  return model.variables[0]!.declarations[0]!;
};

describe("which calls count", () => {
  it("finds new Secret, new Parameter, defineSecret, defineParameter and both fromName forms", async () => {
    const model = await scan({
      "secrets/variables.ts": declarations(
        [
          'export const a = new Secret("a");',
          'export const b = new Parameter("b");',
          'export const c = defineSecret("c");',
          'export const d = defineParameter("d");',
          'export const e = Secret.fromName("billing-prod-e");',
          'export const f = Parameter.fromName("billing-prod-f");',
        ].join("\n"),
        "defineParameter, defineSecret, Parameter, Secret",
      ),
    });
    expect(model.variables.map((v) => [v.key, v.kind, v.form])).toEqual([
      ["a", "secret", "new"],
      ["b", "parameter", "new"],
      ["billing-prod-e", "secret", "fromName"],
      ["billing-prod-f", "parameter", "fromName"],
      ["c", "secret", "define"],
      ["d", "parameter", "define"],
    ]);
    expect(model.diagnostics).toEqual([]);
  });

  it("counts aliased imports: import { Secret as S }", async () => {
    const model = await scan({ "a.ts": 'import { Secret as S, defineParameter as p } from "@senvar/secrets";\nnew S("x");\np("y");\n' });
    expect(model.variables.map((v) => [v.key, v.kind])).toEqual([
      ["x", "secret"],
      ["y", "parameter"],
    ]);
  });

  it("counts namespace imports, including fromName through the namespace", async () => {
    const model = await scan({
      "a.ts": 'import * as senvar from "@senvar/secrets";\nnew senvar.Secret("x");\nsenvar.defineParameter("y");\nsenvar.Secret.fromName("app-dev-z");\nsenvar.getAll({});\n',
    });
    expect(keys(model)).toEqual(["app-dev-z", "x", "y"]);
  });

  it("counts import-equals require in a .cts file as a namespace", async () => {
    const model = await scan({ "legacy.cts": 'import senvar = require("@senvar/secrets");\nexport const token = new senvar.Secret("token");\n' });
    expect(only(model)).toMatchObject({ key: "token", exportName: "token", file: "legacy.cts" });
  });

  it("ignores an app's own class named Secret, in a file with no import from @senvar/secrets", async () => {
    const model = await scan({
      "vault.ts": 'export class Secret { constructor(readonly name: string) {} }\nexport const token = new Secret("vaultToken");\n// not @senvar/secrets\n',
    });
    expect(model.variables).toEqual([]);
  });

  it("ignores a lookalike Secret imported from elsewhere, while counting the file's real Parameter", async () => {
    const model = await scan({
      "mixed.ts": 'import { Parameter } from "@senvar/secrets";\nimport { Secret } from "./vault.js";\nnew Secret("vaultPath");\nnew Parameter("region");\n',
    });
    expect(keys(model)).toEqual(["region"]);
  });

  it("ignores type-only imports, which cannot construct anything", async () => {
    const model = await scan({
      "a.ts": 'import type { Secret } from "@senvar/secrets";\nimport { type Parameter } from "@senvar/secrets";\ndeclare const S: typeof Secret;\nnew S("x");\n',
    });
    expect(model.variables).toEqual([]);
  });

  it("reads .tsx, .mts and .cts files, and skips declaration files", async () => {
    const body = (key: string) => declarations(`export const ${key} = new Secret("${key}");`);
    const model = await scan({ "a.tsx": body("fromTsx"), "b.mts": body("fromMts"), "c.cts": body("fromCts"), "d.d.ts": body("fromDts"), "e.js": body("fromJs") });
    expect(keys(model)).toEqual(["fromCts", "fromMts", "fromTsx"]);
  });
});

describe("names", () => {
  it("resolves a string literal, a plain template literal and a const in the same file", async () => {
    const model = await scan({
      "a.ts": declarations('const KEY = "fromConst";\nconst ALIAS = KEY;\nnew Secret("literal");\nnew Secret(`template`);\nnew Secret(KEY);\nnew Secret(ALIAS as string);'),
    });
    expect(keys(model)).toEqual(["fromConst", "literal", "template"]);
    expect(model.diagnostics).toEqual([]);
  });

  it("warns with file:line about a name it cannot resolve, and skips it", async () => {
    const model = await scan({
      "src/tenant.ts": declarations('export function tenantSecret(tenant: string) {\n  return new Secret(`tenant-${tenant}`);\n}\nlet mutable = "x";\nnew Parameter(mutable);'),
    });
    expect(model.variables).toEqual([]);
    expect(model.diagnostics.map((d) => [d.severity, d.code, `${d.file}:${d.line}`])).toEqual([
      ["warning", "dynamic-name", "src/tenant.ts:3"],
      ["warning", "dynamic-name", "src/tenant.ts:6"],
    ]);
    expect(model.diagnostics[0]!.message).toMatch(/^src\/tenant\.ts:3: the name given to new Secret\(…\) is not a string literal/);
  });

  it("reports a key the runtime would reject as an error", async () => {
    const model = await scan({ "a.ts": declarations('new Secret("db password");\nnew Parameter("ok", { app: "bad app" });') });
    expect(model.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["error", "invalid-name", 2],
      ["error", "invalid-name", 3],
    ]);
  });
});

describe("options and exports", () => {
  it("records literal app, stage, region, encrypted and tier", async () => {
    const model = await scan({
      "a.ts": declarations('const STAGE = "prod";\nexport const flag = new Parameter("flag", { app: "billing", stage: STAGE, region: "eu-west-1", encrypted: true, tier: "Advanced" });'),
    });
    expect(model.variables[0]).toMatchObject({
      key: "flag",
      encrypted: true,
      app: "billing",
      stage: "prod",
      region: "eu-west-1",
      tier: "Advanced",
      fullName: "billing-prod-flag",
    });
  });

  it("lists options that are not literals, and warns when the registry must build its own copy without them", async () => {
    const model = await scan({ "a.ts": declarations('const endpoint = process.env.E!;\nnew Parameter("p", { endpoint, encrypted: Math.random() > 1, ...{} });') });
    expect(only(model).unreadOptions).toEqual(["encrypted", "endpoint", "…"]);
    expect(model.diagnostics.map((d) => [d.code, d.line])).toEqual([["options-not-carried", 3]]);
  });

  it("does not warn about unread options when the project exports the instance", async () => {
    const model = await scan({ "a.ts": declarations('export const p = new Parameter("p", { endpoint: process.env.E });') });
    expect(model.diagnostics).toEqual([]);
  });

  it("records the export name: export const, export { x as y }, export default, and none for nested or let", async () => {
    const model = await scan({
      "a.ts": declarations(
        [
          'export const direct = new Secret("direct") satisfies Secret;',
          'const renamed = new Secret("renamed");',
          "export { renamed as publicName };",
          'export default new Secret("byDefault");',
          'export const nested = { inner: new Secret("nested") };',
          'export let mutable = new Secret("mutable");',
          'const local = new Secret("local");',
        ].join("\n"),
      ),
    });
    const exportNames = Object.fromEntries(model.variables.map((v) => [v.key, v.declarations[0]!.exportName ?? null]));
    expect(exportNames).toEqual({ byDefault: "default", direct: "direct", local: null, mutable: null, nested: null, renamed: "publicName" });
  });

  it("returns plain data with posix paths and 1-based lines", async () => {
    const model = await scan({ "deep/dir/a.ts": declarations('\n\nexport const a = new Secret("a");') });
    expect(only(model)).toEqual({ key: "a", kind: "secret", form: "new", options: {}, unreadOptions: [], exportName: "a", file: "deep/dir/a.ts", line: 4 });
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe("duplicates", () => {
  it("merges identical declarations of a key, keeping every place and the exported instance", async () => {
    const model = await scan({
      "a.ts": declarations('const p = new Secret("db", { app: "billing" });'),
      "b.ts": declarations('export const db = new Secret("db", { app: "billing" });'),
    });
    expect(model.diagnostics).toEqual([]);
    expect(model.variables).toHaveLength(1);
    expect(model.variables[0]!.declarations.map((d) => d.file)).toEqual(["a.ts", "b.ts"]);
    expect(model.variables[0]!.instance).toEqual({ file: "b.ts", exportName: "db" });
  });

  it("reports the same key with another kind as an error naming both places", async () => {
    const model = await scan({
      "a.ts": declarations('\nexport const db = new Secret("db");'),
      "b.ts": declarations('export const db = new Parameter("db");'),
    });
    const errors = model.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "conflict", file: "b.ts", line: 2, related: [{ file: "a.ts", line: 3 }] });
    expect(errors[0]!.message).toContain("b.ts:2");
    expect(errors[0]!.message).toContain("a.ts:3");
  });

  it("reports the same key with other options as an error", async () => {
    const model = await scan({
      "a.ts": declarations('new Parameter("flag", { encrypted: true });'),
      "b.ts": declarations('new Parameter("flag");'),
      "c.ts": declarations('new Parameter("flag", { encrypted: true, app: "other" });'),
    });
    expect(model.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ["conflict", "b.ts"],
      ["conflict", "c.ts"],
    ]);
  });
});

describe("which files are read", () => {
  const secretIn = (key: string) => declarations(`export const ${key} = new Secret("${key}");`);

  it("never reads node_modules, dist, build, hidden folders or the output folder", async () => {
    const model = await scan({
      "src/app.ts": secretIn("app"),
      "node_modules/pkg/index.ts": secretIn("fromNodeModules"),
      "packages/x/node_modules/y.ts": secretIn("nestedNodeModules"),
      "dist/app.ts": secretIn("fromDist"),
      "build/app.ts": secretIn("fromBuild"),
      ".sst/platform.ts": secretIn("fromSst"),
      "generated/secrets.ts": secretIn("fromRegistry"),
    });
    expect(keys(model)).toEqual(["app"]);
  });

  it("skips a configured output folder instead of generated/", async () => {
    const model = await scan({ "src/gen/secrets.ts": secretIn("registry"), "generated/real.ts": secretIn("real") }, { outDir: "src/gen" });
    expect(keys(model)).toEqual(["real"]);
  });

  it("honours include and exclude globs", async () => {
    const files = { "src/a.ts": secretIn("a"), "src/a.test.ts": secretIn("aTest"), "src/legacy/b.ts": secretIn("b"), "scripts/c.ts": secretIn("c") };
    expect(keys(await scan(files, { include: ["src/**/*.ts"], exclude: ["**/*.test.ts", "src/legacy/**"] }))).toEqual(["a"]);
  });

  it("parses only files that mention @senvar/secrets", async () => {
    const root = writeProject({ "a.ts": secretIn("a"), "b.ts": "export const b = 1;\n", "c.ts": "export class Secret {}\nnew Secret();\n" });
    const { stats } = await scanWithStats({ root, cache: false });
    expect(stats).toEqual({ files: 3, candidates: 1, parsed: 1, cached: 0 });
  });

  it("finds the same model whatever order files are listed or declared in", async () => {
    const a = await scan({ "z.ts": secretIn("one"), "a.ts": secretIn("two") });
    const b = await scan({ "a.ts": secretIn("two"), "z.ts": secretIn("one") });
    expect(a).toEqual(b);
  });
});
