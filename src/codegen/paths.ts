import { posix, relative, sep } from "node:path";

/**
 * The posix path from `from` to `to`, as every result of codegen reports paths.
 * @example
 * ```ts
 * relativePosix("/repo/examples/billing", "/repo/generated/secrets.ts"); // "../../generated/secrets.ts"
 * ```
 */
export function relativePosix(from: string, to: string): string {
  const path = relative(from, to);
  return sep === "/" ? path : path.split(sep).join("/");
}

/**
 * Joins posix path parts and normalises the result (`a/./b/../c` → `a/c`).
 * @example
 * ```ts
 * joinPosix("generated", "secrets.ts"); // "generated/secrets.ts"
 * ```
 */
export function joinPosix(...parts: string[]): string {
  return posix.normalize(posix.join(...parts));
}
