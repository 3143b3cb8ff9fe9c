import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addDeclaration, runCodegen } from "../../src/codegen/index.js";
import { ValidationError } from "../../src/index.js";
import { cleanupTemporary, temporaryDirectory, writeProject } from "./support.js";

afterAll(cleanupTemporary);

const read = (root: string, file = "secrets/variables.ts") => readFileSync(join(root, file), "utf8");

describe("addDeclaration", () => {
  it("creates secrets/variables.ts with the import and an exported declaration", async () => {
    const root = temporaryDirectory("senvar-define");
    const result = await addDeclaration({ root, key: "dbPassword", kind: "secret" });
    expect(result).toEqual({ changed: true, created: true, file: "secrets/variables.ts", key: "dbPassword" });
    expect(read(root)).toBe(
      [
        "// The Secrets and Parameters of this app. `secrets codegen` reads these declarations",
        "// to write the typed registry; `secrets define` adds to them. Edit freely.",
        'import { Secret } from "@senvar/secrets";',
        "",
        'export const dbPassword = new Secret("dbPassword");',
        "",
      ].join("\n"),
    );
  });

  it("is idempotent: declaring the same key again changes nothing, byte for byte", async () => {
    const root = temporaryDirectory("senvar-define");
    await addDeclaration({ root, key: "dbPassword", kind: "secret" });
    const before = read(root);
    const again = await addDeclaration({ root, key: "dbPassword", kind: "secret" });
    expect(again).toEqual({ changed: false, created: false, file: "secrets/variables.ts", key: "dbPassword" });
    expect(read(root)).toBe(before);
  });

  it("adds Parameter to the existing @senvar/secrets import, in order, and declares an encrypted one", async () => {
    const root = temporaryDirectory("senvar-define");
    await addDeclaration({ root, key: "dbPassword", kind: "secret" });
    await addDeclaration({ root, key: "webhookUrl", kind: "parameter", encrypted: true });
    await addDeclaration({ root, key: "featureFlag", kind: "parameter" });
    const text = read(root);
    expect(text).toContain('import { Parameter, Secret } from "@senvar/secrets";');
    expect(text).toContain('export const webhookUrl = new Parameter("webhookUrl", { encrypted: true });');
    expect(text).toContain('export const featureFlag = new Parameter("featureFlag");');
    expect(text.match(/import /g)).toHaveLength(1);
  });

  it("refuses the same key with the other kind, naming where it is declared", async () => {
    const root = temporaryDirectory("senvar-define");
    await addDeclaration({ root, key: "dbPassword", kind: "secret" });
    const before = read(root);
    await expect(addDeclaration({ root, key: "dbPassword", kind: "parameter" })).rejects.toThrow(
      /"dbPassword" is already declared as a Secret at secrets\/variables\.ts:5, not a Parameter/,
    );
    await expect(addDeclaration({ root, key: "dbPassword", kind: "parameter" })).rejects.toBeInstanceOf(ValidationError);
    expect(read(root)).toBe(before);
  });

  it("refuses a different encrypted setting for an existing Parameter", async () => {
    const root = temporaryDirectory("senvar-define");
    await addDeclaration({ root, key: "flag", kind: "parameter" });
    await expect(addDeclaration({ root, key: "flag", kind: "parameter", encrypted: true })).rejects.toThrow(/already declared at .* without encryption/);
    expect((await addDeclaration({ root, key: "flag", kind: "parameter" })).changed).toBe(false);
  });

  it.each(["db-password", "db.password", "1password", "$key", "delete", "class", "", "sp ace"])("rejects the key %j", async (key) => {
    const root = temporaryDirectory("senvar-define");
    await expect(addDeclaration({ root, key, kind: "secret" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses a Secret with encrypted: false", async () => {
    await expect(addDeclaration({ root: temporaryDirectory("senvar-define"), key: "k", kind: "secret", encrypted: false })).rejects.toThrow(/always encrypted/);
  });

  it("reuses an aliased or namespace import instead of adding another", async () => {
    const aliased = writeProject({ "secrets/variables.ts": 'import { Secret as S } from "@senvar/secrets";\n\nexport const a = new S("a");\n' });
    await addDeclaration({ root: aliased, key: "b", kind: "secret" });
    expect(read(aliased)).toContain('export const b = new S("b");');

    const namespaced = writeProject({ "secrets/variables.ts": "import * as senvar from '@senvar/secrets';\n" });
    await addDeclaration({ root: namespaced, key: "flag", kind: "parameter" });
    expect(read(namespaced)).toBe("import * as senvar from '@senvar/secrets';\n\nexport const flag = new senvar.Parameter('flag');\n");
  });

  it("keeps a value import when only a type import of Secret existed", async () => {
    const root = writeProject({ "secrets/variables.ts": 'import type { Secret, SecretOptions } from "@senvar/secrets";\n\nexport type Options = SecretOptions;\nexport type S = Secret;\n' });
    await addDeclaration({ root, key: "db", kind: "secret" });
    expect(read(root)).toContain('import { Secret, type SecretOptions } from "@senvar/secrets";');
  });

  it("adds the import to a file that has none, after its other imports", async () => {
    const root = writeProject({ "config/vars.ts": 'import { z } from "./z.js";\n\nexport const schema = z;\n' });
    await addDeclaration({ root, file: "config/vars.ts", key: "apiKey", kind: "secret" });
    const lines = read(root, "config/vars.ts").split("\n");
    expect(lines.slice(0, 2)).toEqual(['import { z } from "./z.js";', 'import { Secret } from "@senvar/secrets";']);
    expect(lines).toContain('export const apiKey = new Secret("apiKey");');
  });

  it("refuses a key whose name the file already uses for something else", async () => {
    const root = writeProject({ "secrets/variables.ts": 'import { Secret } from "@senvar/secrets";\n\nexport function apiKey() {}\n' });
    await expect(addDeclaration({ root, key: "apiKey", kind: "secret" })).rejects.toThrow(/line 3 already uses that name/);
  });
});

describe("define, then codegen", () => {
  it("puts each defined variable in the registry with its kind, and a second define + codegen changes nothing", async () => {
    const root = temporaryDirectory("senvar-define");
    await addDeclaration({ root, key: "dbPassword", kind: "secret" });
    await addDeclaration({ root, key: "webhookUrl", kind: "parameter", encrypted: true });
    const first = await runCodegen({ root });
    expect(first.errors).toEqual([]);
    expect(first.model.variables.map((v) => [v.key, v.kind, v.encrypted, v.instance?.exportName])).toEqual([
      ["dbPassword", "secret", true, "dbPassword"],
      ["webhookUrl", "parameter", true, "webhookUrl"],
    ]);
    expect(read(root, "generated/secrets.ts")).toContain('import { dbPassword, webhookUrl } from "../secrets/variables.js";');

    expect((await addDeclaration({ root, key: "dbPassword", kind: "secret" })).changed).toBe(false);
    const second = await runCodegen({ root });
    expect(second.files.every((f) => f.status === "unchanged" || f.status === "kept")).toBe(true);
  });
});
