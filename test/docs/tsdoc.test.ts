// Editors show TSDoc on hover: every export of the package entry must have a
// comment, and an @example. The exports still without an example are listed
// below by name, so that a new gap fails here, and so does a fixed one (to be
// taken off the list).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";
import { exportedDocs, publicMethodDocs } from "./exportedDocs.js";

/** Exports of src/index.ts whose TSDoc has no @example yet (mostly types and constants). */
const KNOWN_WITHOUT_EXAMPLE: string[] = [];

/** Public methods of Secret and Parameter without an @example: Parameter.rotate only exists to refuse. */
const KNOWN_METHODS_WITHOUT_EXAMPLE = ["Parameter.rotate"];

const entry = join(repoRoot, "src/index.ts");
const docs = exportedDocs(entry, repoRoot);

describe("TSDoc of the package entry (src/index.ts)", () => {
  it("finds the exports (the reader works)", () => {
    expect(docs.map((d) => d.name)).toEqual(expect.arrayContaining(["Secret", "Parameter", "getAll", "defineSecret", "NotSetError", "resetClients"]));
  });

  it("every export has a TSDoc comment", () => {
    expect(docs.filter((d) => !d.hasComment).map((d) => `${d.name} (${d.kind}, ${d.at})`)).toEqual([]);
  });

  it("every export has an @example, apart from the known gaps", () => {
    const missing = docs.filter((d) => !d.hasExample).map((d) => d.name).sort();
    expect(missing, "add an @example to a new export; remove fixed ones from KNOWN_WITHOUT_EXAMPLE").toEqual([...KNOWN_WITHOUT_EXAMPLE].sort());
  });

  it("every public method of Secret and Parameter has TSDoc with an @example, apart from the known gaps", () => {
    const methods = publicMethodDocs(entry, ["Secret", "Parameter"]);
    expect(methods.length).toBeGreaterThan(10);
    expect(methods.filter((m) => !m.hasComment).map((m) => m.name)).toEqual([]);
    expect(methods.filter((m) => !m.hasExample).map((m) => m.name)).toEqual(KNOWN_METHODS_WITHOUT_EXAMPLE);
  });
});
