// The fenced code blocks of a Markdown file, with their info strings, and the
// text under a heading: enough of Markdown for the README tests.

/** A fenced block: ```lang attr attr=value. */
export interface CodeBlock {
  lang: string;
  /** The words after the language: `no-run` → { "no-run": true }, `exit=1` → { exit: "1" }. */
  attrs: Record<string, string | true>;
  code: string;
  /** 1-based line of the opening fence in the file. */
  line: number;
}

/** Every fenced block (``` fences at the start of a line), in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`README.md:${start + 1}: a code block is never closed`);
    const attrs: Record<string, string | true> = {};
    for (const word of open[2]!.split(/\s+/).filter(Boolean)) {
      const eq = word.indexOf("=");
      attrs[eq === -1 ? word : word.slice(0, eq)] = eq === -1 ? true : word.slice(eq + 1);
    }
    blocks.push({ lang: open[1]!, attrs, code: body.join("\n"), line: start + 1 });
  }
  return blocks;
}

/**
 * The text from a heading (matched by `title`, at any level) up to the next
 * heading of the same or a higher level. Empty when there is no such heading.
 */
export function section(markdown: string, title: RegExp): string {
  const lines = markdown.split("\n");
  let inFence = false;
  let level = 0;
  const out: string[] = [];
  for (const line of lines) {
    if (/^```/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      const depth = heading[1]!.length;
      if (level > 0 && depth <= level) break;
      if (level === 0 && title.test(heading[2]!)) {
        level = depth;
        continue;
      }
    }
    if (level > 0) out.push(line);
  }
  return out.join("\n");
}
