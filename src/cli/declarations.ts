import type { Context } from "./config.js";
import type { Declared } from "./target.js";

/**
 * The project's own declaration of a name, from the codegen manifest.
 * Until `secrets codegen` has written one, there is nothing to consult.
 */
export function declarationFor(_name: string, _context: Context): Declared | undefined {
  return undefined;
}
