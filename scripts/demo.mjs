#!/usr/bin/env node
// `npm run demo`: the whole product, end to end, through the real `secrets`
// CLI, against a moto_server started here on loopback. It works in a copy of
// examples/billing (the repository is never modified) and removes the copy
// and stops moto when it ends, fails or is interrupted.
//
//   npm run demo                                      the CLI under Node
//   npm run demo -- --bun                             the CLI under Bun (node_modules/.bin/bun)
//   SENVAR_DEMO_REAL_AWS=yes npm run demo -- --real-aws   a real AWS account instead of moto
//   --no-build                                        fail instead of building a stale dist/ (the tests)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./demo/build.mjs";
import { deleteDemoVariables, walkthrough } from "./demo/flow.mjs";
import { createRunner, StepFailed } from "./demo/steps.mjs";
import { DemoRefusal, openTarget } from "./demo/target.mjs";

const repo = fileURLToPath(new URL("..", import.meta.url));
const FLAGS = ["--bun", "--real-aws", "--no-build", "--help"];
const args = process.argv.slice(2);
const unknown = args.filter((arg) => !FLAGS.includes(arg));
if (args.includes("--help") || unknown.length > 0) {
  const usage = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(1, 11).map((line) => line.replace(/^\/\/ ?/, "")).join("\n");
  (unknown.length > 0 ? process.stderr : process.stdout).write(`${unknown.length > 0 ? `unknown option ${unknown[0]}\n\n` : ""}${usage}\n`);
  process.exit(unknown.length > 0 ? 2 : 0);
}
const useBun = args.includes("--bun");
const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;

const scratch = mkdtempSync(join(tmpdir(), "senvar-demo-"));
let target;
let runner;
let cleanedUp = false;

/** Stops the running command and moto, and removes the scratch folder. Synchronous, so that it also runs on a signal or on exit. */
function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  runner?.current?.kill("SIGTERM");
  target?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    cleanUp();
    process.stderr.write(`\ndemo interrupted (${signal}): moto stopped, ${scratch} removed\n`);
    process.exit(130);
  });
}
process.on("exit", cleanUp);

/** The CLI as a user would start it: the built bin, under Node or Bun. */
function cliCommand() {
  const bin = join(repo, "dist/cli/bin.js");
  if (!useBun) return [process.execPath, bin];
  const bun = join(repo, "node_modules/.bin/bun");
  if (!existsSync(bun)) throw new DemoRefusal("--bun needs node_modules/.bin/bun: run npm ci (bun is a devDependency)");
  return [bun, bin];
}

function runtimeLabel(cli) {
  if (!useBun) return `Node ${process.version}`;
  const version = spawnSync(cli[0], ["--version"], { encoding: "utf8" }).stdout?.trim();
  return `Bun ${version ?? ""}`.trim();
}

/** Copies examples/billing, and gives the copy its own config: app billing, the demo's stage, the registry inside the copy. */
function copyExample(stage) {
  const project = join(scratch, "billing");
  cpSync(join(repo, "examples/billing"), project, { recursive: true, filter: (path) => !path.split(sep).includes("node_modules") });
  // In the repository the registry goes to ../../generated; in the copy it stays inside.
  writeFileSync(join(project, "senvar.config.json"), `${JSON.stringify({ app: "billing", stage, outDir: "generated" }, null, 2)}\n`);
  const handler = join(project, "src/handler.ts");
  writeFileSync(handler, readFileSync(handler, "utf8").replace("../../../generated/secrets.js", "../generated/secrets.js"));
  return project;
}

let finished = false;
try {
  const cli = cliCommand();
  ensureBuilt(repo, { allowBuild: !args.includes("--no-build"), log: (text) => console.log(text) });
  target = await openTarget({ realAws: args.includes("--real-aws"), scratch });
  const project = copyExample(target.stage);
  console.log(`Senvar Secrets demo: the secrets CLI under ${runtimeLabel(cli)}, against ${target.describe}`);
  console.log(`Working in a copy of examples/billing at ${project} (app billing, stage ${target.stage}); it is removed at the end.`);

  runner = createRunner({ cli, cwd: project, env: { ...target.env, ...(color ? { FORCE_COLOR: "1" } : {}) }, color });
  // The values typed in: only `secrets get` ever prints one.
  const canary = process.env.SENVAR_DEMO_CANARY ?? `demo-${randomBytes(9).toString("hex")}`;
  await walkthrough(runner, { project, values: { first: `${canary}-first`, manual: `${canary}-manual` } });
  finished = true;
} catch (error) {
  if (error instanceof DemoRefusal) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (error instanceof StepFailed) {
    process.stderr.write(`\ndemo failed: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  if (!finished && target?.kind === "real-aws" && runner) await deleteDemoVariables(runner);
  cleanUp();
}
if (finished) console.log(`\ndemo finished: every step exited as expected; ${target.kind === "moto" ? "moto stopped and " : ""}${scratch} removed.`);
