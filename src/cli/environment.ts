import { getAll } from "../index.js";
import type { Context } from "./config.js";
import { envNameOf } from "./envNames.js";
import { UsageError } from "./errors.js";
import { selectDeclared } from "./selection.js";

/**
 * One variable as `exec` and `export` hand it on: its environment name and value.
 * @example
 * ```ts
 * const entry: EnvironmentEntry = { envName: "DB_PASSWORD", key: "dbPassword", fullName: "billing-prod-dbPassword", value };
 * ```
 */
export interface EnvironmentEntry {
  envName: string;
  key: string;
  fullName: string;
  value: string;
}

/**
 * Loads the declared variables (or the `only` ones) with `getAll`, in one
 * batched round, keyed by their environment names (see {@link envNameOf}).
 * Two keys that map to the same name are refused before anything is read.
 * The values are returned to the caller only; nothing here prints or keeps them.
 * @example
 * ```ts
 * const entries = await loadEnvironment(context, ["dbPassword"]); // [{ envName: "DB_PASSWORD", … }]
 * ```
 */
export async function loadEnvironment(context: Context, only: string[] | undefined): Promise<EnvironmentEntry[]> {
  const selected = await selectDeclared(context, only);
  const byEnv = new Map<string, typeof selected>();
  for (const entry of selected) {
    const envName = envNameOf(entry.declared.key);
    if (envName === "") throw new UsageError(`the key ${JSON.stringify(entry.declared.key)} has no letters or digits to make an environment variable name from`);
    byEnv.set(envName, [...(byEnv.get(envName) ?? []), entry]);
  }
  const clashes = [...byEnv.entries()].filter(([, entries]) => entries.length > 1);
  if (clashes.length > 0) {
    const [envName, entries] = clashes[0]!;
    throw new UsageError(`${entries.map((e) => e.declared.key).join(" and ")} would both become ${envName}`, "rename one of them, or pick one with --only");
  }
  const values = await getAll(Object.fromEntries([...byEnv.entries()].map(([envName, [entry]]) => [envName, entry!.variable])));
  return [...byEnv.entries()]
    .map(([envName, [entry]]) => ({ envName, key: entry!.declared.key, fullName: entry!.fullName, value: values[envName]! }))
    .sort((a, b) => (a.envName < b.envName ? -1 : a.envName > b.envName ? 1 : 0));
}
