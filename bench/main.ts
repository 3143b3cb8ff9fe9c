// Prints the benchmark table; `--only runtime` or `--only codegen` runs one part.
import { runtimeBenchmarks } from "./runtime.js";
import { markdownTable, type Row } from "./table.js";

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const rows: Row[] = [];
if (!only || only === "runtime") rows.push(...(await runtimeBenchmarks()));
console.log(`\nmachine: ${(await import("node:os")).cpus().length} cores, ${Math.round((await import("node:os")).totalmem() / 2 ** 30)} GiB, node ${process.version}\n`);
console.log(markdownTable(rows));
const missed = rows.filter((r) => !r.pass);
if (missed.length) console.log(`\n${missed.length} target(s) missed: ${missed.map((r) => r.measure).join("; ")}`);
