import { listVariables, type ListedVariable } from "../../index.js";
import { paint } from "../_ui.js";
import type { CommandEnv } from "../command.js";
import { awsOptionsOf, type CommonFlags } from "../config.js";

/** Flags of `secrets list`. */
export interface ListFlags extends CommonFlags {
  json?: boolean;
}

/**
 * `secrets list [prefix]`: both backends, merged and sorted; never a value.
 * Without a prefix it lists the resolved app and stage (`app-stage-`), or
 * everything when those are unknown.
 */
export async function list(prefix: string | undefined, flags: ListFlags, { ui, context }: CommandEnv): Promise<void> {
  const effective = prefix ?? (context.app !== undefined && context.stage !== undefined ? `${context.app}-${context.stage}-` : "");
  const variables = await listVariables({ ...awsOptionsOf(context), prefix: effective });
  if (flags.json) {
    ui.out(`${JSON.stringify(variables.map(toJson), null, 2)}\n`);
    return;
  }
  if (variables.length === 0) {
    ui.out(`no variables${effective ? ` starting with ${effective}` : ""}\n`);
    return;
  }
  ui.out(table(["NAME", "TYPE", "LAST CHANGED", "TAGS"], variables.map(toRow)));
}

function toJson(v: ListedVariable) {
  return { name: v.fullName, type: v.type, lastChanged: v.lastChanged?.toISOString() ?? null, tags: v.tags };
}

function toRow(v: ListedVariable): string[] {
  const tags = Object.entries(v.tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, val]) => `${k}=${val}`)
    .join(",");
  return [v.fullName, v.type, v.lastChanged ? v.lastChanged.toISOString().replace(/\.\d{3}Z$/, "Z") : "-", tags || "-"];
}

/** Left-aligned columns; the header dimmed when colour is on. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return [paint.dim(line(header)), ...rows.map(line)].join("\n") + "\n";
}
