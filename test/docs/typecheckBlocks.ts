// Type-checks the README's TypeScript: the API snippets (each its own module,
// with a prelude that declares the package's exports and the sample variables
// the snippets use as globals), and the blocks written into the project as files.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import type { CodeBlock } from "./markdown.js";
import { exportedDocs } from "./exportedDocs.js";
import { repoRoot } from "../support/cli.js";

/** Globals the API snippets may use without declaring them, like the README's prose does. */
const SAMPLE_GLOBALS = `
  const dbPassword: Senvar.Secret;
  const stripeSecretKey: Senvar.Secret;
  const apiKey: Senvar.Secret;
  const featureFlag: Senvar.Parameter;
  const webhookUrl: Senvar.Parameter;
  function generateApiKey(old: string | undefined): string;
  function promptForHiddenValue(message: string): Promise<string>;
  function afterEach(fn: () => void): void;`;

/** The package's runtime exports as globals; classes are types too. */
function prelude(): string {
  const lines = exportedDocs(join(repoRoot, "src/index.ts"), repoRoot).flatMap(({ name, kind }) => {
    if (kind === "class") return [`  const ${name}: typeof Senvar.${name};`, `  type ${name} = Senvar.${name};`];
    if (kind === "function" || kind === "variable") return [`  const ${name}: typeof Senvar.${name};`];
    return [];
  });
  return `import type * as Senvar from "@senvar/secrets";\ndeclare global {\n${lines.join("\n")}${SAMPLE_GLOBALS}\n}\nexport {};\n`;
}

/**
 * @param snippets plain ```ts blocks, checked as modules under `scratch`
 * @param files ```ts file=… blocks, already written into the project at `path`
 * @param registry the generated registry that `…/generated/secrets.js` imports in snippets stand for
 * @returns diagnostics as `README.md:<line>: <message>`
 */
export function typecheckBlocks(options: { scratch: string; snippets: CodeBlock[]; files: { block: CodeBlock; path: string }[]; registry: string }): string[] {
  mkdirSync(options.scratch, { recursive: true });
  const readmeLine = new Map<string, number>();
  const preludeFile = join(options.scratch, "prelude.d.ts");
  writeFileSync(preludeFile, prelude());
  for (const block of options.snippets) {
    const file = join(options.scratch, `block-${block.line}.mts`);
    writeFileSync(file, `${block.code}\nexport {};\n`);
    readmeLine.set(file, block.line + 1);
  }
  for (const { block, path } of options.files) readmeLine.set(path, block.line + 1);

  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  };
  const host = ts.createCompilerHost(compilerOptions);
  // A snippet imports the registry as an app would ("../generated/secrets.js"); point that at the project's real one.
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, sourceFile) =>
    literals.map((literal) => {
      if (containingFile.startsWith(options.scratch) && /(^|\/)generated\/secrets\.js$/.test(literal.text)) {
        return { resolvedModule: { resolvedFileName: options.registry, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
      }
      return ts.resolveModuleName(literal.text, containingFile, opts, host, undefined, redirected, ts.getModeForUsageLocation(sourceFile, literal, opts));
    });
  const program = ts.createProgram([preludeFile, ...readmeLine.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file || diagnostic.start === undefined) return `README.md: ${message}`;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const start = readmeLine.get(diagnostic.file.fileName);
    return start === undefined ? `${diagnostic.file.fileName}:${line + 1}: ${message}` : `README.md:${start + line}: ${message}`;
  });
}

/** Writes a ```ts file=… block into the project. */
export function writeFileBlock(cwd: string, block: CodeBlock): string {
  const path = join(cwd, String(block.attrs.file));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${block.code}\n`);
  return path;
}
