// Makes sure dist/ is built from the current sources before the demo uses it,
// so that `npm ci && npm run demo` works on a fresh clone without a separate build.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the build reads: if any of it is newer than dist/, dist/ is stale. */
const BUILD_INPUTS = ["src", "templates", "package.json", "tsconfig.json", "tsconfig.build.json", "scripts/bundle-cli.mjs"];
/** What the demo runs: the library entry and the CLI bundle. */
const BUILD_OUTPUTS = ["dist/index.js", "dist/cli/bin.js"];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ needs a build, or undefined when it is up to date. */
export function staleReason(repo) {
  const outputs = BUILD_OUTPUTS.map((p) => join(repo, p));
  const missing = outputs.find((p) => !existsSync(p));
  if (missing) return `${missing.slice(repo.length + 1)} is missing`;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const changed = BUILD_INPUTS.find((p) => existsSync(join(repo, p)) && newestMtime(join(repo, p)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

/**
 * Builds when dist/ is missing or stale. With `allowBuild: false` (the tests,
 * whose other files run the same dist/ concurrently) a stale dist/ is an error
 * instead, because a build starts by deleting it.
 */
export function ensureBuilt(repo, { allowBuild, log }) {
  const reason = staleReason(repo);
  if (!reason) return;
  if (!allowBuild) throw new Error(`dist/ is stale (${reason}); run npm run build first`);
  log(`dist/ needs a build (${reason}):\n$ npm run build`);
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: repo, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}
