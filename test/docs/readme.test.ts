// The README is executable documentation. Its conventions for fenced blocks:
//   ```sh             runs as written, in order, and must exit 0;
//   ```sh exit=N      runs, and must exit N;
//   ```sh no-run      is not run (installs, long-running or interactive commands, real AWS);
//   ```text output    must match the output of the shell block just before it
//                     (`…` = any text within a line; a line of only `…` = any lines);
//   ```ts             type-checks, as a module, with the package's exports and the
//                     README's sample variables (dbPassword, featureFlag, …) in scope;
//   ```ts file=PATH   is written to PATH in the project (before the next shell block runs), and type-checks;
//   ```ts no-check    is not checked (Pulumi programs: their types take long to load).
// The shell blocks run in a copy of examples/ and generated/ with SST_APP=billing,
// SST_STAGE=dev, the built CLI on PATH as `secrets`, against a moto of their own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.js";
import { codeBlocks, type CodeBlock } from "./markdown.js";
import { showsOutput } from "./outputPattern.js";
import { openReadmeProject, runShell, type ReadmeProject } from "./readmeProject.js";
import { typecheckBlocks, writeFileBlock } from "./typecheckBlocks.js";

const README = readFileSync(join(repoRoot, "README.md"), "utf8");
const blocks = codeBlocks(README);
const SHELL = new Set(["sh", "bash"]);
const KNOWN_ATTRS: Record<string, string[]> = { sh: ["no-run", "exit"], bash: ["no-run", "exit"], text: ["output"], ts: ["file", "no-check"] };

const isRunnable = (b: CodeBlock) => SHELL.has(b.lang) && b.attrs["no-run"] === undefined;
const isFileBlock = (b: CodeBlock) => b.lang === "ts" && typeof b.attrs.file === "string";
const title = (b: CodeBlock) => `README.md:${b.line}: ${b.code.split("\n").find((l) => l.trim() && !l.trim().startsWith("#"))?.trim() ?? ""}`;

let project: ReadmeProject;
const writtenFiles: { block: CodeBlock; path: string }[] = [];

beforeAll(async () => {
  project = await openReadmeProject();
}, 60_000);
afterAll(async () => {
  await project?.close();
});

describe("README.md conventions", () => {
  it("uses only the documented block attributes", () => {
    const unknown = blocks.flatMap((b) => Object.keys(b.attrs).filter((a) => !(KNOWN_ATTRS[b.lang] ?? []).includes(a)).map((a) => `README.md:${b.line}: ${b.lang} ${a}`));
    expect(unknown).toEqual([]);
  });

  it("puts every `text output` block right after a shell block that runs", () => {
    const orphans = blocks.filter((b, i) => b.attrs.output !== undefined && !(i > 0 && isRunnable(blocks[i - 1]!))).map((b) => `README.md:${b.line}`);
    expect(orphans).toEqual([]);
  });

  it("runs a good share of its shell blocks", () => {
    expect(blocks.filter(isRunnable).length).toBeGreaterThan(25);
  });
});

describe("README.md shell blocks run as written, in order, against moto in a copy of examples/billing", () => {
  blocks.forEach((block, index) => {
    if (isFileBlock(block)) {
      it(`README.md:${block.line}: creates ${String(block.attrs.file)}`, () => {
        writtenFiles.push({ block, path: writeFileBlock(project.cwd, block) });
      });
      return;
    }
    if (!isRunnable(block)) return;
    const expectedExit = block.attrs.exit === undefined ? 0 : Number(block.attrs.exit);
    const next = blocks[index + 1];
    const shown = next?.lang === "text" && next.attrs.output !== undefined ? next : undefined;
    it(title(block), async () => {
      const result = await runShell(block.code, project);
      const output = `${result.stdout}${result.stdout && !result.stdout.endsWith("\n") ? "\n" : ""}${result.stderr}`;
      expect(result.code, `README.md:${block.line} exited ${result.code}, not ${expectedExit}; its output:\n${output}`).toBe(expectedExit);
      if (shown) expect(showsOutput(output, shown.code), `README.md:${shown.line} shows an output the command does not print. It printed:\n${output}`).toBe(true);
    });
  });
});

describe("README.md TypeScript", () => {
  it("every ts block type-checks (snippets with the package's exports in scope; file blocks as project files)", () => {
    const snippets = blocks.filter((b) => b.lang === "ts" && !isFileBlock(b) && b.attrs["no-check"] === undefined);
    expect(snippets.length).toBeGreaterThan(15);
    const diagnostics = typecheckBlocks({ scratch: join(project.root, "readme-ts"), snippets, files: writtenFiles, registry: join(project.root, "generated/secrets.ts") });
    expect(diagnostics).toEqual([]);
  }, 60_000);
});
