import { inspect } from "node:util";
import kleur from "kleur";
import { SenvarError } from "../index.js";
import { CliError, EXIT, UsageError } from "./errors.js";
import { STDIN_ARG } from "./input.js";

/** The part of a sade program that `main` drives. */
export interface Program {
  parse(argv: string[], options: Record<string, unknown>): { name: string; handler: (...args: unknown[]) => unknown; args: unknown[] } | void;
}

/** The AWS SDK's switch for its Node-version notice. */
const SDK_NOTICE_SWITCH = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/** Environment variables the CLI set on itself, which a child started by `exec` must not inherit. */
export const CLI_OWN_ENV = new Set<string>();

/** Flags that take no value; the parser must not swallow the next argument for them. */
export const BOOLEAN_FLAGS = ["secret", "parameter", "encrypted", "yes", "json", "auto", "force", "permanent", "check", "watch", "debug", "help", "version"];
/** Flags that take a value. */
export const STRING_FLAGS = ["app", "stage", "region", "profile", "tier", "recovery-window", "file", "out-dir", "root", "to", "only", "format", "out"];

/**
 * sade reports usage errors by printing and calling `process.exit(1)`. Usage
 * errors here exit 2 and print as `error: …`, so exit is intercepted while
 * sade parses, and its message captured.
 */
function parseWithoutExit(program: Program, argv: string[], options: Record<string, unknown>) {
  const realExit = process.exit;
  const realError = console.error;
  let captured = "";
  console.error = (...parts: unknown[]) => void (captured += parts.map(String).join(" "));
  process.exit = ((code?: number) => {
    throw new UsageError(sadeMessage(captured) || `invalid arguments (exit ${code ?? 1})`, sadeHint(captured));
  }) as typeof process.exit;
  try {
    return program.parse(argv, options);
  } finally {
    process.exit = realExit;
    console.error = realError;
  }
}

function sadeMessage(text: string): string {
  return /ERROR\s+([^\n]+)/.exec(text)?.[1]?.trim() ?? "";
}
function sadeHint(text: string): string | undefined {
  const help = /Run `\$ ([^`]+)`/.exec(text)?.[1];
  return help ? `run: ${help}` : undefined;
}

/** Prints an error as `error: …` plus a hint; stacks only with --debug. */
export function printError(error: unknown, debug: boolean, write: (text: string) => void = (t) => void process.stderr.write(t)): number {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof CliError || error instanceof SenvarError ? error.hint : undefined;
  write(`${kleur.red("error:")} ${message}\n`);
  if (hint) write(`${kleur.dim("hint:")} ${hint}\n`);
  if (debug) {
    write(`${inspect(error, { depth: 6 })}\n`);
  } else if (!(error instanceof CliError) && !(error instanceof SenvarError)) {
    write(`${kleur.dim("hint:")} run again with --debug for details\n`);
  }
  return error instanceof CliError ? error.exitCode : EXIT.error;
}

/**
 * The CLI's one top-level handler: parses, runs the command, prints any error
 * and returns the exit code. Commands return or throw; they never exit.
 */
export async function main(program: Program, argv: string[]): Promise<number> {
  const args = argv.slice(2);
  const debug = args.includes("--debug");
  // The SDK's Node-version notice is about the runtime, not this command; show it only with --debug.
  if (!debug && process.env[SDK_NOTICE_SWITCH] === undefined) {
    process.env[SDK_NOTICE_SWITCH] = "true";
    CLI_OWN_ENV.add(SDK_NOTICE_SWITCH);
  }
  routeWarnings(debug);

  try {
    // The parser drops a bare "-"; keep it as a marker for "read stdin".
    const marked = [...argv.slice(0, 2), ...args.map((a) => (a === "-" ? STDIN_ARG : a))];
    const parsed = parseWithoutExit(program, marked, {
      lazy: true,
      boolean: BOOLEAN_FLAGS,
      string: STRING_FLAGS,
      unknown: (flag: string) => `Unknown option ${flag}`,
    });
    if (!parsed) return EXIT.ok; // --help or --version was printed
    const code = await parsed.handler(...parsed.args);
    // A command may return its exit code (exec passes its child's on).
    return typeof code === "number" ? code : EXIT.ok;
  } catch (error) {
    return printError(error, debug);
  }
}

/** Shows process warnings (e.g. SenvarWarning) as `warning: …` lines instead of Node's default format. */
function routeWarnings(debug: boolean): void {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (!debug && warning.name === "NodeVersionSupportWarning") return;
    process.stderr.write(`${kleur.yellow("warning:")} ${warning.message}\n`);
  });
}
