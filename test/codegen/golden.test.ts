// Golden tests: each fixture project under test/fixtures/<name>/project must
// produce exactly test/fixtures/<name>/expected, and those golden files must
// compile with tsc in a strict NodeNext project next to a usage file whose
// negative cases (an undeclared key, Parameter rotate) fail without their
// `@ts-expect-error`. Regenerate with `npm run golden:update` and review the diff.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCodegen } from "../../src/codegen/index.js";
import { cleanupTemporary, compileStrictNodeNext, copyFixture, fixturesDir, readTree, temporaryDirectory, writeProject } from "./support.js";

const FIXTURES = ["basic", "imports", "merged"] as const;
const updating = process.env.UPDATE_GOLDEN === "1";

afterAll(cleanupTemporary);

async function generate(name: string): Promise<Record<string, string>> {
  const root = copyFixture(name);
  const result = await runCodegen({ root, cache: false });
  expect(result.errors).toEqual([]);
  const tree = readTree(root);
  return Object.fromEntries(result.files.map((file) => [file.path, tree[file.path]!]));
}

describe("golden output", () => {
  for (const name of FIXTURES) {
    it(`the ${name} fixture generates exactly its golden files`, async () => {
      const produced = await generate(name);
      const expectedDir = join(fixturesDir, name, "expected");
      if (updating) {
        rmSync(expectedDir, { recursive: true, force: true });
        writeProject(produced, expectedDir);
      }
      expect(existsSync(expectedDir), `missing ${expectedDir}: run npm run golden:update`).toBe(true);
      expect(produced).toEqual(readTree(expectedDir));
    });
  }

  it("the golden files compile in a strict NodeNext project, and each @ts-expect-error is needed", { timeout: 180_000 }, () => {
    const dir = temporaryDirectory("golden-tsc", true);
    const expectedFailures = new Map<string, number[]>();
    for (const name of FIXTURES) {
      cpSync(join(fixturesDir, name, "project"), join(dir, name), { recursive: true });
      cpSync(join(fixturesDir, name, "expected"), join(dir, name), { recursive: true });
      // A copy of each usage file without its @ts-expect-error comments: those lines, and only those, must fail.
      for (const [path, text] of Object.entries(readTree(join(dir, name)))) {
        if (!text.includes("@ts-expect-error")) continue;
        const lines = text.split("\n");
        const failing: number[] = [];
        const unguarded = lines.map((line, index) => {
          if (!line.trim().startsWith("// @ts-expect-error")) return line;
          failing.push(index + 2);
          return "";
        });
        const copy = `${name}/${path.replace(/\.ts$/, ".unguarded.ts")}`;
        writeFileSync(join(dir, copy), unguarded.join("\n"));
        expectedFailures.set(copy, failing);
      }
    }
    const tsc = compileStrictNodeNext(dir, ["**/*.ts", "**/*.tsx", "**/*.mts"], { noUnusedParameters: true, jsx: "preserve" });
    const errors = [...tsc.output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({ file: m[1]!, line: Number(m[2]), code: m[3]!, text: m[4]! }));
    const unexpected = errors.filter((e) => !expectedFailures.has(e.file));
    expect(unexpected, tsc.output).toEqual([]);
    for (const [file, lines] of expectedFailures) {
      expect(
        errors.filter((e) => e.file === file).map((e) => e.line),
        `${file} should fail exactly where the @ts-expect-error comments were`,
      ).toEqual(lines);
    }
    expect(expectedFailures.size).toBe(FIXTURES.length);
    expect(readFileSync(join(dir, "tsconfig.json"), "utf8")).toContain("NodeNext");
  });
});
