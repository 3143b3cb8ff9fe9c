import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/codegen/merge.js";
import type { Declaration } from "../../src/codegen/model.js";
import { renderCodegen, rotationStubPath } from "../../src/codegen/render.js";
import { loadTemplates } from "../../src/codegen/templates.js";

const layout = { outDir: "generated", rotationDir: "secrets/rotation" };

function declaration(partial: Partial<Declaration> & Pick<Declaration, "key">): Declaration {
  return { kind: "secret", form: "new", options: {}, unreadOptions: [], file: "secrets/variables.ts", line: 1, ...partial };
}

async function registryOf(declarations: Declaration[]): Promise<string> {
  const files = renderCodegen(buildModel(declarations, []), layout, await loadTemplates());
  return files.find((f) => f.path === "generated/secrets.ts")!.contents;
}

describe("renderCodegen", () => {
  it("renders an empty project to a registry with no imports and empty objects, and marks the IAM policies obsolete", async () => {
    const files = renderCodegen(buildModel([], []), layout, await loadTemplates());
    expect(files.map((f) => [f.path, f.ownership])).toEqual([
      ["generated/secrets.ts", "generated"],
      ["generated/manifest.json", "generated"],
      ["generated/iam-policy.json", "obsolete"],
      ["generated/iam-policy.admin.json", "obsolete"],
    ]);
    expect(files[0]!.contents).not.toMatch(/^import /m);
    expect(files[0]!.contents).toContain("export const secrets: SecretRegistry = Object.freeze({\n});");
    expect(JSON.parse(files[1]!.contents)).toEqual({ $comment: expect.stringContaining("secrets codegen"), version: 1, variables: [] });
  });

  it("gives two instances exported under the same name from different files distinct local names", async () => {
    const text = await registryOf([
      declaration({ key: "a", exportName: "password", file: "a.ts" }),
      declaration({ key: "b", exportName: "password", file: "b.ts" }),
    ]);
    expect(text).toContain('import { password } from "../a.js";');
    expect(text).toContain('import { password as password_2 } from "../b.js";');
    expect(text).toContain("  get b() {\n    return password_2;\n  },");
  });

  it("never lets an import shadow the registry's own names", async () => {
    const text = await registryOf([declaration({ key: "x", exportName: "secrets" }), declaration({ key: "y", exportName: "Secret" })]);
    expect(text).toContain('import { Secret as Secret_2, secrets as secrets_2 } from "../secrets/variables.js";');
  });

  it("imports a default export under the key's name, and quotes keys that are not identifiers", async () => {
    const text = await registryOf([
      declaration({ key: "oauth", exportName: "default", file: "oauth.ts" }),
      declaration({ key: "billing-prod-legacy", form: "fromName" }),
    ]);
    expect(text).toContain('import { default as oauth } from "../oauth.js";');
    expect(text).toContain('  "billing-prod-legacy": Secret.fromName("billing-prod-legacy"),');
    expect(text).toContain('  readonly "billing-prod-legacy": Secret;');
  });

  it("never binds a reserved word, even for a default export whose key is one", async () => {
    const text = await registryOf([declaration({ key: "delete", exportName: "default", file: "d.ts" })]);
    expect(text).toContain('import { default as delete_ } from "../d.js";');
    expect(text).toContain("  get delete() {\n    return delete_;\n  },");
  });

  it("builds equivalent instances with options in a fixed order, importing only what it constructs as values", async () => {
    const text = await registryOf([
      declaration({ key: "flag", kind: "parameter", options: { tier: "Advanced", encrypted: true, region: "eu-west-1", stage: "prod", app: "billing" } }),
      declaration({ key: "db", exportName: "db" }),
    ]);
    expect(text).toContain('  flag: new Parameter("flag", { app: "billing", stage: "prod", region: "eu-west-1", encrypted: true, tier: "Advanced" }),');
    expect(text).toContain('import { Parameter } from "@senvar/secrets";\nimport type { Secret } from "@senvar/secrets";');
  });

  it("writes one stub per Secret and none per Parameter", async () => {
    const files = renderCodegen(
      buildModel([declaration({ key: "s" }), declaration({ key: "p", kind: "parameter" })], []),
      layout,
      await loadTemplates(),
    );
    expect(files.filter((f) => f.ownership === "stub").map((f) => f.path)).toEqual(["secrets/rotation/s.ts"]);
  });
});

describe("rotationStubPath", () => {
  it.each([
    ["dbPassword", "secrets/rotation/dbPassword.ts"],
    ["billing-prod-db", "secrets/rotation/billing-prod-db.ts"],
    ["prod/billing/db", "secrets/rotation/prod/billing/db.ts"],
    ["/prod/db", "secrets/rotation/prod/db.ts"],
    ["a/../../b", "secrets/rotation/a/_/_/b.ts"],
  ])("puts the stub of %j at %s", (key, path) => {
    expect(rotationStubPath("secrets/rotation", key)).toBe(path);
  });
});
