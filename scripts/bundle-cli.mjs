// Bundles the CLI into dist/cli/ with esbuild, after tsc has built dist/.
// Why: resolving and parsing the AWS SDK's few hundred modules one by one is
// most of a command's start-up time; one bundle (plus lazily loaded chunks for
// the commands that need them) starts about twice as fast. The library entry
// (dist/index.js) stays unbundled tsc output, for users' own bundlers.
import { build } from "esbuild";
import { chmodSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist/cli`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${root}src/cli/bin.ts`],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The SDK's ES builds, so that dynamic imports keep their named exports.
  mainFields: ["module", "main"],
  // Heavy or self-loading packages stay in node_modules and load only in the commands that need them.
  external: ["ts-morph", "handlebars", "jiti", "prompts", "@pulumi/*", "typescript"],
  banner: { js: "import { createRequire as __senvarCreateRequire } from \"node:module\"; const require = __senvarCreateRequire(import.meta.url);" },
  chunkNames: "[name]-[hash]",
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
});
chmodSync(`${outdir}/bin.js`, 0o755);
