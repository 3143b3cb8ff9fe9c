import { findManifestVariable, MANIFEST_FILE, readManifest, type ManifestVariable } from "../codegen/manifest.js";
import type { Context } from "./config.js";
import { CliError } from "./errors.js";
import type { Declared } from "./target.js";

/** The default output folder of `secrets codegen`, relative to the project root. */
export const DEFAULT_OUT_DIR = "generated";

/**
 * The project's own declaration of a name, from the manifest `secrets codegen`
 * wrote; undefined when there is no manifest or the name is not declared.
 * Only reads a small JSON file: no ts-morph, no handlebars.
 */
export async function declarationFor(name: string, context: Context): Promise<Declared | undefined> {
  const outDir = context.config.outDir ?? DEFAULT_OUT_DIR;
  const manifest = await readManifest(context.root, outDir);
  if (!manifest) return undefined;
  const found = findManifestVariable(manifest, name, { app: context.app, stage: context.stage });
  return found && toDeclared(found, `${outDir}/${MANIFEST_FILE}`);
}

/**
 * Every declaration in the manifest, in its order (by key). Commands that act
 * on all declared variables (status, exec, export) need the manifest, so its
 * absence is an error that says how to make one.
 * @throws CliError when codegen has not run.
 * @example
 * ```ts
 * const keys = (await allDeclarations(context)).map((d) => d.key);
 * ```
 */
export async function allDeclarations(context: Context): Promise<Declared[]> {
  const outDir = context.config.outDir ?? DEFAULT_OUT_DIR;
  const manifest = await readManifest(context.root, outDir);
  if (!manifest) {
    throw new CliError(`no declarations: ${outDir}/${MANIFEST_FILE} does not exist under ${context.root}`, "run secrets codegen in the project first (it writes the manifest this command reads)");
  }
  return manifest.variables.map((entry) => toDeclared(entry, `${outDir}/${MANIFEST_FILE}`));
}

function toDeclared(found: ManifestVariable, source: string): Declared {
  return { ...found, source };
}
