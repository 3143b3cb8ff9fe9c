// Every way an error can end up as text: in a log line, a JSON log, a crash dump.
import { inspect } from "node:util";

/** The error's message, stack, `String()`, `util.inspect()` and JSON form, and the same for every `cause` down the chain. */
export function everyRendering(error: unknown): string[] {
  const texts: string[] = [String(error), inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error) ?? ""];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    if (current instanceof Error) {
      texts.push(current.message, current.stack ?? "", String(current), inspect(current, { depth: Infinity }), JSON.stringify(current) ?? "");
      for (const key of Object.keys(current)) texts.push(`${key}=${safeJson((current as unknown as Record<string, unknown>)[key])}`);
      current = (current as { cause?: unknown }).cause;
    } else {
      texts.push(String(current), safeJson(current));
      current = undefined;
    }
  }
  return texts;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
