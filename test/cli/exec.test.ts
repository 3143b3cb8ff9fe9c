// `secrets exec` through the built bin against moto: the child's environment,
// exit codes, signals in both directions, and refusals that start nothing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { manifestProject, plain, runCli, runInPty, spawnCli, tempProject, waitFor } from "../support/cli.js";
import { startFaultProxy, type FaultProxy } from "../support/faultProxy.js";

let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL!);
});
afterAll(() => proxy.close());

const MULTILINE = "-----BEGIN KEY-----\nabc\n-----END KEY-----\n";

function scoped() {
  const { app, stage } = uniqueScope("ex");
  return { app, stage, flags: ["--app", app, "--stage", stage], name: (key: string) => `${app}-${stage}-${key}` };
}

/** A node one-liner as the child command. */
const node = (script: string) => [process.execPath, "-e", script];

async function seeded() {
  const scope = scoped();
  const cwd = manifestProject([
    { key: "dbPassword", kind: "secret" },
    { key: "featureFlag", kind: "parameter" },
    { key: "tlsKey", kind: "parameter", encrypted: true },
  ]);
  await runCli(["set", "dbPassword", "exec-db-value", "--secret", ...scope.flags], { cwd });
  await runCli(["set", "featureFlag", "on", ...scope.flags], { cwd });
  expect((await runCli(["set", "tlsKey", "-", ...scope.flags], { cwd, input: MULTILINE })).code).toBe(0);
  return { ...scope, cwd };
}

