// The place the README's shell examples run in, as the README tells a reader
// to set it up: a copy of examples/ and generated/ (so that billing's
// `outDir: ../../generated` stays inside the copy), SST_APP=billing,
// SST_STAGE=dev, the built CLI on PATH as `secrets`, and a moto of its own
// (so that `secrets list` shows only what the README created).
//
// The copy lives in .senvar-tmp/ inside the repository (ignored by git), so
// that TypeScript in it resolves `@senvar/secrets` to this package by name.
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { motoEnv, startMoto } from "../support/moto.mjs";
import { binPath, repoRoot } from "../support/cli.js";

export interface ReadmeProject {
  /** The copy's root: holds examples/billing and generated. */
  root: string;
  /** Where the commands run: the copy of examples/billing. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function openReadmeProject(): Promise<ReadmeProject> {
  const scratch = join(repoRoot, ".senvar-tmp");
  mkdirSync(scratch, { recursive: true });
  const root = mkdtempSync(join(scratch, "readme-"));
  const skipNodeModules = (path: string) => !path.split(sep).includes("node_modules");
  cpSync(join(repoRoot, "examples"), join(root, "examples"), { recursive: true, filter: skipNodeModules });
  cpSync(join(repoRoot, "generated"), join(root, "generated"), { recursive: true });

  const bin = join(root, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "secrets"), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
  chmodSync(join(bin, "secrets"), 0o755);

  const moto = await startMoto();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("AWS_") || key.startsWith("SST_") || key === "FORCE_COLOR") delete env[key];
  Object.assign(env, motoEnv(moto.url), { SST_APP: "billing", SST_STAGE: "dev", PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1" });
  return {
    root,
    cwd: join(root, "examples/billing"),
    env,
    close: async () => {
      await moto.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs a shell block with bash, stopping at the first failing command (-e, pipefail), with no stdin. */
export function runShell(code: string, project: ReadmeProject): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-e", "-o", "pipefail", "-c", code], { cwd: project.cwd, env: project.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (exit) => resolve({ code: exit, stdout, stderr }));
  });
}
