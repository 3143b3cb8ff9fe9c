import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { RenderedFile } from "./render.js";

/**
 * What happened to one file:
 * - `written`: a generated file was new or different, and is now up to date;
 * - `unchanged`: a generated file already had these exact bytes;
 * - `created`: a rotation stub did not exist and now does;
 * - `kept`: a rotation stub exists, and was left as the user wrote it;
 * - `removed`: an obsolete file was there, and is now gone;
 * - `stale`: check mode only, the file would be written, created or removed.
 * @example
 * ```ts
 * const status: FileStatus = "kept";
 * ```
 */
export type FileStatus = "written" | "unchanged" | "kept" | "stale" | "created" | "removed";

/**
 * One file's outcome, its path posix and relative to the root.
 * @example
 * ```ts
 * const outcome: FileOutcome = { path: "generated/secrets.ts", status: "unchanged" };
 * ```
 */
export interface FileOutcome {
  path: string;
  status: FileStatus;
}

/**
 * Brings the files on disk in line with the rendered ones, and is the only
 * part of codegen that writes: a generated file only when its bytes differ,
 * a stub only when none exists, an obsolete file removed only when it is
 * there (an absent one is not reported). In check mode it writes nothing and reports
 * what would change as `stale`. `beforeWrite` hears of each path just before
 * it is written (the watcher uses it to ignore its own writes).
 *
 * @example
 * ```ts
 * const outcomes = await writeRendered("/repo/app", files, { check: process.argv.includes("--check") });
 * const stale = outcomes.filter((o) => o.status === "stale");
 * ```
 */
export async function writeRendered(
  root: string,
  files: readonly RenderedFile[],
  options: { check?: boolean; beforeWrite?: (path: string) => void } = {},
): Promise<FileOutcome[]> {
  const check = options.check === true;
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    const absolute = resolve(root, file.path);
    let status: FileStatus;
    // Synchronous checks: hundreds of stubs are checked on every warm run, and fs.promises costs several thread-pool trips each.
    if (file.ownership === "obsolete") {
      if (!existsSync(absolute)) continue;
      status = check ? "stale" : "removed";
    } else if (file.ownership === "stub") {
      status = existsSync(absolute) ? "kept" : check ? "stale" : "created";
    } else {
      status = readIfExists(absolute) === file.contents ? "unchanged" : check ? "stale" : "written";
    }
    if (status === "written" || status === "created" || status === "removed") options.beforeWrite?.(file.path);
    if (status === "removed") await rm(absolute, { force: true });
    if (status === "written") await writeAtomically(absolute, file.contents);
    if (status === "created" && !(await createExclusively(absolute, file.contents))) status = "kept";
    outcomes.push({ path: file.path, status });
  }
  return outcomes;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Through a temporary file and a rename, so tsc or a watcher never reads half a registry. */
async function writeAtomically(path: string, contents: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, path);
}

/** Creates a stub only if no file is there: one that appeared since we looked is the user's, and stays. */
async function createExclusively(path: string, contents: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  try {
    await writeFile(path, contents, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
