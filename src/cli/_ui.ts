import kleur from "kleur";
import { CancelledError, CliError } from "./errors.js";

/**
 * Terminal I/O for the CLI: colour, TTY detection, hidden prompts and
 * confirmations. Prompts go to stderr so that stdout stays clean for pipes,
 * and they are only ever shown on a TTY.
 */
export interface Ui {
  /** Both stdin and stderr are terminals, so a prompt can be answered. */
  readonly interactive: boolean;
  /** stdout is a terminal (decides the trailing newline of `get`). */
  readonly stdoutIsTty: boolean;
  /** stderr is a terminal: someone is watching, so warnings matter. */
  readonly stderrIsTty: boolean;
  out(text: string): void;
  err(text: string): void;
  warn(text: string): void;
  /** Asks for a value without echoing it. */
  askHidden(message: string): Promise<string>;
  /** Asks yes/no; the default is no. */
  confirm(message: string): Promise<boolean>;
}

/** The UI bound to this process's streams. */
export function processUi(): Ui {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  // kleur already honours NO_COLOR / FORCE_COLOR; colour also needs a terminal.
  if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) kleur.enabled = false;
  return {
    interactive,
    stdoutIsTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    warn: (text) => void process.stderr.write(`${kleur.yellow("warning:")} ${text}\n`),
    askHidden: (message) => ask(interactive, { type: "invisible", message }),
    confirm: async (message) => (await ask(interactive, { type: "confirm", message, initial: false })) === true,
  };
}

async function ask<T>(interactive: boolean, question: { type: "invisible" | "confirm"; message: string; initial?: boolean }): Promise<T> {
  if (!interactive) throw new CliError("cannot prompt: stdin is not a terminal", "pass the value as an argument or on stdin, and --force / --yes where a confirmation is needed");
  const { default: prompts } = await import("prompts");
  let cancelled = false;
  const answer = await prompts(
    { ...question, name: "value", stdout: process.stderr } as never,
    { onCancel: () => ((cancelled = true), false) },
  );
  if (cancelled || !("value" in answer)) throw new CancelledError();
  return answer.value as T;
}

/** Colours used by the commands; they turn into plain text when colour is off. */
export const paint = {
  name: (text: string) => kleur.bold(text),
  dim: (text: string) => kleur.dim(text),
  ok: (text: string) => kleur.green(text),
  bad: (text: string) => kleur.red(text),
  warn: (text: string) => kleur.yellow(text),
};
