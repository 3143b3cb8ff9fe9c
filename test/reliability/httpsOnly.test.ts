// PRD 6.1, HTTPS only: a plain-http endpoint on a host that is not loopback is
// refused with a clear message before any request, wherever it was configured.
//
// A listener on this machine's own non-loopback address stands in for a remote
// host, so "before any request" is checked by counting what it received.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getAll, Parameter, resetClients, Secret, ValidationError } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

let remote: Server;
let remoteHits = 0;
let remoteUrl = "http://senvar-remote.invalid:4566";
beforeAll(async () => {
  if (!lanAddress) return;
  remote = createServer((_req, res) => {
    remoteHits++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => remote.listen(0, lanAddress, resolve));
  remoteUrl = `http://${lanAddress}:${(remote.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (remote) await new Promise((resolve) => remote.close(resolve));
});

const saved = { ...process.env };
afterEach(() => {
  for (const key of ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL_SSM", "AWS_CONFIG_FILE", "AWS_PROFILE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  process.env.AWS_ENDPOINT_URL = ctx.proxy.url;
  resetClients();
  remoteHits = 0;
});

function expectRefused(error: Error, fullName: string, source: string): void {
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.message).toContain("only https endpoints are allowed");
  expect(error.message).toContain(`(from ${source})`);
  expect(error.message).toContain(fullName);
  expect(error.message).toContain("no request was made");
  expect((error as ValidationError).hint).toContain("https://");
}

function expectNothingSent(): void {
  expect(ctx.proxy.requests).toHaveLength(0);
  expect(remoteHits).toBe(0);
}

describe("https only", () => {
  it("refuses an http endpoint given as the endpoint option, for every call", async () => {
    const scope = uniqueScope();
    const secret = new Secret("key", { ...scope, endpoint: remoteUrl });
    const parameter = new Parameter("flag", { ...scope, endpoint: remoteUrl });
    const calls: [string, () => Promise<unknown>][] = [
      [secret.fullName, () => secret.get()],
      [secret.fullName, () => secret.set("v")],
      [secret.fullName, () => secret.rotate(() => "v")],
      [secret.fullName, () => secret.delete()],
      [parameter.fullName, () => parameter.get()],
      [parameter.fullName, () => parameter.set("v")],
    ];
    for (const [fullName, call] of calls) expectRefused(await rejection(call()), fullName, "the endpoint option");
    const batch = await rejection(getAll({ secret, parameter }));
    expect(batch).toBeInstanceOf(ValidationError);
    expect(batch.message).toContain("only https endpoints are allowed");
    expectNothingSent();
  });

  it("refuses an http AWS_ENDPOINT_URL", async () => {
    process.env.AWS_ENDPOINT_URL = remoteUrl;
    const secret = new Secret("key", uniqueScope());
    const parameter = new Parameter("flag", uniqueScope());
    expectRefused(await rejection(secret.get()), secret.fullName, "AWS_ENDPOINT_URL");
    expectRefused(await rejection(parameter.set("v")), parameter.fullName, "AWS_ENDPOINT_URL");
    expectNothingSent();
  });

  it("refuses an http AWS_ENDPOINT_URL_SECRETS_MANAGER for secrets only, and AWS_ENDPOINT_URL_SSM for parameters only", async () => {
    const scope = uniqueScope();
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = remoteUrl;
    expectRefused(await rejection(new Secret("key", scope).set("v")), new Secret("key", scope).fullName, "AWS_ENDPOINT_URL_SECRETS_MANAGER");
    expectNothingSent();
    await new Parameter("flag", scope).set("fine"); // SSM still goes to the (loopback) proxy
    expect(ctx.proxy.count("AmazonSSM.PutParameter")).toBe(1);

    delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    process.env.AWS_ENDPOINT_URL_SSM = remoteUrl;
    resetClients();
    ctx.proxy.reset();
    expectRefused(await rejection(new Parameter("flag", scope).get()), new Parameter("flag", scope).fullName, "AWS_ENDPOINT_URL_SSM");
    expectNothingSent();
    await new Secret("key", scope).set("fine");
    expect(ctx.proxy.count("secretsmanager.")).toBeGreaterThan(0);
  });

  it("refuses an http endpoint_url from the AWS config file too (checked inside the SDK, before sending)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "senvar-https-"));
    const config = join(dir, "config");
    writeFileSync(config, `[profile remote]\nregion = us-east-1\naws_access_key_id = testing\naws_secret_access_key = testing\nendpoint_url = ${remoteUrl}\n`);
    process.env.AWS_CONFIG_FILE = config;
    // The SDK reads endpoint_url from the config file only for the profile in
    // AWS_PROFILE (not for a client's `profile` option: measured, SDK 3.x).
    process.env.AWS_PROFILE = "remote";
    delete process.env.AWS_ENDPOINT_URL; // leave the config file as the only source
    const secret = new Secret("key", uniqueScope());
    const error = await rejection(secret.get());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain("only https is allowed");
    expect(error.message).toContain(secret.fullName);
    expectNothingSent();
  });

  it.each([
    "http://localhost.evil.example:4566",
    "http://127.0.0.1.nip.io:4566",
    "http://127.0.0.1@evil.example:4566",
    "HTTP://EVIL.EXAMPLE",
    "http://[::ffff:127.0.0.1]:4566",
    "ftp://127.0.0.1/",
  ])("refuses the look-alike %s", async (endpoint) => {
    const secret = new Secret("key", { ...uniqueScope(), endpoint });
    const error = await rejection(secret.get());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/only https endpoints are allowed/);
    expectNothingSent();
  });

  it("still reaches a plain-http loopback endpoint (localhost testing)", async () => {
    const secret = new Secret("key", { ...uniqueScope(), endpoint: ctx.proxy.url.replace("127.0.0.1", "localhost") });
    await secret.set("local");
    expect(await secret.get()).toBe("local");
    expect(ctx.proxy.requests.length).toBeGreaterThan(0);
  });
});
