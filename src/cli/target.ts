import { AccessDeniedError, Parameter, Secret, type ParameterTier, type VariableMetadata } from "../index.js";
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
  source: string;
}

/** A name resolved to one variable in one backend. */
export interface Target {
  fullName: string;
  key: string;
  variable: Secret | Parameter;
  /** What is stored now, if it was looked up. */
  stored: VariableMetadata | undefined;
  /** How the backend was chosen. */
  chosenBy: "manifest" | "flag" | "stored" | "default";
}

/**
 * CLI name resolution: a name that starts with `${app}-${stage}-` is a full
 * name; otherwise, when app and stage are known, it is a key and gets that
 * prefix; otherwise it is taken as the full name.
 */
export function resolveName(input: string, context: Pick<Context, "app" | "stage">): { fullName: string; key: string; composed: boolean } {
  if (input.length === 0) throw new UsageError("the name is empty");
  const { app, stage } = context;
  if (app !== undefined && stage !== undefined) {
    const prefix = `${app}-${stage}-`;
    if (input.startsWith(prefix)) return { fullName: input, key: input.slice(prefix.length), composed: true };
    return { fullName: `${prefix}${input}`, key: input, composed: true };
  }
  return { fullName: input, key: input, composed: false };
}

/** A Secret or Parameter for the name, as a user of the runtime API would build it. */
export function variableFor(kind: "secret" | "parameter", name: ReturnType<typeof resolveName>, context: Context, options: { encrypted?: boolean; tier?: string | undefined } = {}): Secret | Parameter {
  const aws = awsOptionsOf(context);
  const scope = name.composed ? { app: context.app!, stage: context.stage! } : {};
  if (kind === "secret") return name.composed ? new Secret(name.key, { ...aws, ...scope }) : Secret.fromName(name.fullName, aws);
  const parameterOptions = { ...aws, ...scope, encrypted: options.encrypted === true, ...(options.tier ? { tier: options.tier as ParameterTier } : {}) };
  return name.composed ? new Parameter(name.key, parameterOptions) : Parameter.fromName(name.fullName, parameterOptions);
}

/** Looks the name up in both backends at once, from metadata only (never a value). */
export async function whereStored(name: ReturnType<typeof resolveName>, context: Context): Promise<{ secret: VariableMetadata | undefined; parameter: VariableMetadata | undefined }> {
  const probes = await Promise.allSettled([variableFor("secret", name, context).metadata(), variableFor("parameter", name, context).metadata()]);
  const [secret, parameter] = probes;
  // A caller allowed only one backend still gets an answer from the other.
  const usable = (p: PromiseSettledResult<VariableMetadata | undefined>) => (p.status === "fulfilled" ? p.value : undefined);
  const denied = (p: PromiseSettledResult<unknown>) => p.status === "rejected" && p.reason instanceof AccessDeniedError;
  for (const probe of probes) if (probe.status === "rejected" && !denied(probe)) throw probe.reason;
  if (denied(secret) && denied(parameter)) throw (secret as PromiseRejectedResult).reason;
  return { secret: usable(secret), parameter: usable(parameter) };
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
  const name = resolveName(input, context);
  const flagged = kindFromFlags(flags);
  if (declared && flagged && declared.kind !== flagged) {
    throw new UsageError(`${name.fullName} is declared as a ${declared.kind} in ${declared.source}, but --${flagged} was given`, "drop the flag, or change the declaration and run secrets codegen");
  }
  const chosen = declared?.kind ?? flagged;
  let encrypted = flags.encrypted === true || declared?.encrypted === true;

  if (chosen && mode === "read") {
    return { ...name, variable: variableFor(chosen, name, context, { encrypted, tier: flags.tier }), stored: undefined, chosenBy: declared ? "manifest" : "flag" };
  }

  const stored = await whereStored(name, context);
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
  if (chosen) return { ...name, variable: variableFor(chosen, name, context, { encrypted, tier: flags.tier }), stored: stored[chosen], chosenBy: declared ? "manifest" : "flag" };
  if (storedKind) {
    return { ...name, variable: variableFor(storedKind, name, context, { encrypted, tier: flags.tier }), stored: stored[storedKind], chosenBy: "stored" };
  }
  if (mode === "read") {
    const region = context.region ? ` (region ${context.region})` : "";
    throw new CliError(`${name.fullName} was not found in Secrets Manager or SSM Parameter Store${region}`, `create it with: secrets set ${name.fullName}${flags.secret ? " --secret" : ""}`);
  }
  return { ...name, variable: variableFor("parameter", name, context, { encrypted, tier: flags.tier }), stored: undefined, chosenBy: "default" };
}
