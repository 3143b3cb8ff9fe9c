import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findManifestVariable, readManifest, runCodegen } from "../../src/codegen/index.js";
import { ConfigError } from "../../src/index.js";
import { cleanupTemporary, copyFixture, temporaryDirectory } from "./support.js";

afterAll(cleanupTemporary);

describe("readManifest", () => {
  it("returns undefined when codegen has not run", async () => {
    expect(await readManifest(temporaryDirectory("senvar-manifest"))).toBeUndefined();
  });

  it("reads what codegen wrote: every variable's key, kind, encryption and declared app/stage/fullName", async () => {
    const root = copyFixture("basic");
    await runCodegen({ root });
    const manifest = await readManifest(root);
    expect(manifest?.version).toBe(1);
    expect(manifest?.variables.find((v) => v.key === "dbPassword")).toEqual({
      key: "dbPassword",
      kind: "secret",
      encrypted: true,
      app: "billing",
      stage: "prod",
      fullName: "billing-prod-dbPassword",
    });
    expect(manifest?.variables.find((v) => v.key === "webhookUrl")).toEqual({ key: "webhookUrl", kind: "parameter", encrypted: true, tier: "Advanced" });
    expect(Object.keys(manifest!)).toEqual(["version", "variables"]);
  });

  it("reads from a configured output folder", async () => {
    const root = copyFixture("basic");
    await runCodegen({ root, outDir: "src/gen" });
    expect(await readManifest(root)).toBeUndefined();
    expect((await readManifest(root, "src/gen"))?.variables.length).toBe(9);
  });

  it("agrees with the manifest exported by the generated registry", async () => {
    const root = copyFixture("basic");
    await runCodegen({ root });
    const json = JSON.parse(readFileSync(join(root, "generated/manifest.json"), "utf8")) as { variables: unknown[] };
    const registry = readFileSync(join(root, "generated/secrets.ts"), "utf8");
    const entries = [...registry.matchAll(/^ {4}entry\((\{.*\})\),$/gm)].map((m) => Function(`return (${m[1]})`)() as unknown);
    expect(entries).toEqual(json.variables);
  });

  it.each([
    ["not JSON", "{"],
    ["another version", JSON.stringify({ version: 2, variables: [] })],
    ["malformed variables", JSON.stringify({ version: 1, variables: [{ key: "a", kind: "vault", encrypted: true }] })],
  ])("throws a ConfigError that says to re-run codegen for %s", async (_why, text) => {
    const root = temporaryDirectory("senvar-manifest");
    mkdirSync(join(root, "generated"));
    writeFileSync(join(root, "generated/manifest.json"), text);
    const error = await readManifest(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).hint).toBe("regenerate it with: secrets codegen");
  });
});

describe("findManifestVariable", () => {
  const manifest = {
    version: 1 as const,
    variables: [
      { key: "dbPassword", kind: "secret" as const, encrypted: true, app: "billing", stage: "prod", fullName: "billing-prod-dbPassword" },
      { key: "flag", kind: "parameter" as const, encrypted: false },
    ],
  };

  it("finds a variable by key or by its known full name", () => {
    expect(findManifestVariable(manifest, "dbPassword")?.kind).toBe("secret");
    expect(findManifestVariable(manifest, "billing-prod-dbPassword")?.key).toBe("dbPassword");
    expect(findManifestVariable(manifest, "flag")?.kind).toBe("parameter");
    expect(findManifestVariable(manifest, "billing-prod-flag")).toBeUndefined();
  });

  it("matches a full name built from the CLI's app and stage when the declaration fixes neither", () => {
    expect(findManifestVariable(manifest, "billing-dev-flag", { app: "billing", stage: "dev" })?.key).toBe("flag");
    expect(findManifestVariable(manifest, "billing-dev-dbPassword", { app: "billing", stage: "dev" })).toBeUndefined();
  });
});
