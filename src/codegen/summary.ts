import type { CodegenResult } from "./run.js";
import type { FileStatus } from "./write.js";

/** Beyond this many, quiet lines (unchanged, kept) and warnings are counted rather than listed. */
const LIST_LIMIT = 10;

/**
 * The one-screen summary `secrets codegen` prints: counts by kind, the files
 * written, created, removed, stale or kept, then errors and warnings. Plain text (the
 * CLI adds colour); it never contains a value, because the model has none.
 *
 * @example
 * ```ts
 * console.log(formatSummary(await runCodegen({ root: "." })));
 * // secrets codegen: 2 secrets, 2 parameters (14 files scanned, 1 parsed)
 * //   written    generated/secrets.ts
 * //   unchanged  generated/manifest.json
 * //   created    secrets/rotation/dbPassword.ts
 * //   kept       secrets/rotation/stripeSecretKey.ts
 * ```
 */
export function formatSummary(result: CodegenResult): string {
  const { counts, stats } = result;
  const lines = [
    `secrets codegen: ${plural(counts.secret, "secret")}, ${plural(counts.parameter, "parameter")} ` +
      `(${plural(stats.files, "file")} scanned, ${stats.parsed} parsed${stats.cached > 0 ? `, ${stats.cached} from cache` : ""})`,
  ];

  const loud = result.files.filter((f) => f.status === "written" || f.status === "created" || f.status === "removed" || f.status === "stale");
  const quiet = result.files.filter((f) => f.status === "unchanged" || f.status === "kept");
  for (const file of loud) lines.push(fileLine(file.status, file.path));
  if (quiet.length <= LIST_LIMIT) {
    for (const file of quiet) lines.push(fileLine(file.status, file.path));
  } else {
    const unchanged = quiet.filter((f) => f.status === "unchanged").length;
    const kept = quiet.length - unchanged;
    if (unchanged > 0) lines.push(`  ${plural(unchanged, "file")} unchanged`);
    if (kept > 0) lines.push(`  ${plural(kept, "rotation stub")} kept`);
  }

  const stale = result.files.filter((f) => f.status === "stale").length;
  if (result.errors.length > 0) {
    lines.push(`${plural(result.errors.length, "error")}; nothing was written:`);
    for (const error of result.errors) lines.push(`  ${error.message}`);
  } else if (stale > 0) {
    lines.push(`${plural(stale, "file")} out of date: run \`secrets codegen\` and commit the result`);
  } else if (result.files.length > 0 && loud.length === 0) {
    lines.push("everything is up to date");
  }
  if (result.warnings.length > 0) {
    lines.push(`${plural(result.warnings.length, "warning")}:`);
    for (const warning of result.warnings.slice(0, LIST_LIMIT)) lines.push(`  ${warning.message}`);
    if (result.warnings.length > LIST_LIMIT) lines.push(`  … and ${result.warnings.length - LIST_LIMIT} more`);
  }
  return lines.join("\n");
}

function fileLine(status: FileStatus, path: string): string {
  return `  ${status.padEnd(10)} ${path}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
