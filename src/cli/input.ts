import { CliError } from "./errors.js";
import type { Ui } from "./_ui.js";

/** Stands in for a literal `-` argument, which the argument parser would otherwise drop. */
export const STDIN_ARG = "\u0000senvar-stdin\u0000";

/**
 * Reads all of stdin, byte-exact: no trimming, the last line kept with or
 * without its newline. Invalid UTF-8 is refused rather than mangled.
 */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Buffer));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new CliError("stdin is not valid UTF-8", "secrets hold text; base64-encode binary values first");
  }
}

/**
 * Where a value comes from: the argument, `-` for stdin, or when omitted a
 * hidden prompt on a terminal and stdin otherwise.
 */
export async function readValue(argument: string | undefined, ui: Ui, promptText: string): Promise<string> {
  if (argument !== undefined && argument !== STDIN_ARG) return argument;
  if (argument === undefined && ui.interactive) {
    const typed = await ui.askHidden(promptText);
    if (typed.length === 0) throw new CliError("no value entered; nothing was written");
    return typed;
  }
  if (argument === undefined && process.stdin.isTTY) {
    throw new CliError("no value given and no terminal to ask on", "pass the value as an argument, or pipe it on stdin with -");
  }
  return readStdin();
}
