// Runs the end-to-end subset (test/e2e) under Bun, against a moto started here.
// Prints "bun: N passed, N failed" and exits non-zero on any failure.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { motoEnv, startMoto } from "../support/moto.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bun = `${root}node_modules/.bin/bun`;
if (!existsSync(bun)) {
  console.error("bun is not installed: run npm ci (the bun package is a devDependency)");
  process.exit(1);
}
const moto = await startMoto();
let code = 1;
try {
  const child = spawn(bun, ["test", "--timeout", "30000", "test/e2e"], {
    cwd: root,
    env: { ...process.env, ...motoEnv(moto.url) },
    stdio: ["ignore", "inherit", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
    process.stderr.write(chunk);
  });
  code = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  const passed = Number(/(\d+) pass/.exec(output)?.[1] ?? 0);
  const failed = Number(/(\d+) fail/.exec(output)?.[1] ?? 0);
  console.log(`bun: ${passed} passed, ${failed} failed`);
  if (passed === 0) code = 1;
} finally {
  await moto.stop();
}
process.exit(code);
