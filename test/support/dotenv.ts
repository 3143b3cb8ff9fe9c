// A reference parser for the dotenv dialect `secrets export` writes, to read
// its output back: NAME='literal' or NAME="text" (\n and \r expanded, as dotenv
// does), possibly spanning lines; `#` comment lines; unquoted values to the end
// of the line. Written from dotenv's documented rules, not from our formatter.

/** Parses dotenv text into its variables. */
export function parseDotenv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const source = text.replace(/\r\n?/g, "\n");
  let at = 0;
  while (at < source.length) {
    const line = /^[ \t]*(?:export[ \t]+)?([\w.-]+)[ \t]*=[ \t]*/.exec(source.slice(at));
    if (!line) {
      // A comment or a blank line: skip to the next line.
      const next = source.indexOf("\n", at);
      at = next === -1 ? source.length : next + 1;
      continue;
    }
    at += line[0].length;
    const quote = source[at];
    let value: string;
    if (quote === "'" || quote === '"') {
      const end = source.indexOf(quote, at + 1);
      if (end === -1) throw new Error(`unterminated ${quote} value for ${line[1]}`);
      value = source.slice(at + 1, end);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
      at = end + 1;
      const rest = /^[ \t]*(#[^\n]*)?(\n|$)/.exec(source.slice(at));
      if (!rest) throw new Error(`unexpected text after the value of ${line[1]}`);
      at += rest[0].length;
    } else {
      const next = source.indexOf("\n", at);
      const end = next === -1 ? source.length : next;
      value = source.slice(at, end).replace(/\s+#.*$/, "").trim();
      at = end + 1;
    }
    result[line[1]!] = value;
  }
  return result;
}
