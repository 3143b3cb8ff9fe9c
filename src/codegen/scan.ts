import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { contentHash, openScanCache } from "./cache.js";
import { listSourceFiles } from "./files.js";
import { buildModel } from "./merge.js";
import type { Declaration, Diagnostic, Model } from "./model.js";
import { GENERATED_HEADER_PREFIX, PACKAGE_NAME, scanFileText, type FileScan, type TypeScriptApi } from "./parse.js";
import { relativePosix } from "./paths.js";

/**
 * What to scan.
 * @example
 * ```ts
 * const options: ScanOptions = { root: "examples/billing", exclude: ["**\/*.test.ts"] };
 * ```
 */
export interface ScanOptions {
  /** The project root; relative paths resolve against the cwd. */
  root: string;
  /** Globs relative to the root; default: every .ts, .tsx, .mts and .cts file. */
  include?: string[] | undefined;
  /** Globs relative to the root to leave out. */
  exclude?: string[] | undefined;
  /** The registry's folder (relative to the root, or absolute), never scanned; default `generated`. */
  outDir?: string | undefined;
  /** Use the content-hash cache in `node_modules/.cache/senvar` (default true). */
  cache?: boolean | undefined;
  /** Save the cache after scanning (default true; `--check` reads it but writes nothing). */
  saveCache?: boolean | undefined;
}

/**
 * How much work a scan did: the evidence that the prefilter and cache work.
 * @example
 * ```ts
 * const { stats } = await scanWithStats({ root });
 * console.log(`${stats.parsed} of ${stats.files} files parsed`);
 * ```
 */
export interface ScanStats {
  /** Source files listed. */
  files: number;
  /** Files whose text mentions `@senvar/secrets`, the only ones that can declare anything. */
  candidates: number;
  /** Candidates parsed in this run. */
  parsed: number;
  /** Candidates answered from the cache. */
  cached: number;
}

/**
 * Scans a project into the model, with statistics. ts-morph is loaded only if
 * some file needs parsing: files that do not mention `@senvar/secrets` are
 * skipped unread by the parser, and unchanged files come from the cache.
 *
 * @example
 * ```ts
 * const { model, stats } = await scanWithStats({ root: "examples/billing" });
 * ```
 */
export async function scanWithStats(options: ScanOptions): Promise<{ model: Model; stats: ScanStats }> {
  const root = resolve(options.root);
  const outDir = relativePosix(root, resolve(root, options.outDir ?? "generated"));
  const files = await listSourceFiles(root, {
    include: options.include,
    exclude: options.exclude,
    skipDirectories: outDir.startsWith("../") ? [] : [outDir],
  });
  const cache = await openScanCache(root, options.cache !== false);
  const stats: ScanStats = { files: files.length, candidates: 0, parsed: 0, cached: 0 };
  const results: (FileScan | undefined)[] = new Array(files.length);
  const toParse: { index: number; file: string; text: string; hash: string }[] = [];

  // Synchronous reads on purpose: for thousands of small files they are several
  // times faster than fs.promises, whose every file costs four thread-pool round trips.
  files.forEach((file, index) => {
    const bytes = readFileSync(resolve(root, file));
    // The cheap prefilter: a file that never mentions the package cannot import from it.
    if (!bytes.includes(PACKAGE_NAME)) return;
    if (bytes.subarray(0, GENERATED_HEADER_PREFIX.length).toString("utf8") === GENERATED_HEADER_PREFIX) return;
    stats.candidates++;
    const hash = contentHash(bytes);
    const hit = cache.get(file, hash);
    if (hit) {
      stats.cached++;
      results[index] = hit;
    } else {
      toParse.push({ index, file, text: bytes.toString("utf8"), hash });
    }
  });

  if (toParse.length > 0) {
    const api = await loadTypeScript();
    for (const { index, file, text, hash } of toParse) {
      const scan = scanFileText(api, file, text);
      cache.set(file, hash, scan);
      results[index] = scan;
      stats.parsed++;
    }
  }
  if (options.saveCache !== false) await cache.save();

  const declarations: Declaration[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    if (!result) continue;
    declarations.push(...result.declarations);
    diagnostics.push(...result.diagnostics);
  }
  return { model: buildModel(declarations, diagnostics), stats };
}

/**
 * Scans a project into the model: its variables and diagnostics, sorted.
 * @example
 * ```ts
 * const model = await scanProject({ root: "examples/billing" });
 * model.variables.map((v) => v.key); // ["dbPassword", "featureFlag", "stripeSecretKey", "webhookUrl"]
 * ```
 */
export async function scanProject(options: ScanOptions): Promise<Model> {
  return (await scanWithStats(options)).model;
}

/**
 * The TypeScript API bundled with ts-morph, loaded on first need: it is by far
 * the most expensive module codegen touches, and a warm run never needs it.
 * @example
 * ```ts
 * const ts = await loadTypeScript();
 * ```
 */
export async function loadTypeScript(): Promise<TypeScriptApi> {
  const morph = await import("ts-morph");
  return morph.ts;
}
