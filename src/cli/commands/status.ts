import { checkStatus, type DeclaredStatus, type ListedVariable, type StatusReport } from "../../index.js";
import { paint } from "../_ui.js";
import type { CommandEnv } from "../command.js";
import { awsOptionsOf, type CommonFlags } from "../config.js";
import { CliError } from "../errors.js";
import { selectDeclared } from "../selection.js";
import { table } from "./list.js";

/**
 * Flags of `secrets status`.
 * @example
 * ```ts
 * const flags: StatusFlags = { app: "billing", stage: "prod", json: true };
 * ```
 */
export interface StatusFlags extends CommonFlags {
  json?: boolean;
}

/**
 * `secrets status`: the declarations in the codegen manifest set against what
 * is stored for the resolved app and stage: missing, not set (placeholder),
 * scheduled for deletion, in the wrong backend, and stored but undeclared.
 * Metadata calls only, plus a read of version-1 parameters to spot the SSM
 * placeholder. Exits 1 when any declared variable is not ready: a deploy gate.
 * @example
 * ```ts
 * await status({ json: true }, { ui: processUi(), context: resolveContext({ app: "billing", stage: "prod" }) });
 * ```
 */
export async function status(flags: StatusFlags, { ui, context }: CommandEnv): Promise<void> {
  const selected = await selectDeclared(context, undefined);
  const prefix = context.app !== undefined && context.stage !== undefined ? `${context.app}-${context.stage}-` : undefined;
  const report = await checkStatus(
    selected.map((s) => s.variable),
    { ...awsOptionsOf(context), prefix },
  );

  if (flags.json) ui.out(`${JSON.stringify(toJson(report, context.app, context.stage), null, 2)}\n`);
  else ui.out(render(report));

  const failing = report.declared.filter((d) => d.state !== "ok");
  if (failing.length > 0) {
    const counts = countStates(failing);
    throw new CliError(
      `${failing.length} of ${report.declared.length} declared variable${report.declared.length === 1 ? " is" : "s are"} not ready (${counts})`,
      failing.some((d) => d.state === "missing" || d.state === "not set") ? "set them with: secrets set <name> (add --secret for secrets)" : "see the table above",
    );
  }
}

function countStates(rows: readonly DeclaredStatus[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  return [...counts.entries()].map(([state, n]) => `${n} ${state}`).join(", ");
}

const DECLARED_TYPE = (d: DeclaredStatus) => (d.kind === "secret" ? "secret" : d.encrypted ? "secure parameter" : "parameter");

function render(report: StatusReport): string {
  // Plain cells: colour codes would throw the column widths off.
  const rows = [
    ...report.declared.map((d) => [d.fullName, DECLARED_TYPE(d), d.stored?.type ?? "-", d.state, d.notes.join("; ") || "-"]),
    ...report.undeclared.map((u) => [u.fullName, "-", u.type, "undeclared", undeclaredNote(u)]),
  ];
  const ok = report.declared.filter((d) => d.state === "ok").length;
  const summary = [
    `${report.declared.length} declared: ${ok} ok${report.declared.length > ok ? `, ${countStates(report.declared.filter((d) => d.state !== "ok"))}` : ""}`,
    report.prefix === undefined ? "undeclared not checked (no app and stage)" : `${report.undeclared.length} undeclared under ${report.prefix}`,
  ].join("; ");
  const line = report.ready ? paint.ok(summary) : paint.bad(summary);
  return `${rows.length > 0 ? table(["NAME", "DECLARED", "STORED", "STATE", "NOTE"], rows) : ""}${line}\n`;
}

function undeclaredNote(u: ListedVariable): string {
  if (u.deletedDate) return "scheduled for deletion";
  return u.kind === "secret" && !u.hasValue ? "stored, not declared (no value)" : "stored, not declared";
}

function toJson(report: StatusReport, app: string | undefined, stage: string | undefined) {
  return {
    app: app ?? null,
    stage: stage ?? null,
    prefix: report.prefix ?? null,
    ready: report.ready,
    declared: report.declared.map((d) => ({
      name: d.fullName,
      type: DECLARED_TYPE(d),
      state: d.state,
      stored: d.stored ? { type: d.stored.type, version: d.stored.version ?? null, lastChanged: d.stored.lastChanged?.toISOString() ?? null } : null,
      notes: d.notes,
    })),
    undeclared: report.undeclared.map((u) => ({ name: u.fullName, type: u.type, lastChanged: u.lastChanged?.toISOString() ?? null, scheduledForDeletion: u.deletedDate !== undefined })),
  };
}
