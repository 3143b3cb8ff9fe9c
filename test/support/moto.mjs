// Starts moto_server (a full AWS emulator) on a free loopback port.
// Plain JavaScript so that the Bun runner, the demo and the benchmark can use it without a TypeScript loader.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** @returns {Promise<number>} a port that was free a moment ago */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  // A command that cannot be spawned never exits: stop polling at once.
  child.once("error", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error("moto_server exited during start-up");
    try {
      const res = await fetch(`${url}/moto-api/`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Candidate commands: moto_server itself, then the Python module. */
const COMMANDS = [
  ["moto_server", []],
  ["python3", ["-m", "moto.server"]],
];

/**
 * @param {{ timeoutMs?: number, quiet?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startMoto(options = {}) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let lastError;
  for (const [command, prefix] of COMMANDS) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const child = spawn(command, [...prefix, "-H", "127.0.0.1", "-p", String(port)], {
        stdio: ["ignore", "ignore", options.quiet === false ? "inherit" : "ignore"],
        env: { ...process.env, PYTHONUNBUFFERED: "1" },
      });
      const spawnError = new Promise((_, reject) => child.once("error", reject));
      const ready = waitUntilReady(url, child, timeoutMs);
      ready.catch(() => {}); // the race below reports whichever failure comes first
      try {
        await Promise.race([ready, spawnError]);
        return {
          url,
          port,
          stop: () =>
            new Promise((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.kill("SIGTERM");
              setTimeout(() => child.kill("SIGKILL"), 3000).unref();
            }),
        };
      } catch (error) {
        lastError = error;
        child.kill("SIGKILL");
        if (error && error.code === "ENOENT") break; // try the next command
      }
    }
  }
  throw new Error(`could not start moto: ${lastError instanceof Error ? lastError.message : lastError}`);
}

/** Dummy credentials and the endpoint, as every test process should see them. */
export function motoEnv(url) {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}
