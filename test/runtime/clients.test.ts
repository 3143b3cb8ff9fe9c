import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { Parameter, resetClients, Secret, ValidationError } from "../../src/index.js";
import { assertSafeEndpoint, isLoopbackHost, MAX_ATTEMPTS, sharedClientCount, ssmClientForTest } from "./clientsAccess.js";
import { uniqueScope } from "../support/aws.js";
import { rejection, thrown } from "../support/capture.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");

afterEach(() => resetClients());

/** Runs a snippet against the built package in a fresh node and lists the modules it loaded. */
async function modulesLoadedBy(snippet: string): Promise<string[]> {
  const trace = join(mkdtempSync(join(tmpdir(), "senvar-trace-")), "modules.txt");
  await run(process.execPath, ["--import", join(root, "test/support/loadTrace.mjs"), "--input-type=module", "-e", snippet], {
    cwd: root,
    env: { ...process.env, SENVAR_LOAD_TRACE: trace },
  });
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

describe("shared clients", () => {
  it("creates one client per distinct config, lazily, and shares it", async () => {
    expect(sharedClientCount()).toBe(0);
    const scope = uniqueScope();
    const a = new Parameter("a", scope);
    const b = new Parameter("b", scope);
    await a.set("1");
    await b.set("2");
    expect(sharedClientCount()).toBe(1);
    const first = await ssmClientForTest({});
    expect(await ssmClientForTest({})).toBe(first);
    await new Parameter("c", { ...scope, region: "eu-west-1" }).set("3");
    expect(sharedClientCount()).toBe(2);
    const credentials = { accessKeyId: "x", secretAccessKey: "y" };
    expect(await ssmClientForTest({ credentials })).toBe(await ssmClientForTest({ credentials }));
    expect(await ssmClientForTest({ credentials })).not.toBe(await ssmClientForTest({ credentials: { ...credentials } }));
  });

  it("configures the SDK's standard retry strategy with 5 attempts", async () => {
    const handle = await ssmClientForTest({});
    expect(MAX_ATTEMPTS).toBe(5);
    const config = handle.client.config as unknown as { retryMode: string; retryStrategy: () => Promise<{ mode: string; maxAttemptsProvider: () => Promise<number> }> };
    expect(config.retryMode).toBe("standard");
    const strategy = await config.retryStrategy();
    expect(strategy.mode).toBe("standard");
    expect(await strategy.maxAttemptsProvider()).toBe(5);
  });

  it("importing the package loads neither AWS client, nor any CLI or codegen module", async () => {
    const loaded = await modulesLoadedBy(`await import("./dist/index.js");`);
    expect(loaded.some((url) => url.endsWith("/dist/index.js"))).toBe(true);
    for (const forbidden of ["client-ssm", "client-secrets-manager", "ts-morph", "handlebars", "prompts", "sade", "kleur", "@pulumi", "/dist/cli/", "/dist/codegen/"]) {
      expect(loaded.filter((url) => url.includes(forbidden))).toEqual([]);
    }
  });

  it("a process that only uses Secret never loads the SSM client", async () => {
    const { app, stage } = uniqueScope();
    const loaded = await modulesLoadedBy(
      `const { Secret } = await import("./dist/index.js");
       const s = new Secret("onlySecret", { app: "${app}", stage: "${stage}" });
       await s.set("v"); if (await s.get() !== "v") process.exit(3);`,
    );
    expect(loaded.some((url) => url.includes("client-secrets-manager"))).toBe(true);
    expect(loaded.filter((url) => url.includes("client-ssm"))).toEqual([]);
  });
});

describe("endpoints", () => {
  it("treats localhost, 127.0.0.0/8 and ::1 as loopback, and nothing else", () => {
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "api.localhost"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["example.com", "10.0.0.1", "128.0.0.1", "localhost.example.com", "", undefined]) expect(isLoopbackHost(host)).toBe(false);
  });

  it("refuses plain http to a non-loopback host, from the option or from AWS_ENDPOINT_URL, before any request", async () => {
    const scope = uniqueScope();
    const byOption = await rejection(new Secret("x", { ...scope, endpoint: "http://secrets.example.com" }).get());
    expect(byOption).toBeInstanceOf(ValidationError);
    expect(byOption.message).toContain("only https");

    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = "http://10.1.2.3:4566";
    try {
      const byEnv = await rejection(new Parameter("x", scope).get());
      expect(byEnv).toBeInstanceOf(ValidationError);
      expect(byEnv.message).toContain("AWS_ENDPOINT_URL");
    } finally {
      process.env.AWS_ENDPOINT_URL = saved;
    }
    expect(sharedClientCount()).toBe(0);
  });

  it("accepts https anywhere and http on loopback", () => {
    expect(() => assertSafeEndpoint("https://ssm.eu-west-1.amazonaws.com", "test")).not.toThrow();
    expect(() => assertSafeEndpoint("http://127.0.0.1:5000", "test")).not.toThrow();
    expect(thrown(() => assertSafeEndpoint("ftp://127.0.0.1", "test"))).toBeInstanceOf(ValidationError);
    expect(thrown(() => assertSafeEndpoint("not a url", "test"))).toBeInstanceOf(ValidationError);
  });
});