describe("secrets exec", () => {
  it("runs the command with every declared variable under its derived name, byte-exact, and prints nothing itself", async () => {
    const { flags, cwd } = await seeded();
    const show = node("process.stdout.write(JSON.stringify({ DB_PASSWORD: process.env.DB_PASSWORD, FEATURE_FLAG: process.env.FEATURE_FLAG, TLS_KEY: process.env.TLS_KEY }))");
    const result = await runCli(["exec", ...flags, "--", ...show], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual({ DB_PASSWORD: "exec-db-value", FEATURE_FLAG: "on", TLS_KEY: MULTILINE });

    const silent = await runCli(["exec", ...flags, "--", "true"], { cwd });
    expect(silent).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("does not hand the child the switches the CLI set on itself, but keeps the caller's own", async () => {
    const { flags, cwd } = await seeded();
    const probe = node("process.stdout.write(String(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED))");
    const unset = await runCli(["exec", ...flags, "--", ...probe], { cwd, env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined } });
    expect(unset.stdout).toBe("undefined");
    const own = await runCli(["exec", ...flags, "--", ...probe], { cwd, env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
    expect(own.stdout).toBe("true");
  });

  it("--only passes just the named variables, by key or full name; an undeclared one is a usage error and starts nothing", async () => {
    const { flags, name, cwd } = await seeded();
    const names = node("process.stdout.write(Object.keys(process.env).filter((k) => ['DB_PASSWORD', 'FEATURE_FLAG', 'TLS_KEY'].includes(k)).sort().join(','))");
    expect((await runCli(["exec", "--only", "featureFlag", ...flags, "--", ...names], { cwd })).stdout).toBe("FEATURE_FLAG");
    expect((await runCli(["exec", "--only", `featureFlag,${name("tlsKey")}`, ...flags, "--", ...names], { cwd })).stdout).toBe("FEATURE_FLAG,TLS_KEY");
    const marker = join(tempProject(), "started");
    const unknown = await runCli(["exec", "--only", "nope", ...flags, "--", "touch", marker], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error: --only: nope is not declared\nhint: declared: dbPassword, featureFlag, tlsKey\n");
    expect(existsSync(marker)).toBe(false);
  });

  it("passes the command's arguments through untouched, flags, dashes and a lone - included", async () => {
    const { flags, cwd } = await seeded();
    const result = await runCli(["exec", ...flags, "--", "sh", "-c", 'printf "[%s]" "$@"', "sh", "--app", "x", "-", "--", "a b"], { cwd });
    expect(result.stdout).toBe("[--app][x][-][--][a b]");
  });

  it("exits with the command's own exit code", async () => {
    const { flags, cwd } = await seeded();
    expect((await runCli(["exec", ...flags, "--", ...node("process.exit(3)")], { cwd })).code).toBe(3);
    expect((await runCli(["exec", ...flags, "--", "sh", "-c", "exit 0"], { cwd })).code).toBe(0);
  });

  it("reports a command killed by a signal, and exits 128 + the signal number", async () => {
    const { flags, cwd } = await seeded();
    const result = await runCli(["exec", ...flags, "--", "sh", "-c", "kill -KILL $$"], { cwd });
    expect(result.code).toBe(137);
    expect(result.stderr).toBe("error: sh was killed by SIGKILL\n");
  });

  it.each([
    ["SIGTERM", 42],
    ["SIGINT", 43],
    ["SIGHUP", 44],
  ] as const)("passes %s sent to secrets on to the command, which decides the exit code", async (signal, code) => {
    const { flags, cwd } = await seeded();
    const child = node(`process.on(${JSON.stringify(signal)}, () => { console.log("child got ${signal}"); process.exit(${code}); }); console.log("ready"); setInterval(() => {}, 1000);`);
    const run = spawnCli(["exec", ...flags, "--", ...child], { cwd });
    await waitFor(() => run.stdout().includes("ready"), 20_000, "the child to start");
    run.child.kill(signal);
    const outcome = await run.done;
    expect(run.stdout()).toContain(`child got ${signal}`);
    expect(outcome.code).toBe(code);
  }, 40_000);

  it("on a terminal, Ctrl-C reaches the command exactly once (from the terminal itself, not forwarded again)", async () => {
    const { flags, cwd } = await seeded();
    const child = node("let n = 0; process.on('SIGINT', () => { n++; setTimeout(() => { console.log('SIGINT x' + n); process.exit(0); }, 400); }); console.log('ready'); setInterval(() => {}, 1000);");
    const { code, output } = await runInPty(["exec", ...flags, "--", ...child], [{ expect: /ready/, send: "\u0003" }], { cwd });
    expect(plain(output)).toContain("SIGINT x1");
    expect(code).toBe(0);
  }, 40_000);

  it("starts nothing when a declared variable is missing, and says which", async () => {
    const { flags, name } = scoped();
    const project = manifestProject([
      { key: "dbPassword", kind: "secret" },
      { key: "featureFlag", kind: "parameter" },
    ]);
    await runCli(["set", "featureFlag", "on", ...flags], { cwd: project });
    const marker = join(tempProject(), "started");
    const result = await runCli(["exec", ...flags, "--", "touch", marker], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${name("dbPassword")} (not found)`);
    expect(existsSync(marker)).toBe(false);
  });

  it("loads every variable in one batched round: one GetParameters and one BatchGetSecretValue", async () => {
    const { flags, cwd } = await seeded();
    proxy.reset();
    const result = await runCli(["exec", ...flags, "--", "true"], { cwd, env: { AWS_ENDPOINT_URL: proxy.url } });
    expect(result.code).toBe(0);
    expect(proxy.requests.map((r) => r.target.split(".")[1]).sort()).toEqual(["BatchGetSecretValue", "GetParameters"]);
  });

  it("refuses two keys that map to the same environment name, a missing command, and an unknown program (127)", async () => {
    const { flags } = scoped();
    const clash = manifestProject([
      { key: "dbPassword", kind: "secret" },
      { key: "db_password", kind: "parameter" },
    ]);
    const clashed = await runCli(["exec", ...flags, "--", "true"], { cwd: clash });
    expect(clashed.code).toBe(2);
    expect(clashed.stderr).toContain("error: dbPassword and db_password would both become DB_PASSWORD");

    const ready = await seeded();
    const none = await runCli(["exec", ...ready.flags, "--"], { cwd: ready.cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error: exec needs a command after --");
    const unknown = await runCli(["exec", ...ready.flags, "--", "no-such-program-xyz"], { cwd: ready.cwd });
    expect(unknown.code).toBe(127);
    expect(unknown.stderr).toContain("error: command not found: no-such-program-xyz");
  });
});
