import { redact } from "../../runtime/redact.js";
import type { CommandEnv } from "../command.js";
import type { CommonFlags } from "../config.js";
import { declarationFor } from "../declarations.js";
import { CliError } from "../errors.js";
import { readValue } from "../input.js";
import { findRotationHandler } from "../rotationHandlers.js";
import { resolveTarget, type BackendFlags } from "../target.js";

/** Flags of `secrets rotate`. */
export interface RotateFlags extends CommonFlags, BackendFlags {
  auto?: boolean;
  json?: boolean;
}

/** Default folder of rotation handlers, relative to the project root. */
export const DEFAULT_ROTATION_DIR = "secrets/rotation";

/**
 * `secrets rotate <name> [--auto]`: manual rotation from a hidden prompt (or
 * stdin), or `--auto` with the project's rotation handler. Prints the new
 * version id, never a value.
 */
export async function rotate(name: string, flags: RotateFlags, { ui, context }: CommandEnv): Promise<void> {
  const target = await resolveTarget(name, context, flags, "read", await declarationFor(name, context));
  const secret = target.variable;
  if (secret.kind !== "secret") {
    throw new CliError(`${target.fullName} is a parameter, and parameters cannot be rotated`, "only secrets (Secrets Manager) rotate; store it with secrets set, or declare it as a Secret");
  }

  let result;
  let source = "manual";
  if (flags.auto) {
    const found = await findRotationHandler(context.root, context.config.rotationDir ?? DEFAULT_ROTATION_DIR, target.fullName, target.key);
    source = found.source;
    result = await secret.rotate(async (old) => {
      try {
        return await found.handler(old);
      } catch (error) {
        // The handler saw the old value and may have put it in its message.
        const message = redact(error instanceof Error ? error.message : String(error), old === undefined ? [] : [old]);
        throw new CliError(`the rotation handler ${found.source} failed for ${target.fullName}: ${message}`, "nothing was written; fix the handler and retry");
      }
    });
  } else {
    result = await secret.rotateInteractive(({ fullName }) => readValue(undefined, ui, `New value for ${fullName}`));
  }

  if (flags.json) {
    ui.out(`${JSON.stringify({ name: target.fullName, versionId: result.versionId, previousVersionId: result.previousVersionId ?? null, arn: result.arn, source })}\n`);
  } else {
    ui.out(`rotated ${target.fullName}: version ${result.versionId}${result.previousVersionId ? ` (previous ${result.previousVersionId} is now AWSPREVIOUS)` : ""}\n`);
  }
}
