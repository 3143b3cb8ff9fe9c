// Preload with `node --import ./test/support/loadTrace.mjs`: every module the
// process loaded (ESM through a loader hook, CommonJS from the require cache)
// is written to the file named by SENVAR_LOAD_TRACE when the process exits.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const file = process.env.SENVAR_LOAD_TRACE;
const hooks = `
import { appendFileSync } from "node:fs";
let file;
export function initialize(data) { file = data.file; }
export async function load(url, context, next) {
  appendFileSync(file, url + "\\n");
  return next(url, context);
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file } });
const Module = createRequire(import.meta.url)("node:module");
process.on("exit", () => appendFileSync(file, Object.keys(Module._cache).map((p) => `file://${p}`).join("\n") + "\n"));
