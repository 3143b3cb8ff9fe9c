import type { Parameter, Secret } from "../index.js";
import type { Context } from "./config.js";
import { allDeclarations } from "./declarations.js";
import { CliError, UsageError } from "./errors.js";
import { resolveName, variableFor, type Declared } from "./target.js";

/**
 * A declared variable, named for the resolved app and stage.
 * @example
 * ```ts
 * const [first] = await selectDeclared(context, undefined); // { declared, fullName: "billing-prod-dbPassword", variable }
 * ```
 */
export interface SelectedVariable {
  declared: Declared;
  fullName: string;
  variable: Secret | Parameter;
}

/**
 * The `--only` flag as a list: `--only a,b` and `--only a --only b` both give `["a", "b"]`.
 * @throws UsageError for an empty list.
 * @example
 * ```ts
 * onlyList("a,b"); // ["a", "b"]
 * ```
 */
export function onlyList(flag: string | string[] | undefined): string[] | undefined {
  if (flag === undefined) return undefined;
  const names = (Array.isArray(flag) ? flag : [flag]).flatMap((part) => String(part).split(",")).map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) throw new UsageError("--only needs at least one key, e.g. --only dbPassword,featureFlag");
  return names;
}

/**
 * The project's declared variables (all, or those `only` names by key or full
 * name), as the runtime API would build them for the resolved app and stage.
 * @throws CliError when there is no manifest, or a declaration cannot be named without an app and stage.
 * @throws UsageError when `only` names something that is not declared.
 * @example
 * ```ts
 * const variables = (await selectDeclared(context, ["dbPassword"])).map((s) => s.variable);
 * ```
 */
export async function selectDeclared(context: Context, only: string[] | undefined): Promise<SelectedVariable[]> {
  const declarations = await allDeclarations(context);
  const named = declarations.map((declared) => ({ declared, name: resolveName(declared.key, context, declared) }));
  let chosen = named;
  if (only) {
    const unknown = only.filter((wanted) => !named.some(({ declared, name }) => declared.key === wanted || name.fullName === wanted));
    if (unknown.length > 0) {
      throw new UsageError(`--only: ${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} not declared`, `declared: ${declarations.map((d) => d.key).join(", ") || "nothing"}`);
    }
    chosen = named.filter(({ declared, name }) => only.includes(declared.key) || only.includes(name.fullName));
  }
  const unnamed = chosen.filter(({ declared, name }) => declared.fullName === undefined && !name.composed);
  if (unnamed.length > 0) {
    const missing = [context.app === undefined ? "app" : undefined, context.stage === undefined ? "stage" : undefined].filter(Boolean).join(" and ");
    throw new CliError(`cannot name ${unnamed.map((u) => u.declared.key).join(", ")}: no ${missing} is set`, "pass --app and --stage, or set SST_APP and SST_STAGE (or app/stage in senvar.config.json)");
  }
  return chosen.map(({ declared, name }) => ({
    declared,
    fullName: name.fullName,
    variable: variableFor(declared.kind, name, context, { encrypted: declared.encrypted, tier: declared.tier, region: declared.region }),
  }));
}
