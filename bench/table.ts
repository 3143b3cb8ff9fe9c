// Statistics and the table every benchmark prints.

export interface Stats {
  min: number;
  median: number;
  max: number;
  runs: number;
}

/** One line of the benchmark table. */
export interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio?: number;
  target: string;
  pass: boolean;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

export function formatStats(s: Stats, unit = "ms"): string {
  return `${s.median.toFixed(0)} ${unit} (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}, n=${s.runs})`;
}

/** A Markdown table, so the same text goes to the terminal and to BENCHMARKS.md. */
export function markdownTable(rows: Row[]): string {
  const header = "| Measure | Ours | Baseline | Ratio | Target | Met |\n|---|---|---|---|---|---|";
  const lines = rows.map((r) => `| ${r.measure} | ${r.ours} | ${r.baseline} | ${r.ratio === undefined ? "-" : `${r.ratio.toFixed(3)}×`} | ${r.target} | ${r.pass ? "yes" : "**no**"} |`);
  return [header, ...lines].join("\n");
}
