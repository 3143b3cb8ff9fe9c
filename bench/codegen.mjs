#!/usr/bin/env node
// Codegen benchmark (issue 7): synthetic apps of 1,000 / 2,000 / 4,000 files,
// one in five declaring variables, the rest ordinary TypeScript. For each size
// it times, as whole processes, side by side and interleaved (the machine is
// noisy and shared):
//   cold  codegen with no scan cache (the cache directory is deleted first);
//   warm  codegen again with nothing changed (the prebuild case);
//   tsc   `tsc --noEmit` on the same app.
// Every round measures every size, interleaved. It runs the built package
// (dist/), so run `npm run build` first.
//
//   node bench/codegen.mjs [--runs 5] [--sizes 1000,2000,4000] [--keep]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
};
const runs = Number(option("runs", "5"));
const sizes = option("sizes", "1000,2000,4000").split(",").map(Number);
const keep = args.includes("--keep");
const codegenEntry = join(repo, "dist/codegen/index.js");
const tscBin = join(repo, "node_modules/typescript/bin/tsc");
if (!existsSync(codegenEntry)) {
  console.error("bench/codegen.mjs runs the build: run `npm run build` first");
  process.exit(1);
}

const workspace = join(repo, ".senvar-tmp", "bench-codegen");

// --- the synthetic app -------------------------------------------------------

