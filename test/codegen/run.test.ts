import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatSummary, runCodegen } from "../../src/codegen/index.js";
import { cleanupTemporary, copyFixture, declarations, readTree, writeProject } from "./support.js";

afterAll(cleanupTemporary);

const statuses = (result: Awaited<ReturnType<typeof runCodegen>>) => Object.fromEntries(result.files.map((f) => [f.path, f.status]));

describe("runCodegen", () => {
  it("writes the registry, the manifest and one rotation stub per Secret (none for Parameters)", async () => {
    const root = writeProject({ "secrets/variables.ts": declarations('export const db = new Secret("db");\nexport const flag = new Parameter("flag");') });
    const result = await runCodegen({ root });
    expect(statuses(result)).toEqual({
      "generated/secrets.ts": "written",
      "generated/manifest.json": "written",
      "generated/iam-policy.json": "written",
      "generated/iam-policy.admin.json": "written",
      "secrets/rotation/db.ts": "created",
    });
    expect(result.counts).toEqual({ secret: 1, parameter: 1 });
    expect(existsSync(join(root, "secrets/rotation/flag.ts"))).toBe(false);
  });

  it("never overwrites an existing rotation stub, and reports it as kept", async () => {
    const root = writeProject({ "secrets/variables.ts": declarations('export const db = new Secret("db");') });
    await runCodegen({ root });
    const mine = 'export default async function rotate(old: string | undefined): Promise<string> {\n  return `${old ?? ""}x`;\n}\n';
    writeFileSync(join(root, "secrets/rotation/db.ts"), mine);
    const again = await runCodegen({ root });
    expect(statuses(again)["secrets/rotation/db.ts"]).toBe("kept");
    expect(readFileSync(join(root, "secrets/rotation/db.ts"), "utf8")).toBe(mine);
  });

  it("a rotation stub throws a clear not-implemented error naming its key", async () => {
    const root = writeProject({ "secrets/variables.ts": declarations('export const apiKey = new Secret("apiKey");') });
    await runCodegen({ root });
    const stub = readFileSync(join(root, "secrets/rotation/apiKey.ts"), "utf8");
    expect(stub).toContain("export default async function rotate(old: string | undefined): Promise<string> {");
    expect(stub).toContain('throw new Error("not implemented: write the rotation for apiKey");');
  });

  it("puts the registry and the stubs where outDir and rotationDir say", async () => {
    const root = writeProject({ "app/vars.ts": declarations('export const db = new Secret("db");') });
    const result = await runCodegen({ root, outDir: "src/gen", rotationDir: "ops/rotate" });
    expect(Object.keys(statuses(result))).toEqual(["src/gen/secrets.ts", "src/gen/manifest.json", "src/gen/iam-policy.json", "src/gen/iam-policy.admin.json", "ops/rotate/db.ts"]);
    expect(readFileSync(join(root, "src/gen/secrets.ts"), "utf8")).toContain('import { db } from "../../app/vars.js";');
  });

  it("imports from a project outside the output folder's tree by the real relative path", async () => {
    const repo = writeProject({ "examples/billing/secrets/variables.ts": declarations('export const db = new Secret("db");') });
    const result = await runCodegen({ root: join(repo, "examples/billing"), outDir: "../../generated" });
    expect(result.files[0]).toEqual({ path: "../../generated/secrets.ts", status: "written" });
    expect(readFileSync(join(repo, "generated/secrets.ts"), "utf8")).toContain('from "../examples/billing/secrets/variables.js";');
  });

  it("writes nothing at all when there is an error, and returns the errors", async () => {
    const root = writeProject({
      "a.ts": declarations('export const db = new Secret("db");'),
      "b.ts": declarations('export const db = new Parameter("db");'),
    });
    const result = await runCodegen({ root });
    expect(result.errors).toHaveLength(1);
    expect(result.files).toEqual([]);
    expect(existsSync(join(root, "generated"))).toBe(false);
    expect(existsSync(join(root, "secrets"))).toBe(false);
    expect(formatSummary(result)).toContain("1 error; nothing was written:");
  });

  it("writes no IAM policy for a project with no variables (IAM refuses an empty one), and removes those left from when it had some", async () => {
    const root = writeProject({ "secrets/variables.ts": declarations('export const db = new Secret("db");') });
    await runCodegen({ root });
    expect(existsSync(join(root, "generated/iam-policy.json"))).toBe(true);
    writeFileSync(join(root, "secrets/variables.ts"), declarations(""));

    const check = await runCodegen({ root, check: true });
    expect(statuses(check)).toMatchObject({ "generated/iam-policy.json": "stale", "generated/iam-policy.admin.json": "stale" });
    expect(existsSync(join(root, "generated/iam-policy.json"))).toBe(true);

    const emptied = await runCodegen({ root });
    expect(statuses(emptied)).toEqual({
      "generated/secrets.ts": "written",
      "generated/manifest.json": "written",
      "generated/iam-policy.json": "removed",
      "generated/iam-policy.admin.json": "removed",
    });
    expect(existsSync(join(root, "generated/iam-policy.json"))).toBe(false);
    expect(existsSync(join(root, "generated/iam-policy.admin.json"))).toBe(false);
    expect(formatSummary(emptied)).toContain("  removed    generated/iam-policy.json");

    const again = await runCodegen({ root });
    expect(statuses(again)).toEqual({ "generated/secrets.ts": "unchanged", "generated/manifest.json": "unchanged" });
    expect((await runCodegen({ root, check: true })).files.some((f) => f.status === "stale")).toBe(false);
  });

  it("rejects a root that does not exist with a ConfigError naming it", async () => {
    const missing = join(writeProject({}), "nope");
    await expect(runCodegen({ root: missing })).rejects.toThrow(`The codegen root ${missing} is not a directory`);
  });

  it("never writes a value into any output, even when the source sets one", async () => {
    const root = writeProject({
      "secrets/variables.ts": declarations('export const db = new Secret("db");\nexport const flag = new Parameter("flag");'),
      "scripts/seed.ts": declarations('import { db, flag } from "../secrets/variables.js";\nawait db.set("hunter2-super-secret");\nawait flag.set("enabled-value");\nnew Secret("seeded").set("another-value");', "Secret"),
    });
    const result = await runCodegen({ root });
    for (const file of result.files) {
      const text = readFileSync(join(root, file.path), "utf8");
      expect(text).not.toMatch(/hunter2|enabled-value|another-value/);
    }
  });
});

