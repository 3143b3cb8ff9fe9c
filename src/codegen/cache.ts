import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { FileScan } from "./parse.js";

/** Where the scan cache lives, relative to the scanned root (the find-cache-dir convention). */
export const CACHE_DIRECTORY = "node_modules/.cache/senvar";
const CACHE_FILE = "scan.json";

/** Bump when the scanner would read the same text differently; the package version is added on top. */
const SCAN_FORMAT = 1;

interface CacheEntry {
  hash: string;
  scan: FileScan;
}

interface CacheFile {
  format: string;
  entries: Record<string, CacheEntry>;
}

/**
 * Per-file scan results keyed by content hash, so an unchanged file is never
 * parsed again (and a warm run never loads ts-morph at all).
 * @example
 * ```ts
 * const cache = await openScanCache("/repo/app");
 * const hit = cache.get("src/a.ts", contentHash(bytes));
 * ```
 */
export interface ScanCache {
  /** The cached scan of `file` if its content hash is still `hash`. */
  get(file: string, hash: string): FileScan | undefined;
  /** Records a fresh scan. */
  set(file: string, hash: string, scan: FileScan): void;
  /** Writes the cache if anything changed, keeping only the files seen since it was opened. */
  save(): Promise<void>;
}

/**
 * The content hash the cache is keyed by.
 * @example
 * ```ts
 * contentHash(Buffer.from("export {}")); // "c3ab8f…" (sha1, hex)
 * ```
 */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/**
 * Opens the cache under `root` (empty when missing, unreadable or written by
 * another version). With `enabled: false` it remembers nothing and saves nothing.
 * @example
 * ```ts
 * const cache = await openScanCache(root);
 * // … scan …
 * await cache.save();
 * ```
 */
export async function openScanCache(root: string, enabled = true): Promise<ScanCache> {
  if (!enabled) return { get: () => undefined, set: () => undefined, save: async () => undefined };
  const path = join(root, CACHE_DIRECTORY, CACHE_FILE);
  const format = `${SCAN_FORMAT}/${packageVersion()}`;
  const previous = await readCache(path, format);
  const next: Record<string, CacheEntry> = {};
  let dirty = false;
  return {
    get(file, hash) {
      const entry = previous[file];
      if (entry?.hash !== hash) return undefined;
      next[file] = entry;
      return entry.scan;
    },
    set(file, hash, scan) {
      next[file] = { hash, scan };
      dirty = true;
    },
    async save() {
      if (!dirty && Object.keys(next).length === Object.keys(previous).length) return;
      const body: CacheFile = { format, entries: sortedEntries(next) };
      try {
        await mkdir(dirname(path), { recursive: true });
        // Write then rename, so a concurrent run (watch + build) never reads half a file.
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify(body));
        await rename(temporary, path);
      } catch {
        // A read-only or missing node_modules only costs speed; codegen itself must not fail.
      }
    },
  };
}

async function readCache(path: string, format: string): Promise<Record<string, CacheEntry>> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<CacheFile>;
    return parsed.format === format && parsed.entries && typeof parsed.entries === "object" ? parsed.entries : {};
  } catch {
    return {};
  }
}

function sortedEntries(entries: Record<string, CacheEntry>): Record<string, CacheEntry> {
  const sorted: Record<string, CacheEntry> = {};
  for (const key of Object.keys(entries).sort()) sorted[key] = entries[key]!;
  return sorted;
}

let version: string | undefined;
function packageVersion(): string {
  // From src/codegen or dist/codegen, the package root is two levels up.
  version ??= (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return version;
}
