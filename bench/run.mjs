// `npm run bench`: bundles the TypeScript benchmarks with esbuild (Node 20
// cannot run TypeScript) and runs them against the built dist/.
import { build } from "esbuild";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// Inside the repo, so that the bundle's bare imports resolve from node_modules.
const outfile = join(root, "node_modules/.cache/senvar-bench/main.mjs");
await build({ entryPoints: [join(root, "bench/main.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "warning" });
process.env.SENVAR_BENCH_ROOT = root;
await import(pathToFileURL(outfile).href);
