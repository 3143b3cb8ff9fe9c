import { spawn } from "node:child_process";
import { constants } from "node:os";

/**
 * How a child process ended: an exit code, or the signal that killed it.
 * @example
 * ```ts
 * const outcome: ChildOutcome = { signal: "SIGTERM" };
 * ```
 */
export type ChildOutcome = { code: number; signal?: undefined } | { code?: undefined; signal: NodeJS.Signals };

/** Signals passed on to the child. SIGKILL and SIGSTOP cannot be caught, so they cannot be either. */
const FORWARDED: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/**
 * Signals a terminal sends to its whole foreground process group, which the
 * child (spawned in our group) then already receives from the terminal
 * itself. Passing them on too would deliver Ctrl-C twice, and many programs
 * take a second SIGINT as "stop now, skip the graceful shutdown".
 */
const FROM_TERMINAL: ReadonlySet<NodeJS.Signals> = new Set(["SIGINT", "SIGQUIT"]);

/**
 * The conventional shell exit status for a process killed by `signal`: 128 + its number.
 * @example
 * ```ts
 * signalExitCode("SIGTERM"); // 143
 * ```
 */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * Runs `command` with `args` and `env`, its stdio inherited, and resolves
 * when it ends. While it runs, every catchable termination signal this
 * process receives is passed on to it (except the terminal's own SIGINT and
 * SIGQUIT when we run on a terminal, see {@link FROM_TERMINAL}), and this
 * process does not die of them: the child decides, and its outcome is ours.
 *
 * @throws the spawn error (ENOENT, EACCES) when the command cannot start.
 * @example
 * ```ts
 * const outcome = await runChild("node", ["server.js"], { ...process.env, DB_PASSWORD: value }, Boolean(process.stdin.isTTY));
 * ```
 */
export function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv, onTerminal: boolean): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of FORWARDED) {
      const handler = () => {
        if (onTerminal && FROM_TERMINAL.has(signal)) return;
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    const cleanUp = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.once("error", (error) => {
      cleanUp();
      reject(error);
    });
    child.once("exit", (code, signal) => {
      cleanUp();
      resolve(signal ? { signal } : { code: code ?? 0 });
    });
  });
}
