/**
 * A small glob matcher for include/exclude options, so codegen needs no extra
 * dependency (Node 20's `path.matchesGlob` is still experimental).
 * Paths and patterns are posix and relative to the scanned root.
 * @packageDocumentation
 */

/**
 * A compiled glob: `**` spans any number of directories, `*` and `?` stay
 * inside one, `{a,b}` is a choice and `[…]` a character class.
 * @example
 * ```ts
 * const test = compileGlob("src/**\/*.{ts,tsx}");
 * test("src/a/b.tsx"); // true
 * ```
 */
export type GlobTest = (path: string) => boolean;

/**
 * Compiles one glob pattern. A leading `./` is ignored.
 * @example
 * ```ts
 * compileGlob("**\/*.test.ts")("test/a.test.ts"); // true
 * ```
 */
export function compileGlob(pattern: string): GlobTest {
  const regex = new RegExp(`^${toRegexSource(pattern.replace(/^\.\//, ""))}$`);
  return (path) => regex.test(path);
}

/**
 * True when any of the patterns matches.
 * @example
 * ```ts
 * const excluded = anyGlob(["legacy/**", "**\/*.spec.ts"]);
 * excluded("legacy/old.ts"); // true
 * ```
 */
export function anyGlob(patterns: readonly string[]): GlobTest {
  const tests = patterns.map(compileGlob);
  return (path) => tests.some((test) => test(path));
}

function toRegexSource(pattern: string): string {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        const atSegmentStart = i === 0 || pattern[i - 1] === "/";
        const atSegmentEnd = i + 2 === pattern.length || pattern[i + 2] === "/";
        if (atSegmentStart && atSegmentEnd) {
          // "**/" matches zero or more whole directories; a trailing "**" matches everything below.
          if (pattern[i + 2] === "/") {
            source += "(?:[^/]*/)*";
            i += 2;
          } else {
            source += ".*";
            i += 1;
          }
          continue;
        }
        i += 1;
      }
      source += "[^/]*";
    } else if (ch === "?") {
      source += "[^/]";
    } else if (ch === "{") {
      const end = pattern.indexOf("}", i);
      if (end === -1) {
        source += "\\{";
        continue;
      }
      const choices = pattern.slice(i + 1, end).split(",").map(toRegexSource);
      source += `(?:${choices.join("|")})`;
      i = end;
    } else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) {
        source += "\\[";
        continue;
      }
      const body = pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
      source += `[${body}]`;
      i = end;
    } else {
      source += ch.replace(/[.+^$()|\\/]/g, (c) => `\\${c}`);
    }
  }
  return source;
}
