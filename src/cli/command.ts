import { processUi, type Ui } from "./_ui.js";
import { resolveContext, type CommonFlags, type Context } from "./config.js";
import { UsageError } from "./errors.js";
import { STDIN_ARG } from "./input.js";
import { STRING_FLAGS } from "./run.js";

/** What every command receives besides its own arguments. */
export interface CommandEnv {
  ui: Ui;
  context: Context;
}

/** The backend's name as users know it. */
export function backendLabel(kind: "secret" | "parameter", encrypted = false): string {
  return kind === "secret" ? "Secrets Manager" : encrypted ? "SSM Parameter Store (SecureString)" : "SSM Parameter Store";
}

type Flags = CommonFlags & { _: string[] } & Record<string, unknown>;

/**
 * Wraps a lazily imported command: checks for stray arguments, restores a
 * literal "-" where the command does not read stdin, and builds its context.
 * With `passthrough`, everything after the first `--` is the command's own
 * argument list (`exec -- cmd args…`), taken from the raw argv so that it
 * reaches the child untouched; anything else left over is still an error.
 * A command may return a number: the exit code.
 */
export function command(load: () => Promise<(...args: never[]) => Promise<number | void>>, options: { stdinArg?: number; passthrough?: boolean } = {}) {
  return async (...args: unknown[]): Promise<number | void> => {
    const flags = args[args.length - 1] as Flags;
    // The parser turns a repeated flag into an array; one value each is the contract.
    const repeated = STRING_FLAGS.filter((name) => Array.isArray(flags[name]));
    if (repeated.length > 0) throw new UsageError(`${repeated.map((n) => `--${n}`).join(", ")} given more than once`, "pass each flag once");
    const dashes = process.argv.indexOf("--", 2);
    const passed = options.passthrough && dashes >= 0 ? process.argv.slice(dashes + 1) : [];
    const stray = flags._.slice(0, flags._.length - passed.length);
    if (stray.length > 0) throw new UsageError(`unexpected argument${stray.length > 1 ? "s" : ""}: ${stray.join(" ")}`, options.passthrough ? "put the command after --, as in: secrets exec -- node app.js" : "run the command with --help");
    const positional = args.slice(0, -1).map((arg, i) => (arg === STDIN_ARG && i !== options.stdinArg ? "-" : arg));
    const env: CommandEnv = { ui: processUi(), context: resolveContext(flags) };
    const run = await load();
    return (run as (...a: unknown[]) => Promise<number | void>)(...(options.passthrough ? [passed] : []), ...positional, flags, env);
  };
}

