import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../runtime/errors.js";
import { anyGlob } from "./glob.js";
import { compareText } from "./model.js";

/** Directories never scanned, wherever they are: dependencies, build output, VCS. */
export const ALWAYS_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", "dist", "build", "coverage", ".git"]);

/** The files a scan reads when no include is configured. */
export const DEFAULT_INCLUDE: readonly string[] = ["**/*.{ts,tsx,mts,cts}"];

const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const DECLARATION_FILE = /\.d\.(ts|mts|cts)$/;

/**
 * Which files of the root to scan.
 * @example
 * ```ts
 * const selection: FileSelection = { include: ["src/**\/*.ts"], exclude: ["src/legacy/**"], skipDirectories: ["generated"] };
 * ```
 */
export interface FileSelection {
  /** Globs relative to the root; default: every .ts, .tsx, .mts and .cts file. */
  include?: readonly string[] | undefined;
  /** Globs relative to the root, applied to files and to directories (which are then not entered). */
  exclude?: readonly string[] | undefined;
  /** Further directories (posix, relative to the root) never entered: the output and cache folders. */
  skipDirectories?: readonly string[] | undefined;
}

/**
 * Lists the TypeScript source files under `root` (posix paths relative to it,
 * sorted). It never enters node_modules, dist, build, coverage, hidden
 * directories such as .git or .sst, the `skipDirectories`, or any excluded
 * directory; declaration files (.d.ts) are left out because they cannot
 * create instances. Symbolic links to directories are not followed.
 *
 * @throws ConfigError when `root` is not a directory.
 * @example
 * ```ts
 * const files = await listSourceFiles("/repo/app", { skipDirectories: ["generated"] });
 * // ["secrets/variables.ts", "src/handler.ts"]
 * ```
 */
export async function listSourceFiles(root: string, selection: FileSelection = {}): Promise<string[]> {
  return (await walkProject(root, selection)).files;
}

/**
 * The directories a scan enters ("" for the root itself), sorted: what the watcher watches.
 * @example
 * ```ts
 * await listSourceDirectories("/repo/app"); // ["", "secrets", "src"]
 * ```
 */
export async function listSourceDirectories(root: string, selection: FileSelection = {}): Promise<string[]> {
  return (await walkProject(root, selection)).directories;
}

async function walkProject(root: string, selection: FileSelection): Promise<{ files: string[]; directories: string[] }> {
  const included = anyGlob(selection.include ?? DEFAULT_INCLUDE);
  const excludePatterns = selection.exclude ?? [];
  const excluded = anyGlob(excludePatterns);
  // "legacy/**" also excludes the directory "legacy" itself, so it is not even read.
  const excludedDirectory = anyGlob(excludePatterns.flatMap((p) => (p.endsWith("/**") ? [p, p.slice(0, -3)] : [p])));
  const skipped = new Set((selection.skipDirectories ?? []).map((d) => d.replace(/\/+$/, "")));
  const files: string[] = [];
  const directories: string[] = [""];

  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(relativeDir === "" ? root : join(root, relativeDir), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      // A directory deleted while we walk (the watcher's case) is simply gone.
      if (relativeDir !== "" && error.code === "ENOENT") return [];
      if (relativeDir === "" && (error.code === "ENOENT" || error.code === "ENOTDIR")) {
        throw new ConfigError(`The codegen root ${root} is not a directory`, { hint: "run secrets codegen from the project folder, or pass its root" });
      }
      throw error;
    });
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const relative = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(join(root, relative)).catch(() => undefined);
        isFile = target?.isFile() ?? false;
        isDirectory = false;
      }
      if (isDirectory) {
        if (entry.name.startsWith(".") || ALWAYS_SKIPPED_DIRECTORIES.has(entry.name) || skipped.has(relative) || excludedDirectory(relative)) continue;
        subdirectories.push(relative);
      } else if (isFile && SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name) && included(relative) && !excluded(relative)) {
        files.push(relative);
      }
    }
    directories.push(...subdirectories);
    await Promise.all(subdirectories.map(walk));
  };
  await walk("");
  return { files: files.sort(compareText), directories: directories.sort(compareText) };
}

/**
 * Whether a path (posix, relative to the root) is one a scan could read, for the watcher.
 * @example
 * ```ts
 * isScannablePath("src/a.ts", {}); // true
 * isScannablePath("node_modules/x/a.ts", {}); // false
 * ```
 */
export function isScannablePath(relative: string, selection: FileSelection = {}): boolean {
  const parts = relative.split("/");
  const name = parts.at(-1) ?? "";
  if (!SOURCE_FILE.test(name) || DECLARATION_FILE.test(name)) return false;
  const skipped = (selection.skipDirectories ?? []).map((d) => d.replace(/\/+$/, ""));
  for (let i = 0; i < parts.length - 1; i++) {
    const dir = parts.slice(0, i + 1).join("/");
    const segment = parts[i]!;
    if (segment.startsWith(".") || ALWAYS_SKIPPED_DIRECTORIES.has(segment) || skipped.includes(dir)) return false;
  }
  const included = anyGlob(selection.include ?? DEFAULT_INCLUDE);
  const excluded = anyGlob(selection.exclude ?? []);
  return included(relative) && !excluded(relative);
}
