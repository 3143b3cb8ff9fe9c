import { runChild, signalExitCode } from "../child.js";
import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { loadEnvironment } from "../environment.js";
import { CliError, UsageError } from "../errors.js";
import { CLI_OWN_ENV } from "../run.js";
import { onlyList } from "../selection.js";

/**
 * Flags of `secrets exec`.
 * @example
 * ```ts
 * const flags: ExecFlags = { only: "dbPassword,featureFlag" };
 * ```
 */
export interface ExecFlags extends CommonFlags {
  only?: string | string[];
}

/**
 * `secrets exec [--only a,b] -- <cmd> [args…]`: runs the command with every
 * declared variable (or the `--only` ones) in its environment, named by
 * {@link envNameOf} (`dbPassword` → `DB_PASSWORD`), loaded with one batched
 * `getAll`. The values go into the child's environment and nowhere else:
 * this process never prints them and never sets them on itself. Signals are
 * passed on while the child runs, and its exit code is returned as ours; a
 * child killed by a signal is reported, with the shell's 128 + signal number.
 *
 * @returns the child's exit code.
 * @example
 * ```ts
 * process.exitCode = await exec(["node", "server.js"], {}, { ui: processUi(), context });
 * ```
 */
export async function exec(command: readonly string[], flags: ExecFlags, { context }: CommandEnv): Promise<number> {
  const [program, ...args] = command;
  if (program === undefined || program === "") throw new UsageError("exec needs a command after --", "e.g. secrets exec -- node server.js");
  const entries = await loadEnvironment(context, onlyList(flags.only));
  const withNul = entries.find((e) => e.value.includes("\u0000"));
  if (withNul) throw new CliError(`${withNul.fullName} holds a NUL character, which an environment variable cannot carry; the command was not started`);

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLI_OWN_ENV) delete env[name];
  for (const { envName, value } of entries) env[envName] = value;
  const onTerminal = Boolean(process.stdin.isTTY || process.stdout.isTTY || process.stderr.isTTY);
  let outcome;
  try {
    outcome = await runChild(program, args, env, onTerminal);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`command not found: ${program}`, "check the name, or give its path", 127);
    if (code === "EACCES") throw new CliError(`permission denied: ${program}`, "make it executable, or run it through its interpreter", 126);
    throw new CliError(`could not start ${program}: ${code ?? (error as Error).message}`);
  }
  if (outcome.signal) throw new CliError(`${program} was killed by ${outcome.signal}`, undefined, signalExitCode(outcome.signal));
  return outcome.code;
}
