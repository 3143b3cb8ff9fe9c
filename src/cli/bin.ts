#!/usr/bin/env node
// Placeholder entry; the CLI issue wires the commands here.
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const args = process.argv.slice(2);
if (args.includes("--version") || args.includes("-v")) {
  process.stdout.write(`${pkg.version}\n`);
} else {
  process.stdout.write("secrets: commands arrive with the CLI; try --version\n");
}