/** Writes an app of `count` files: src/module-NN/file-MMMM.ts, 50 per folder; every fifth declares variables. */
function generateApp(count) {
  const root = join(workspace, `app-${count}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: `bench-app-${count}`, private: true, type: "module" }, null, 2));
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(repo, "node_modules/@types")],
        },
        include: ["src", "generated", "secrets"],
      },
      null,
      2,
    ),
  );
  // The app depends on @senvar/secrets like any user: through its node_modules (a link to this repo's build).
  mkdirSync(join(root, "node_modules/@senvar"), { recursive: true });
  symlinkSync(repo, join(root, "node_modules/@senvar/secrets"), "dir");
  for (let i = 0; i < count; i++) {
    const folder = `module-${String(Math.floor(i / 50)).padStart(2, "0")}`;
    const path = join(root, "src", folder, `file-${String(i).padStart(4, "0")}.ts`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, i % 5 === 0 ? declaringFile(i) : ordinaryFile(i));
  }
  return root;
}

function relativeImport(i) {
  // Import a neighbour earlier in the app, as real modules do (never a cycle).
  if (i % 5 === 1 || i < 2) return "";
  const target = i - 1 - (i % 7 === 0 ? 1 : 0);
  if (target % 5 === 0) return "";
  const folder = `module-${String(Math.floor(target / 50)).padStart(2, "0")}`;
  return `import { summarise${target}, type Record${target} } from "../${folder}/file-${String(target).padStart(4, "0")}.js";\n`;
}

function ordinaryFile(i) {
  const neighbour = relativeImport(i);
  const uses = neighbour ? `\n  const upstream: Record${i - 1 - (i % 7 === 0 ? 1 : 0)}[] = [];\n  void summarise${i - 1 - (i % 7 === 0 ? 1 : 0)}(upstream);` : "";
  return `${neighbour}// Domain module ${i}: records, a repository and a service over them.
export interface Record${i} {
  id: string;
  createdAt: Date;
  status: "draft" | "active" | "archived";
  amountCents: number;
  tags: readonly string[];
  owner?: { id: string; email: string };
}

export type RecordPatch${i} = Partial<Omit<Record${i}, "id" | "createdAt">>;

export function summarise${i}(records: readonly Record${i}[]): { count: number; totalCents: number; byStatus: Record<Record${i}["status"], number> } {
  const byStatus: Record<Record${i}["status"], number> = { draft: 0, active: 0, archived: 0 };
  let totalCents = 0;
  for (const record of records) {
    byStatus[record.status] += 1;
    totalCents += record.amountCents;
  }
  return { count: records.length, totalCents, byStatus };
}

export class Repository${i}<T extends { id: string } = Record${i}> {
  readonly #items = new Map<string, T>();

  put(item: T): void {
    this.#items.set(item.id, item);
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  find(predicate: (item: T) => boolean): T[] {
    return [...this.#items.values()].filter(predicate);
  }
}

export class Service${i} {
  constructor(private readonly repository = new Repository${i}()) {}

  async update(id: string, patch: RecordPatch${i}): Promise<Record${i}> {
    const current = this.repository.get(id);
    if (!current) throw new Error(\`record \${id} not found\`);
    const next: Record${i} = { ...current, ...patch, tags: patch.tags ?? current.tags };
    this.repository.put(next);${uses}
    return next;
  }

  active(): Record${i}[] {
    return this.repository.find((r) => r.status === "active");
  }
}
`;
}

function declaringFile(i) {
  return `// Configuration of module ${i}.
import { Parameter, Secret, defineParameter } from "@senvar/secrets";

export const apiKey${i} = new Secret("apiKey${i}");
export const endpoint${i} = new Parameter("endpoint${i}", { encrypted: ${i % 2 === 0} });
export const limit${i} = defineParameter("limit${i}", { tier: "Standard" });

export interface Settings${i} {
  apiKey: string;
  endpoint: string;
  limit: number;
}

export function parseLimit${i}(raw: string): number {
  const parsed = Number.parseInt(raw, 10);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(\`limit${i} must be a positive integer, not \${raw}\`);
  return parsed;
}
`;
}

// --- measuring -----------------------------------------------------------------

const codegenScript = `
const { runCodegen } = await import(${JSON.stringify(codegenEntry)});
const result = await runCodegen({ root: process.argv[1] });
if (result.errors.length > 0) { console.error(result.errors.map((e) => e.message).join("\\n")); process.exit(1); }
process.stdout.write(JSON.stringify({ stats: result.stats, variables: result.model.variables.length, maxRssKb: process.resourceUsage().maxRSS }));
`;

function timeProcess(command, commandArgs, cwd) {
  const start = process.hrtime.bigint();
  const child = spawnSync(command, commandArgs, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed (${child.status}):\n${child.stdout}\n${child.stderr}`);
  return { ms, stdout: child.stdout };
}

function codegen(root, { cold }) {
  if (cold) rmSync(join(root, "node_modules/.cache/senvar"), { recursive: true, force: true });
  const { ms, stdout } = timeProcess(process.execPath, ["--input-type=module", "-e", codegenScript, root], root);
  return { ms, ...JSON.parse(stdout) };
}

/** One warm run under test/support/loadTrace.mjs: does it load ts-morph (or handlebars)? */
function warmLoads(root) {
  const trace = join(workspace, "trace.txt");
  writeFileSync(trace, "");
  const child = spawnSync(process.execPath, ["--import", join(repo, "test/support/loadTrace.mjs"), "--input-type=module", "-e", codegenScript, root], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SENVAR_LOAD_TRACE: trace },
  });
  if (child.status !== 0) throw new Error(child.stderr);
  const modules = readFileSync(trace, "utf8");
  return { tsMorph: /\/@?ts-morph\//.test(modules), handlebars: /\/handlebars\//.test(modules) };
}

function tsc(root) {
  return timeProcess(process.execPath, [tscBin, "-p", join(root, "tsconfig.json"), "--noEmit"], root);
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
};

// --- the run ---------------------------------------------------------------------

// Every round measures every size (cold, warm, tsc), so a swing in the machine's
// load lands on all sizes alike instead of skewing the scaling ratios.
const apps = sizes.map((size) => {
  process.stderr.write(`generating ${size} files… `);
  const root = generateApp(size);
  // A first run writes the registry and stubs, so every timed run sees the same app (and tsc checks the registry too).
  const first = codegen(root, { cold: true });
  process.stderr.write(`${first.variables} variables\n`);
  return { size, root, variables: first.variables, candidates: first.stats.candidates, cold: [], warm: [], tsc: [], rss: { cold: 0, warm: 0 } };
});
for (let run = 0; run < runs; run++) {
  process.stderr.write(`round ${run + 1}/${runs}:`);
  for (const app of apps) {
    const c = codegen(app.root, { cold: true });
    app.cold.push(c.ms);
    app.rss.cold = Math.max(app.rss.cold, c.maxRssKb);
    const w = codegen(app.root, { cold: false });
    if (w.stats.parsed !== 0) throw new Error(`a warm run parsed ${w.stats.parsed} files; the cache is not working`);
    app.warm.push(w.ms);
    app.rss.warm = Math.max(app.rss.warm, w.maxRssKb);
    app.tsc.push(tsc(app.root).ms);
    process.stderr.write(` ${app.size}`);
  }
  process.stderr.write("\n");
}
const results = apps.map((app) => ({
  size: app.size,
  variables: app.variables,
  candidates: app.candidates,
  cold: stats(app.cold),
  warm: stats(app.warm),
  tsc: stats(app.tsc),
  rss: app.rss,
  loads: warmLoads(app.root),
}));
if (!keep) for (const app of apps) rmSync(app.root, { recursive: true, force: true });

// --- the table -------------------------------------------------------------------

const f = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const triple = (s) => `${f(s.min)} / ${f(s.median)} / ${f(s.max)}`;
const verdict = (ok) => (ok ? "ok" : "MISSED");
console.log(`\nCodegen benchmark: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GB, ${runs} runs each (min / median / max, whole processes)\n`);
console.log("| files | with variables | variables | codegen cold | codegen warm | tsc --noEmit | cold ÷ tsc | warm ÷ tsc | peak RSS cold / warm |");
console.log("|---:|---:|---:|---|---|---|---:|---:|---:|");
for (const r of results) {
  const coldRatio = r.cold.median / r.tsc.median;
  const warmRatio = r.warm.median / r.tsc.median;
  console.log(
    `| ${r.size} | ${r.candidates} | ${r.variables} | ${triple(r.cold)} | ${triple(r.warm)} | ${triple(r.tsc)} | ${coldRatio.toFixed(3)} | ${warmRatio.toFixed(3)} | ${Math.round(r.rss.cold / 1024)} / ${Math.round(r.rss.warm / 1024)} MB |`,
  );
}
console.log("\n| target | measured | verdict |");
console.log("|---|---:|---|");
const bySize = new Map(results.map((r) => [r.size, r]));
for (let i = 1; i < results.length; i++) {
  const [a, b] = [results[i - 1], results[i]];
  if (b.size !== 2 * a.size) continue;
  const cold = b.cold.median / a.cold.median;
  const warm = b.warm.median / a.warm.median;
  console.log(`| cold ${b.size} ÷ cold ${a.size} ≤ 2.3 | ${cold.toFixed(2)} | ${verdict(cold <= 2.3)} |`);
  console.log(`| warm ${b.size} ÷ warm ${a.size} ≤ 2.3 | ${warm.toFixed(2)} | ${verdict(warm <= 2.3)} |`);
}
const twoThousand = bySize.get(2000);
if (twoThousand) {
  const ratio = twoThousand.cold.median / twoThousand.tsc.median;
  console.log(`| cold 2000 ≤ 0.3 × tsc | ${ratio.toFixed(3)} | ${verdict(ratio <= 0.3)} |`);
}
for (const r of results) {
  const ratio = r.warm.median / r.tsc.median;
  console.log(`| warm ${r.size} ≤ 0.05 × tsc | ${ratio.toFixed(3)} | ${verdict(ratio <= 0.05)} |`);
}
const largest = results.at(-1);
if (largest) console.log(`| peak RSS, ${largest.size} files | cold ${Math.round(largest.rss.cold / 1024)} MB, warm ${Math.round(largest.rss.warm / 1024)} MB | reported |`);
for (const r of results) {
  console.log(`| warm ${r.size} loads no ts-morph (module-load trace) | ${r.loads.tsMorph ? "loads ts-morph" : "no ts-morph"}${r.loads.handlebars ? ", loads handlebars" : ""} | ${verdict(!r.loads.tsMorph)} |`);
}
