/** A JavaScript identifier, ASCII only (every key the runtime accepts is ASCII). */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Words that cannot name a binding, in strict-mode ES modules. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "await break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield"
  ).split(" "),
);

/**
 * Whether `name` may be written as a bare property name (`secrets.dbPassword`).
 * @example
 * ```ts
 * isPropertyIdentifier("dbPassword"); // true
 * isPropertyIdentifier("billing-prod-db"); // false: it needs quotes
 * ```
 */
export function isPropertyIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * Whether `name` may name a binding (`const name = …`, `import { x as name }`).
 * @example
 * ```ts
 * isBindingIdentifier("dbPassword"); // true
 * isBindingIdentifier("delete"); // false: a reserved word
 * ```
 */
export function isBindingIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_WORDS.has(name);
}
