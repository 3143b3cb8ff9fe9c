// Where the demo's AWS calls go: a moto_server started here on loopback (the
// default), or a real AWS account, only with an explicit double opt-in.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { motoEnv, startMoto } from "../../test/support/moto.mjs";

/** The environment variable that confirms `--real-aws`. */
export const REAL_AWS_CONFIRMATION = "SENVAR_DEMO_REAL_AWS";

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/;

/** A failure the demo explains and exits on, without a stack trace. */
export class DemoRefusal extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * The environment of every command in moto mode: nothing of the caller's AWS
 * setup survives (no profile, no session, no per-service endpoint, no config
 * or credentials file), so not one request can reach a real account.
 */
function isolatedEnv(url, scratch) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_") && !key.startsWith("SST_")));
  return {
    ...env,
    ...motoEnv(url),
    AWS_CONFIG_FILE: join(scratch, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, "no-aws-credentials"),
  };
}

function motoMissing(cause) {
  return new DemoRefusal(
    [
      `The demo runs against moto_server, a local AWS emulator, and it could not be started (${cause}).`,
      "",
      "Install it, then run the demo again:",
      "  pip install 'moto[server]'      # provides moto_server",
      "  npm run demo",
      "",
      "Or run the same flow against a real AWS account. It creates one secret and one",
      "parameter named billing-demo<random>-*, in the account and region of your current",
      "AWS credentials, and deletes both (the secret without a recovery window) at the end:",
      `  ${REAL_AWS_CONFIRMATION}=yes npm run demo -- --real-aws`,
    ].join("\n"),
  );
}

/**
 * Starts moto, or checks the opt-in for a real account.
 * @returns {Promise<{ kind: "moto" | "real-aws", stage: string, env: NodeJS.ProcessEnv, describe: string, stop: () => void }>}
 */
export async function openTarget({ realAws, scratch }) {
  if (realAws) {
    if (process.env[REAL_AWS_CONFIRMATION] !== "yes") {
      throw new DemoRefusal(
        `--real-aws writes to the AWS account of your current credentials. To confirm, set ${REAL_AWS_CONFIRMATION}=yes:\n  ${REAL_AWS_CONFIRMATION}=yes npm run demo -- --real-aws`,
        2,
      );
    }
    // A stage of its own, so that the demo can never touch an existing variable.
    const stage = `demo${randomBytes(3).toString("hex")}`;
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SST_")));
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "the region of your AWS profile";
    return { kind: "real-aws", stage, env, describe: `REAL AWS (${region}), stage ${stage}`, stop: () => {} };
  }

  let moto;
  try {
    moto = await startMoto({ timeoutMs: 30_000 });
  } catch (error) {
    throw motoMissing(error instanceof Error ? error.message : String(error));
  }
  // Belt and braces: the endpoint every command gets must be loopback.
  if (!LOOPBACK.test(moto.url)) {
    void moto.stop();
    throw new DemoRefusal(`refusing a non-loopback moto endpoint: ${moto.url}`);
  }
  let stopped = false;
  return {
    kind: "moto",
    stage: "demo",
    env: isolatedEnv(moto.url, scratch),
    describe: `moto_server at ${moto.url} (dummy credentials, nothing leaves this machine)`,
    // Synchronous on purpose: it must also work from a signal handler or on exit.
    stop: () => {
      if (stopped) return;
      stopped = true;
      void moto.stop();
    },
  };
}
