import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { CliError } from "./errors.js";

/** A user's rotation function: old value in, new value out. */
export type RotationHandler = (old: string | undefined) => string | Promise<string>;

/** Extensions tried for every candidate file, in order. */
export const HANDLER_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;

/** Where a handler was found, for messages. */
export interface FoundHandler {
  handler: RotationHandler;
  source: string;
}

/**
 * Imports a module that may be TypeScript. Bun runs TypeScript natively; Node
 * 20 cannot strip types, so `.ts`/`.mts` go through jiti there.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const isTypeScript = /\.m?ts$/.test(file);
  if (!isTypeScript || typeof (globalThis as { Bun?: unknown }).Bun !== "undefined") {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  }
  const { createJiti } = await import("jiti");
  const jiti = createJiti(pathToFileURL(file).href, { moduleCache: false, fsCache: false });
  return (await jiti.import(file)) as Record<string, unknown>;
}

function firstExisting(base: string): string[] {
  return HANDLER_EXTENSIONS.map((ext) => `${base}${ext}`);
}

/**
 * PRD 8.2 discovery, relative to the project root:
 * 1. `<dir>/index.*` exporting `rotationHandlers` keyed by full name;
 * 2. the same map keyed by name;
 * 3. `<dir>/<fullName>.*`;
 * 4. `<dir>/<name>.*`, with a default export or an export `rotate`.
 * @throws CliError naming the secret and every path tried.
 */
export async function findRotationHandler(root: string, rotationDir: string, fullName: string, key: string): Promise<FoundHandler> {
  const dir = join(root, rotationDir);
  const tried: string[] = [];
  const show = (file: string) => relative(root, file) || file;

  for (const file of firstExisting(join(dir, "index"))) {
    if (!existsSync(file)) {
      tried.push(`${show(file)} (rotationHandlers["${fullName}"] or ["${key}"])`);
      continue;
    }
    const mod = await loadHandlerModule(file, show(file));
    const map = mod.rotationHandlers as Record<string, unknown> | undefined;
    for (const id of fullName === key ? [fullName] : [fullName, key]) {
      const candidate = map?.[id];
      if (typeof candidate === "function") return { handler: candidate as RotationHandler, source: `${show(file)} rotationHandlers["${id}"]` };
    }
    tried.push(`${show(file)} (no rotationHandlers["${fullName}"] or ["${key}"])`);
  }

  for (const base of fullName === key ? [fullName] : [fullName, key]) {
    for (const file of firstExisting(join(dir, base))) {
      if (!existsSync(file)) {
        tried.push(show(file));
        continue;
      }
      const mod = await loadHandlerModule(file, show(file));
      const candidate = typeof mod.default === "function" ? mod.default : mod.rotate;
      if (typeof candidate === "function") return { handler: candidate as RotationHandler, source: show(file) };
      tried.push(`${show(file)} (no default export or export "rotate")`);
    }
  }
  throw new CliError(`no rotation handler found for ${fullName}; tried:\n  ${tried.join("\n  ")}`, "run secrets codegen to create a stub in secrets/rotation/, then write the rotation there");
}

async function loadHandlerModule(file: string, shown: string): Promise<Record<string, unknown>> {
  try {
    return await importModule(file);
  } catch (error) {
    throw new CliError(`could not load the rotation handler ${shown}: ${(error as Error).message}`, "fix the module so that it imports cleanly");
  }
}
