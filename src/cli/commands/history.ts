import type { ParameterHistoryEntry, SecretHistoryEntry } from "../../index.js";
import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { resolveTarget, type BackendFlags } from "../target.js";
import { table } from "./list.js";

/**
 * Flags of `secrets history`.
 * @example
 * ```ts
 * const flags: HistoryFlags = { json: true };
 * ```
 */
export interface HistoryFlags extends CommonFlags, BackendFlags {
  json?: boolean;
}

/**
 * `secrets history <name>`: every stored version, newest first, with dates
 * and staging labels (Secrets Manager, ListSecretVersionIds) or version
 * numbers and labels (SSM, GetParameterHistory). Never a value.
 * @example
 * ```ts
 * await history("dbPassword", { json: true }, { ui: processUi(), context });
 * ```
 */
export async function history(name: string, flags: HistoryFlags, { ui, context }: CommandEnv): Promise<void> {
  const target = await resolveTarget(name, context, flags, "read", await declarationFor(name, context));
  const variable = target.variable;
  const versions = await variable.history();
  if (flags.json) {
    ui.out(`${JSON.stringify({ name: target.fullName, backend: variable.backend, versions: versions.map(toJson) }, null, 2)}\n`);
    return;
  }
  if (versions.length === 0) {
    ui.out(`${target.fullName} has no versions yet (a placeholder); set one with: secrets set ${target.fullName}\n`);
    return;
  }
  if (variable.kind === "secret") {
    const rows = (versions as SecretHistoryEntry[]).map((v) => [v.versionId, date(v.created), v.stages.join(",") || "(deprecated)"]);
    ui.out(table(["VERSION", "CREATED", "STAGES"], rows));
  } else {
    const rows = (versions as ParameterHistoryEntry[]).map((v) => [`${v.version}${v.current ? " (current)" : ""}`, date(v.lastModified), v.type, v.lastModifiedUser ?? "-", v.labels.join(",") || "-"]);
    ui.out(table(["VERSION", "MODIFIED", "TYPE", "BY", "LABELS"], rows));
  }
}

function date(value: Date | undefined): string {
  return value ? value.toISOString().replace(/\.\d{3}Z$/, "Z") : "-";
}

function toJson(v: SecretHistoryEntry | ParameterHistoryEntry) {
  if (v.kind === "secret") return { versionId: v.versionId, stages: v.stages, current: v.current, created: v.created?.toISOString() ?? null, lastAccessed: v.lastAccessed?.toISOString() ?? null };
  return { version: v.version, current: v.current, type: v.type, tier: v.tier ?? null, labels: v.labels, lastModified: v.lastModified?.toISOString() ?? null, lastModifiedUser: v.lastModifiedUser ?? null };
}
