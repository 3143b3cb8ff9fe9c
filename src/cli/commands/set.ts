import type { ParameterVersion, SecretVersion } from "../../index.js";
import { backendLabel, type CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { CancelledError, CliError, UsageError } from "../errors.js";
import { readValue } from "../input.js";
import { looksSecret } from "../looksSecret.js";
import { resolveTarget, type BackendFlags } from "../target.js";

/** Flags of `secrets set`. */
export interface SetFlags extends CommonFlags, BackendFlags {
  yes?: boolean;
  json?: boolean;
  tier?: string;
}

const TIERS = ["Standard", "Advanced", "Intelligent-Tiering"];

/**
 * `secrets set <name> [value]`: the value comes from the argument, `-` for
 * stdin, or (when omitted) a hidden prompt on a terminal and stdin otherwise.
 * Prints the full name, the backend and the new version; never the value.
 */
export async function set(name: string, value: string | undefined, flags: SetFlags, { ui, context }: CommandEnv): Promise<void> {
  if (flags.tier !== undefined && !TIERS.includes(flags.tier)) throw new UsageError(`--tier must be one of ${TIERS.join(", ")}`);
  const declared = await declarationFor(name, context);
  const target = await resolveTarget(name, context, flags, "write", declared);
  const variable = target.variable;

  if (variable.kind === "parameter" && looksSecret(target.key) && !declared && !flags.yes) {
    const warning = `${target.fullName} looks like a secret, but it would be stored in SSM Parameter Store, not Secrets Manager`;
    if (!ui.interactive) {
      throw new CliError(`refusing to store ${target.fullName} in SSM: the name looks like a secret`, "use --secret to store it in Secrets Manager, or --yes to store it in SSM anyway");
    }
    ui.warn(warning);
    if (!(await ui.confirm("Store it in SSM Parameter Store anyway?"))) throw new CancelledError("not confirmed; nothing was stored (use --secret for Secrets Manager)", "declined");
  }

  const text = await readValue(value, ui, `Value for ${target.fullName}`);
  const written: ParameterVersion | SecretVersion = await variable.set(text);
  const version = written.kind === "secret" ? written.versionId : written.version;
  const backend = backendLabel(variable.kind, variable.encrypted);
  if (flags.json) {
    ui.out(`${JSON.stringify({ name: target.fullName, backend: variable.backend, type: variable.kind === "secret" ? "secret" : variable.encrypted ? "secure parameter" : "parameter", version })}\n`);
  } else {
    ui.out(`set ${target.fullName} in ${backend}, version ${version}\n`);
  }
}

