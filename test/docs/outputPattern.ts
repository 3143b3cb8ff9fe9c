// Compares a command's output with the output a README shows for it. In the
// README, `…` stands for any text within a line (a version id, a date), and a
// line holding only `…` for any number of lines.

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regular expression for the shown output: a run of whole lines, anywhere in the real output. */
export function outputPattern(shown: string): RegExp {
  const lines = shown.trimEnd().split("\n").map((line) => line.trimEnd());
  const body = lines.map((line) => (line.trim() === "…" ? "(?:[^\\n]*\\n)*?" : `${escape(line).replace(/…/g, "[^\\n]*?")}\\n`)).join("");
  return new RegExp(`(?:^|\\n)${body}`);
}

/** True when `actual` (trailing spaces of each line ignored) contains the shown output. */
export function showsOutput(actual: string, shown: string): boolean {
  const normalized = `${actual.split("\n").map((line) => line.trimEnd()).join("\n").trimEnd()}\n`;
  return outputPattern(shown).test(normalized);
}
