import { CliError } from "./errors.js";

/**
 * Formats `NAME=value` lines that parse back to exactly the same values with
 * dotenv (the npm package), Node's own parser (`node --env-file`,
 * `util.parseEnv`) and a POSIX shell's `set -a; . ./.env`, and that can never
 * run anything when sourced:
 *
 * - a value without `'` goes in single quotes, where every character
 *   (newlines, `"`, `\`, `$`, backticks) is literal to all three;
 * - a value with `'` goes in double quotes, if it has none of `"`, `\`, `$`
 *   and backtick (the characters a shell or dotenv would interpret there);
 * - anything else is refused, naming the variable: dotenv has no escape for a
 *   quote inside quotes, so no quoting would round-trip. So is a carriage
 *   return, which the parsers fold into a newline, and a NUL.
 *
 * Multiline values (PEM keys) keep their real newlines inside the quotes.
 *
 * @throws CliError naming the first variable that cannot be written, never its value.
 * @example
 * ```ts
 * formatDotenv([{ envName: "DB_PASSWORD", value: "p@ss word" }]); // "DB_PASSWORD='p@ss word'\n"
 * ```
 */
export function formatDotenv(entries: readonly { envName: string; value: string }[], header?: string): string {
  const lines = entries.map(({ envName, value }) => `${envName}=${quote(envName, value)}\n`);
  return `${header ? `# ${header}\n` : ""}${lines.join("")}`;
}

function quote(envName: string, value: string): string {
  const refuse = (why: string) => new CliError(`cannot write ${envName} as dotenv: its value ${why}, which no dotenv quoting reads back unchanged`, "use --format json for this variable (or leave it out with --only)");
  if (value.includes("\u0000")) throw refuse("contains a NUL character");
  if (value.includes("\r")) throw refuse("contains a carriage return");
  if (!value.includes("'")) return `'${value}'`;
  if (!/["\\$`]/.test(value)) return `"${value}"`;
  throw refuse("contains a single quote together with one of \" \\ $ or `");
}
