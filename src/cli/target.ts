import { AccessDeniedError, NotFoundError, NotSetError, Parameter, Secret, type ParameterTier, type VariableMetadata, type VersionedValue } from "../index.js";
import { awsOptionsOf, type Context } from "./config.js";
import { CliError, UsageError } from "./errors.js";

/** The flags that pick a backend. */
export interface BackendFlags {
  secret?: boolean;
  parameter?: boolean;
  encrypted?: boolean;
  /** SSM tier for writes. */
  tier?: string;
}

/** A declaration of the name in the project (from the codegen manifest). */
export interface Declared {
  kind: "secret" | "parameter";
  encrypted: boolean;
  /** Where it was found, for messages. */
  source: string;
  /** The declared key. */
  key: string;
  /** Literal overrides in the declaration: they win over flags, env and config, as at runtime. */
  app?: string;
  stage?: string;
  region?: string;
  tier?: string;
  /** A full name fixed in the source (`fromName`, or literal app and stage). */
  fullName?: string;
}

/** A name resolved to one variable in one backend. */
export interface Target {
  fullName: string;
  key: string;
  variable: Secret | Parameter;
  /** What is stored now, if it was looked up. */
  stored: VariableMetadata | undefined;
}

/**
 * CLI name resolution: a name that starts with `${app}-${stage}-` is a full
 * name; otherwise, when app and stage are known, it is a key and gets that
 * prefix; otherwise it is taken as the full name.
 */
export function resolveName(input: string, context: Pick<Context, "app" | "stage">, declared?: Declared): ResolvedName {
  if (input.length === 0) throw new UsageError("the name is empty");
  if (declared?.fullName !== undefined) return { fullName: declared.fullName, key: declared.key, composed: false };
  const app = declared?.app ?? context.app;
  const stage = declared?.stage ?? context.stage;
  if (declared && app !== undefined && stage !== undefined) return { fullName: `${app}-${stage}-${declared.key}`, key: declared.key, composed: true, app, stage };
  if (app !== undefined && stage !== undefined) {
    const prefix = `${app}-${stage}-`;
    if (input.startsWith(prefix)) return { fullName: input, key: input.slice(prefix.length), composed: true, app, stage };
    return { fullName: `${prefix}${input}`, key: input, composed: true, app, stage };
  }
  return { fullName: input, key: input, composed: false };
}

/** A name as the CLI resolved it. `app`/`stage` are set when the full name was composed from them. */
export interface ResolvedName {
  fullName: string;
  key: string;
  composed: boolean;
  app?: string;
  stage?: string;
}

/** A Secret or Parameter for the name, as a user of the runtime API would build it. */
export function variableFor(kind: "secret" | "parameter", name: ResolvedName, context: Context, options: { encrypted?: boolean; tier?: string | undefined; region?: string | undefined } = {}): Secret | Parameter {
  const aws = { ...awsOptionsOf(context), ...(options.region ? { region: options.region } : {}) };
  const scope = name.composed ? { app: name.app!, stage: name.stage! } : {};
  if (kind === "secret") return name.composed ? new Secret(name.key, { ...aws, ...scope }) : Secret.fromName(name.fullName, aws);
  const parameterOptions = { ...aws, ...scope, encrypted: options.encrypted === true, ...(options.tier ? { tier: options.tier as ParameterTier } : {}) };
  return name.composed ? new Parameter(name.key, parameterOptions) : Parameter.fromName(name.fullName, parameterOptions);
}

/** Looks the name up in both backends at once, from metadata only (never a value). */
export async function whereStored(name: ResolvedName, context: Context, region?: string): Promise<{ secret: VariableMetadata | undefined; parameter: VariableMetadata | undefined }> {
  const probes = await Promise.allSettled([variableFor("secret", name, context, { region }).metadata(), variableFor("parameter", name, context, { region }).metadata()]);
  const [secret, parameter] = probes;
  // A caller allowed only one backend still gets an answer from the other.
  const usable = (p: PromiseSettledResult<VariableMetadata | undefined>) => (p.status === "fulfilled" ? p.value : undefined);
  const denied = (p: PromiseSettledResult<unknown>) => p.status === "rejected" && p.reason instanceof AccessDeniedError;
  for (const probe of probes) if (probe.status === "rejected" && !denied(probe)) throw probe.reason;
  if (denied(secret) && denied(parameter)) throw (secret as PromiseRejectedResult).reason;
  return { secret: usable(secret), parameter: usable(parameter) };
}

/** The backend the declaration or the flags ask for; a clash between them is a usage error. */
function chosenKind(fullName: string, flags: BackendFlags, declared: Declared | undefined): "secret" | "parameter" | undefined {
  const flagged = kindFromFlags(flags);
  if (declared && flagged && declared.kind !== flagged) {
    throw new UsageError(`${fullName} is declared as a ${declared.kind} in ${declared.source}, but --${flagged} was given`, "drop the flag, or change the declaration and run secrets codegen");
  }
  return declared?.kind ?? flagged;
}

