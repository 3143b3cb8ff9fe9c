/**
 * `secrets codegen` as a library: scan a project for `Secret`/`Parameter`
 * declarations, then write the typed registry, its manifest and rotation
 * stubs. Not part of the runtime entry: it loads ts-morph and handlebars,
 * lazily, only when a run needs them.
 *
 * @example
 * ```ts
 * import { formatSummary, runCodegen } from "./codegen/index.js";
 *
 * const result = await runCodegen({ root: process.cwd() });
 * console.log(formatSummary(result));
 * ```
 * @packageDocumentation
 */
export { runCodegen, outputLayout, type CodegenOptions, type CodegenResult } from "./run.js";
export { scanProject, scanWithStats, type ScanOptions, type ScanStats } from "./scan.js";
export { watchCodegen, type CodegenWatcher } from "./watch.js";
export { formatSummary } from "./summary.js";
export { addDeclaration, type AddDeclarationOptions, type AddDeclarationResult } from "./define.js";
export { readManifest, findManifestVariable, manifestOf, MANIFEST_FILE, type Manifest, type ManifestVariable } from "./manifest.js";
export { renderCodegen, rotationStubPath, type OutputLayout, type RenderedFile } from "./render.js";
export type { FileOutcome, FileStatus } from "./write.js";
export type {
  Declaration,
  DeclarationForm,
  DeclaredOptions,
  DeclaredTier,
  Diagnostic,
  DiagnosticCode,
  Model,
  SourceLocation,
  Variable,
  VariableKind,
} from "./model.js";
