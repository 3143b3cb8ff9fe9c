import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./errors.js";

/** What `senvar.config.json` (or the `senvar` key of package.json) may set. Every key is optional. */
export interface ProjectConfig {
  app?: string;
  stage?: string;
  region?: string;
  profile?: string;
  /** The file `secrets define` edits. Default `secrets/variables.ts`. */
  definitions?: string;
  /** Globs of files codegen scans, relative to the project root. */
  include?: string[];
  /** Globs codegen skips. */
  exclude?: string[];
  /** Where codegen writes the registry. Default `generated`. */
  outDir?: string;
  /** Where rotation stubs and handlers live. Default `secrets/rotation`. */
  rotationDir?: string;
  /** Where `pulumi:generate` writes. Default `infra/secrets`. */
  pulumiOutDir?: string;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(["app", "stage", "region", "profile", "definitions", "include", "exclude", "outDir", "rotationDir", "pulumiOutDir"]);

/** The flags every command accepts. */
export interface CommonFlags {
  app?: string;
  stage?: string;
  region?: string;
  profile?: string;
  debug?: boolean;
  /** The project root, instead of searching up from the cwd. */
  root?: string;
}

/** Everything a command needs to know about where it runs. */
export interface Context {
  /** The project root: the nearest folder with senvar.config.json or package.json, else the cwd. */
  root: string;
  /** Where the config came from, if anywhere. */
  configFile: string | undefined;
  config: ProjectConfig;
  app: string | undefined;
  stage: string | undefined;
  region: string | undefined;
  profile: string | undefined;
  debug: boolean;
}

/** Finds the project root by walking up from `cwd`. */
export function findProjectRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, "senvar.config.json")) || existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/** Reads senvar.config.json, else package.json's `senvar` key; neither is required. */
export function loadProjectConfig(root: string): { config: ProjectConfig; file: string | undefined } {
  const configPath = join(root, "senvar.config.json");
  if (existsSync(configPath)) return { config: validate(parseJson(configPath), configPath), file: configPath };
  const pkgPath = join(root, "package.json");
  if (existsSync(pkgPath)) {
    const pkg = parseJson(pkgPath) as { senvar?: unknown };
    if (pkg.senvar !== undefined) return { config: validate(pkg.senvar, `${pkgPath} ("senvar")`), file: pkgPath };
  }
  return { config: {}, file: undefined };
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`, "fix the JSON, or remove the file to use the defaults");
  }
}

function validate(raw: unknown, where: string): ProjectConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new UsageError(`${where} must hold a JSON object`);
  for (const [key, value] of Object.entries(raw)) {
    if (!KNOWN_KEYS.has(key)) throw new UsageError(`${where}: unknown setting "${key}"`, `known settings: ${[...KNOWN_KEYS].join(", ")}`);
    const isList = key === "include" || key === "exclude";
    const ok = isList ? Array.isArray(value) && value.every((v) => typeof v === "string") : typeof value === "string";
    if (!ok) throw new UsageError(`${where}: "${key}" must be ${isList ? "an array of strings" : "a string"}`);
  }
  return raw as ProjectConfig;
}

/** Precedence: flags, then the environment, then the project config. */
export function resolveContext(flags: CommonFlags, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Context {
  const root = flags.root !== undefined ? resolve(cwd, flags.root) : findProjectRoot(cwd);
  const { config, file } = loadProjectConfig(root);
  const fromEnv = (name: string) => (env[name] === "" ? undefined : env[name]);
  return {
    root,
    configFile: file,
    config,
    app: flags.app ?? fromEnv("SST_APP") ?? config.app,
    stage: flags.stage ?? fromEnv("SST_STAGE") ?? config.stage,
    region: flags.region ?? fromEnv("AWS_REGION") ?? fromEnv("AWS_DEFAULT_REGION") ?? config.region,
    profile: flags.profile ?? fromEnv("AWS_PROFILE") ?? config.profile,
    debug: flags.debug === true,
  };
}

/** The AWS options the runtime API takes, from the context. */
export function awsOptionsOf(context: Context): { region?: string; profile?: string } {
  const options: { region?: string; profile?: string } = {};
  if (context.region !== undefined) options.region = context.region;
  if (context.profile !== undefined) options.profile = context.profile;
  return options;
}