function kindFromFlags(flags: BackendFlags): "secret" | "parameter" | undefined {
  if (flags.secret && flags.parameter) throw new UsageError("--secret and --parameter cannot be combined");
  if (flags.secret && flags.encrypted) throw new UsageError("--encrypted is for parameters; secrets are always encrypted");
  if (flags.secret) return "secret";
  if (flags.parameter || flags.encrypted) return "parameter";
  return undefined;
}

const BACKEND_NAME = { secret: "Secrets Manager", parameter: "SSM Parameter Store" } as const;

/**
 * Finds the backend for a command: the project's declaration first, then
 * `--secret` / `--parameter`, then whichever backend holds the name. A name
 * stored in both backends is an error. For `write`, the stored state is always
 * checked, so a set never creates a second copy in the other backend.
 */
export async function resolveTarget(input: string, context: Context, flags: BackendFlags, mode: "read" | "write", declared?: Declared): Promise<Target> {
  const name = resolveName(input, context, declared);
  const tier = flags.tier ?? declared?.tier;
  const region = declared?.region;
  const chosen = chosenKind(name.fullName, flags, declared);
  let encrypted = flags.encrypted === true || declared?.encrypted === true;

  if (chosen && mode === "read") {
    return { ...name, variable: variableFor(chosen, name, context, { encrypted, tier, region }), stored: undefined };
  }

  const stored = await whereStored(name, context, region);
  if (stored.secret && stored.parameter) {
    throw new CliError(`${name.fullName} exists in both Secrets Manager and SSM Parameter Store`, "pass --secret or --parameter to say which one you mean");
  }
  const storedKind = stored.secret ? "secret" : stored.parameter ? "parameter" : undefined;
  // Never turn a SecureString back into a plain String by omission.
  if (stored.parameter?.type === "secure parameter") encrypted = true;
  if (chosen && storedKind && chosen !== storedKind) {
    throw new CliError(
      `${name.fullName} is stored in ${BACKEND_NAME[storedKind]}, not ${BACKEND_NAME[chosen]}`,
      `use --${storedKind} to act on the stored one; to move it, delete it first (secrets delete ${name.fullName} --${storedKind})`,
    );
  }
  if (chosen) return { ...name, variable: variableFor(chosen, name, context, { encrypted, tier, region }), stored: stored[chosen] };
  if (storedKind) {
    return { ...name, variable: variableFor(storedKind, name, context, { encrypted, tier, region }), stored: stored[storedKind] };
  }
  if (mode === "read") {
    const region = context.region ? ` (region ${context.region})` : "";
    throw new CliError(`${name.fullName} was not found in Secrets Manager or SSM Parameter Store${region}`, `create it with: secrets set ${name.fullName}${flags.secret ? " --secret" : ""}`);
  }
  return { ...name, variable: variableFor("parameter", name, context, { encrypted, tier, region }), stored: undefined };
}

/**
 * Reads a value for `get`. With a declaration or a flag, from that backend
 * only; otherwise from both at once, so that finding the backend costs no
 * extra round trip. A value found in both backends is an error.
 */
export async function readFromBackend(input: string, context: Context, flags: BackendFlags, declared?: Declared): Promise<{ target: Target; read: VersionedValue }> {
  const name = resolveName(input, context, declared);
  const chosen = chosenKind(name.fullName, flags, declared);
  if (chosen) {
    const variable = variableFor(chosen, name, context, { encrypted: declared?.encrypted === true, region: declared?.region });
    return { target: { ...name, variable, stored: undefined }, read: await variable.getWithVersion() };
  }
  const candidates = [variableFor("secret", name, context), variableFor("parameter", name, context)] as const;
  const reads = await Promise.allSettled(candidates.map((v) => v.getWithVersion()));
  const found = reads.flatMap((r, i) => (r.status === "fulfilled" ? [{ variable: candidates[i]!, read: r.value }] : []));
  if (found.length === 2) throw new CliError(`${name.fullName} exists in both Secrets Manager and SSM Parameter Store`, "pass --secret or --parameter to say which one you mean");
  if (found.length === 1) {
    const [{ variable, read }] = found as [{ variable: Secret | Parameter; read: VersionedValue }];
    return { target: { ...name, variable, stored: undefined }, read };
  }
  const failures = reads.map((r) => (r as PromiseRejectedResult).reason as unknown);
  // Prefer the most telling failure: not set, then anything unexpected, then not found.
  const notSet = failures.find((f) => f instanceof NotSetError);
  if (notSet) throw notSet;
  const unexpected = failures.find((f) => !(f instanceof NotFoundError) && !(f instanceof AccessDeniedError));
  if (unexpected) throw unexpected;
  if (failures.every((f) => f instanceof AccessDeniedError)) throw failures[0];
  const region = context.region ? ` (region ${context.region})` : "";
  throw new CliError(`${name.fullName} was not found in Secrets Manager or SSM Parameter Store${region}`, `create it with: secrets set ${name.fullName}`);
}
