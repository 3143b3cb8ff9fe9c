import { findManifestVariable, MANIFEST_FILE, readManifest } from "../codegen/manifest.js";
import type { Context } from "./config.js";
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
  if (!found) return undefined;
  return { ...found, source: `${outDir}/${MANIFEST_FILE}` };
}