describe("check mode", () => {
  it("reports nothing stale right after a run, and writes nothing", async () => {
    const root = copyFixture("basic");
    await runCodegen({ root });
    const before = readTree(root);
    const check = await runCodegen({ root, check: true });
    expect(check.files.filter((f) => f.status === "stale")).toEqual([]);
    expect(new Set(check.files.map((f) => f.status))).toEqual(new Set(["unchanged", "kept"]));
    expect(readTree(root)).toEqual(before);
    expect(formatSummary(check)).toContain("everything is up to date");
  });

  it("reports the registry and manifest stale after a declaration changes, and writes nothing", async () => {
    const root = copyFixture("basic");
    await runCodegen({ root });
    const file = join(root, "secrets/variables.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace('new Parameter("featureFlag")', 'new Parameter("featureFlag", { encrypted: true })'));
    const before = readTree(root);
    const check = await runCodegen({ root, check: true });
    // The policies change too: featureFlag becomes a SecureString, which needs kms:Decrypt.
    expect(check.files.filter((f) => f.status === "stale").map((f) => f.path)).toEqual(["generated/secrets.ts", "generated/manifest.json", "generated/iam-policy.json", "generated/iam-policy.admin.json"]);
    expect(readTree(root)).toEqual(before);
    expect(formatSummary(check)).toContain("4 files out of date");
  });

  it("reports a missing rotation stub as stale without creating it", async () => {
    const root = copyFixture("basic");
    await runCodegen({ root });
    const file = join(root, "secrets/variables.ts");
    writeFileSync(file, `${readFileSync(file, "utf8")}export const newKey = new Secret("newKey");\n`);
    const check = await runCodegen({ root, check: true });
    expect(statuses(check)["secrets/rotation/newKey.ts"]).toBe("stale");
    expect(existsSync(join(root, "secrets/rotation/newKey.ts"))).toBe(false);
  });

  it("reports everything stale in a project never generated", async () => {
    const check = await runCodegen({ root: copyFixture("merged"), check: true });
    expect(new Set(check.files.map((f) => f.status))).toEqual(new Set(["stale"]));
  });
});

describe("determinism", () => {
  it("writes byte-identical output on a second run, reporting every file unchanged or kept", async () => {
    const root = copyFixture("imports");
    const first = await runCodegen({ root });
    const bytes = readTree(root);
    const second = await runCodegen({ root });
    expect(readTree(root)).toEqual(bytes);
    expect(second.files.map((f) => f.status).every((s) => s === "unchanged" || s === "kept")).toBe(true);
    expect(second.files.map((f) => f.path)).toEqual(first.files.map((f) => f.path));
  });

  it("writes the same bytes from two separate copies, with or without the cache", async () => {
    const a = copyFixture("basic");
    const b = copyFixture("basic");
    await runCodegen({ root: a, cache: false });
    await runCodegen({ root: b });
    await runCodegen({ root: b });
    expect(readTree(a)).toEqual(readTree(b));
  });

  it("starts every generated file with a do-not-edit header naming secrets codegen, except the IAM policies, which IAM must accept as they are", async () => {
    const root = copyFixture("basic");
    const result = await runCodegen({ root });
    const generated = result.files.filter((f) => f.path.startsWith("generated/"));
    expect(generated).toHaveLength(4);
    for (const file of generated.filter((f) => !f.path.includes("iam-policy"))) {
      const head = readFileSync(join(root, file.path), "utf8").slice(0, 120);
      expect(head).toMatch(/Generated by `secrets codegen`\. Do not edit/);
    }
    // An IAM policy document allows no field beyond Version, Id and Statement, so it cannot carry a comment.
    for (const file of generated.filter((f) => f.path.includes("iam-policy"))) {
      expect(Object.keys(JSON.parse(readFileSync(join(root, file.path), "utf8")))).toEqual(["Version", "Statement"]);
    }
  });
});

describe("formatSummary", () => {
  it("shows the counts by kind, every file written, created or kept, and the warnings with file:line", async () => {
    const root = copyFixture("merged");
    const summary = formatSummary(await runCodegen({ root, cache: false }));
    expect(summary.split("\n")).toEqual([
      "secrets codegen: 1 secret, 2 parameters (3 files scanned, 3 parsed)",
      "  written    generated/secrets.ts",
      "  written    generated/manifest.json",
      "  written    generated/iam-policy.json",
      "  written    generated/iam-policy.admin.json",
      "  created    secrets/rotation/dbPassword.ts",
      "2 warnings:",
      expect.stringMatching(/^  src\/jobs\.ts:14: "queueUrl" has options codegen cannot read \(endpoint\)/),
      expect.stringMatching(/^  src\/jobs\.ts:19: the name given to new Secret\(…\) is not a string literal/),
    ]);
  });

  it("counts quiet files instead of listing hundreds of kept stubs", async () => {
    const body = Array.from({ length: 30 }, (_, i) => `export const s${i} = new Secret("s${i}");`).join("\n");
    const root = writeProject({ "v.ts": declarations(body) });
    await runCodegen({ root });
    const summary = formatSummary(await runCodegen({ root }));
    expect(summary).toContain("4 files unchanged");
    expect(summary).toContain("30 rotation stubs kept");
    expect(summary.split("\n").length).toBeLessThan(6);
  });
});
