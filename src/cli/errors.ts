/** Exit codes: 0 success, 1 error, 2 usage error, 130 cancelled by the user (Ctrl-C). */
export const EXIT = { ok: 0, error: 1, usage: 2, cancelled: 130 } as const;

/**
 * An error a command throws to stop with a message and a hint. The top-level
 * handler prints it as `error: …` on stderr and sets the exit code.
 *
 * @example
 * ```ts
 * throw new CliError("secret billing-prod-x is stored in both backends", "pass --secret or --parameter");
 * ```
 */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT.error,
  ) {
    super(message);
  }
}

/**
 * Wrong arguments or flags: exit code 2.
 *
 * @example
 * ```ts
 * throw new UsageError("--secret and --parameter cannot be combined");
 * ```
 */
export class UsageError extends CliError {
  override name = "UsageError";
  constructor(message: string, hint?: string) {
    super(message, hint, EXIT.usage);
  }
}

/**
 * The user cancelled a prompt with Ctrl-C (exit 130) or answered no to a
 * confirmation (exit 1); either way nothing was written.
 *
 * @example
 * ```ts
 * if (!confirmed) throw new CancelledError("nothing was deleted", "declined");
 * ```
 */
export class CancelledError extends CliError {
  override name = "CancelledError";
  constructor(message = "cancelled; nothing was written", how: "interrupted" | "declined" = "interrupted") {
    super(message, undefined, how === "interrupted" ? EXIT.cancelled : EXIT.error);
  }
}
