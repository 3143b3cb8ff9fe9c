import { watch, type FSWatcher } from "node:fs";
import { join, posix, resolve } from "node:path";
import { isScannablePath, listSourceDirectories, type FileSelection } from "./files.js";
import { outputLayout, runPipeline, type CodegenOptions, type CodegenResult } from "./run.js";

/** Long enough to coalesce an editor's save (write, rename, chmod) into one run. */
const DEBOUNCE_MS = 100;
/** Events on files (and new folders) codegen itself just wrote are echoes, not edits. */
const ECHO_WINDOW_MS = 500;

/**
 * A running watcher.
 * @example
 * ```ts
 * const watcher: CodegenWatcher = watchCodegen({ root }, print);
 * process.on("SIGINT", () => watcher.close());
 * ```
 */
export interface CodegenWatcher {
  close(): void;
}

/**
 * Runs codegen now, then again after every change to a file the scan reads
 * (debounced by ~100 ms; never two runs at once). `onResult` gets each result,
 * or the Error a run threw. It watches each scanned directory itself rather
 * than the whole tree recursively, so node_modules never costs a watch.
 *
 * @example
 * ```ts
 * const watcher = watchCodegen({ root: process.cwd() }, (result) => {
 *   console.log(result instanceof Error ? result.message : formatSummary(result));
 * });
 * ```
 */
export function watchCodegen(options: CodegenOptions, onResult: (result: CodegenResult | Error) => void): CodegenWatcher {
  const root = resolve(options.root);
  const layout = outputLayout(root, options);
  const selection: FileSelection = {
    include: options.include,
    exclude: options.exclude,
    skipDirectories: layout.outDir.startsWith("../") ? [] : [layout.outDir],
  };
  const watchers = new Map<string, FSWatcher>();
  const echoes = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const report = (result: CodegenResult | Error) => {
    if (!closed) onResult(result);
  };
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  };
  const onEvent = (directory: string) => (event: string, filename: string | Buffer | null) => {
    if (filename === null) return schedule();
    const relative = directory === "" ? String(filename) : `${directory}/${String(filename)}`;
    const echo = echoes.get(relative);
    if (echo !== undefined && Date.now() < echo) return;
    // "rename" may be a new directory, which the next run starts watching.
    if (isScannablePath(relative, selection) || event === "rename") schedule();
  };
  const syncWatchers = async () => {
    const directories = new Set(await listSourceDirectories(root, selection));
    for (const [directory, watcher] of watchers) {
      if (!directories.has(directory)) {
        watcher.close();
        watchers.delete(directory);
      }
    }
    for (const directory of directories) {
      if (closed || watchers.has(directory)) continue;
      try {
        const watcher = watch(join(root, directory), onEvent(directory));
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(directory);
        });
        watchers.set(directory, watcher);
      } catch {
        // Gone between listing and watching: the next sync settles it.
      }
    }
  };
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const ours: string[] = [];
    // Registered before each write, because the watch events can arrive while the run is still going.
    const beforeWrite = (path: string) => {
      for (let at = path; at !== "." && at !== "" && !at.startsWith(".."); at = posix.dirname(at)) {
        ours.push(at);
        echoes.set(at, Number.POSITIVE_INFINITY);
      }
    };
    try {
      const result = await runPipeline(options, { beforeWrite });
      await syncWatchers();
      const until = Date.now() + ECHO_WINDOW_MS;
      for (const path of ours) echoes.set(path, until);
      report(result);
    } catch (error) {
      for (const path of ours) echoes.delete(path);
      report(error instanceof Error ? error : new Error(String(error)));
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  void run();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

