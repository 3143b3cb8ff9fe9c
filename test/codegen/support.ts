// Helpers shared by the codegen tests: temporary projects and file trees.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The fixture projects and their golden output. */
export const fixturesDir = join(repoRoot, "test", "fixtures");

const created: string[] = [];

/** A fresh temporary directory, removed by {@link cleanupTemporary}. Inside the repo when `inRepo` (so node_modules resolves). */
export function temporaryDirectory(prefix: string, inRepo = false): string {
  const base = inRepo ? join(repoRoot, ".senvar-tmp") : tmpdir();
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${prefix}-`));
  created.push(dir);
  return dir;
}

/** Removes every directory made by {@link temporaryDirectory}. */
export function cleanupTemporary(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a project from a map of posix path → contents, and returns its root. */
export function writeProject(files: Record<string, string>, root = temporaryDirectory("senvar-project")): string {
  for (const [path, contents] of Object.entries(files)) {
    const absolute = join(root, ...path.split("/"));
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, contents);
  }
  return root;
}

/** Copies `test/fixtures/<name>/project` to a temporary root. */
export function copyFixture(name: string, root = temporaryDirectory(`senvar-${name}`)): string {
  cpSync(join(fixturesDir, name, "project"), root, { recursive: true });
  return root;
}

/** Every file under `dir` (posix path → contents), skipping node_modules. */
export function readTree(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const absolute = join(current, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else tree[relative(dir, absolute).split(sep).join("/")] = readFileSync(absolute, "utf8");
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A declarations file importing from the package, for short tests. */
export function declarations(body: string, imports = "Parameter, Secret"): string {
  return `import { ${imports} } from "@senvar/secrets";\n${body}\n`;
}

/**
 * This package built for a throwaway tree: every src file transpiled one by
 * one with esbuild into `<dir>/dist` (no bundling, no type-check), next to a
 * copy of package.json and templates/, so its `exports` map and
 * `new URL("../../templates/", import.meta.url)` work as they do when
 * published. Inside the repo, so its dependencies resolve. Needs no `npm run build`.
 */
export async function transpilePackage(): Promise<string> {
  const { build } = await import("esbuild");
  const dir = temporaryDirectory("senvar-package", true);
  const src = join(repoRoot, "src");
  const sources = readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(src, f));
  await build({ entryPoints: sources, outdir: join(dir, "dist"), outbase: src, format: "esm", platform: "node", logLevel: "silent" });
  cpSync(join(repoRoot, "templates"), join(dir, "templates"), { recursive: true });
  cpSync(join(repoRoot, "package.json"), join(dir, "package.json"));
  return dir;
}

/** Transpiles a project's TypeScript files in place (each `x.ts` gets an `x.js`), as a build would. */
export async function transpileProject(root: string): Promise<void> {
  const { build } = await import("esbuild");
  const sources = Object.keys(readTree(root))
    .filter((f) => /\.(ts|tsx|mts)$/.test(f))
    .map((f) => join(root, f));
  await build({ entryPoints: sources, outdir: root, outbase: root, format: "esm", platform: "node", logLevel: "silent", outExtension: { ".js": ".js" } });
}

/**
 * Writes package.json and a strict NodeNext tsconfig.json into `dir` (with
 * `@senvar/secrets` mapped to this repo's src), then runs tsc on it.
 * Returns tsc's combined output and exit status.
 */
export function compileStrictNodeNext(dir: string, include: string[], extraOptions: Record<string, unknown> = {}): { output: string; status: number | null } {
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
        paths: { "@senvar/secrets": [join(repoRoot, "src", "index.ts")] },
        ...extraOptions,
      },
      include,
    }),
  );
  const tsc = spawnSync(process.execPath, [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--pretty", "false"], { cwd: dir, encoding: "utf8" });
  return { output: tsc.stdout + tsc.stderr, status: tsc.status };
}
