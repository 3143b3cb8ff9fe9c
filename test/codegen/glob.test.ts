import { describe, expect, it } from "vitest";
import { anyGlob, compileGlob } from "../../src/codegen/glob.js";

describe("globs", () => {
  it.each([
    ["**/*.ts", "a.ts", true],
    ["**/*.ts", "src/deep/a.ts", true],
    ["**/*.ts", "a.tsx", false],
    ["*.ts", "src/a.ts", false],
    ["src/**", "src/a/b.ts", true],
    ["src/**", "srcs/a.ts", false],
    ["src/**/*.{ts,tsx}", "src/x.tsx", true],
    ["src/**/*.{ts,tsx}", "src/x.mts", false],
    ["**/*.test.ts", "test/a.test.ts", true],
    ["a?.ts", "ab.ts", true],
    ["a?.ts", "a/.ts", false],
    ["[ab].ts", "b.ts", true],
    ["[!ab].ts", "c.ts", true],
    ["./src/*.ts", "src/a.ts", true],
    ["file.name.ts", "fileXname.ts", false],
  ])("%s against %s is %s", (pattern, path, expected) => {
    expect(compileGlob(pattern)(path)).toBe(expected);
  });

  it("anyGlob matches when one pattern does", () => {
    const test = anyGlob(["legacy/**", "**/*.spec.ts"]);
    expect(test("legacy/a.ts")).toBe(true);
    expect(test("src/a.spec.ts")).toBe(true);
    expect(test("src/a.ts")).toBe(false);
    expect(anyGlob([])("a.ts")).toBe(false);
  });
});
