// The README's "IAM actions by command" table, measured: each command runs
// through a proxy in front of moto that records every request's X-Amz-Target.
// Every action a command calls must be in its row (calls, or "also needed"),
// and every action listed as called must really be called by some scenario.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { repoRoot, runCli, tempProject } from "../support/cli.js";
import { startFaultProxy, type FaultProxy } from "../support/faultProxy.js";
import { getAll, Parameter, resetClients, Secret } from "../../src/index.js";
import { section } from "./markdown.js";

interface Row {
  calls: Set<string>;
  alsoNeeded: Set<string>;
}

const ACTION = /\b(?:secretsmanager|ssm|kms):[A-Za-z]+/g;

/** The table's rows by subject: `secrets get` → …, `get()` → …; a cell may name several commands. */
function iamTable(): Map<string, Row> {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const rows = new Map<string, Row>();
  for (const line of section(readme, /^IAM actions by command$/).split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 5 || !cells[1]!.startsWith("`")) continue;
    const row = { calls: new Set(cells[2]!.match(ACTION) ?? []), alsoNeeded: new Set(cells[3]!.match(ACTION) ?? []) };
    for (const subject of cells[1]!.match(/`([^`]+)`/g) ?? []) rows.set(subject.slice(1, -1), row);
  }
  return rows;
}

/** "secretsmanager.GetSecretValue" / "AmazonSSM.GetParameter" → the IAM action. */
function iamAction(target: string): string {
  const [service, operation] = target.split(".");
  return `${service === "AmazonSSM" ? "ssm" : service!.toLowerCase()}:${operation}`;
}

let proxy: FaultProxy;
const motoUrl = process.env.AWS_ENDPOINT_URL!;

beforeAll(async () => {
  proxy = await startFaultProxy(motoUrl);
});
afterAll(async () => {
  process.env.AWS_ENDPOINT_URL = motoUrl;
  resetClients();
  await proxy.close();
});

/** Runs the CLI through the proxy (with a fresh scope, no manifest) and returns the IAM actions it called. */
async function cliActions(args: string[], options: { input?: string; scope: string[]; cwd: string }): Promise<Set<string>> {
  proxy.reset();
  const result = await runCli([...args, ...options.scope], { cwd: options.cwd, env: { AWS_ENDPOINT_URL: proxy.url }, input: options.input ?? "" });
  expect(result.code, `secrets ${args.join(" ")}: ${result.stderr}`).toBe(0);
  return new Set(proxy.requests.map((r) => iamAction(r.target)));
}

/** Seeds without the proxy, so that setup calls are not counted. */
async function seed(args: string[], scope: string[], cwd: string, input?: string): Promise<void> {
  const result = await runCli([...args, ...scope], { cwd, input: input ?? "" });
  expect(result.code, result.stderr).toBe(0);
}

function expectRow(subject: string, observed: Set<string>[]): void {
  const row = iamTable().get(subject);
  expect(row, `the README's IAM table has a row for ${subject}`).toBeDefined();
  const union = new Set(observed.flatMap((s) => [...s]));
  const documented = new Set([...row!.calls, ...row!.alsoNeeded]);
  expect([...union].filter((a) => !documented.has(a)).sort(), `${subject} calls actions its README row does not list`).toEqual([]);
  expect([...row!.calls].filter((a) => !union.has(a)).sort(), `${subject}: the README lists calls no scenario made`).toEqual([]);
}

describe("the README's IAM table matches what each command calls", () => {
  const { app, stage } = uniqueScope("iam");
  const scope = ["--app", app, "--stage", stage];
  let cwd: string;
  beforeAll(() => {
    const handler = `export default async (old?: string): Promise<string> => (old ?? "") + "+";`;
    cwd = tempProject({ "secrets/rotation/autoKey.ts": handler, "secrets/rotation/freshKey.ts": handler });
  });

  it("secrets set: new and existing, Secret and Parameter", async () => {
    expectRow("secrets set", [
      await cliActions(["set", "newSecret", "--secret", "-"], { scope, cwd, input: "v1" }),
      await cliActions(["set", "newSecret", "-"], { scope, cwd, input: "v2" }),
      await cliActions(["set", "newParam", "one"], { scope, cwd }),
      await cliActions(["set", "newParam", "two"], { scope, cwd }),
    ]);
  });

  it("secrets get: a Secret and a Parameter, backend unknown", async () => {
    expectRow("secrets get", [await cliActions(["get", "newSecret"], { scope, cwd }), await cliActions(["get", "newParam"], { scope, cwd })]);
  });

  it("secrets rotate: manual, --auto, and --auto creating the secret", async () => {
    await seed(["set", "autoKey", "--secret", "-"], scope, cwd, "k");
    expectRow("secrets rotate", [
      await cliActions(["rotate", "newSecret"], { scope, cwd, input: "v3" }),
      await cliActions(["rotate", "autoKey", "--auto"], { scope, cwd }),
      await cliActions(["rotate", "freshKey", "--auto", "--secret"], { scope, cwd }),
    ]);
  });

  it("secrets list", async () => {
    expectRow("secrets list", [await cliActions(["list"], { scope, cwd })]);
  });

  it("secrets delete: a Secret and a Parameter", async () => {
    expectRow("secrets delete", [await cliActions(["delete", "newSecret", "--force", "--permanent"], { scope, cwd }), await cliActions(["delete", "newParam", "--force"], { scope, cwd })]);
  });

  it("secrets history and rollback: a Secret and a Parameter", async () => {
    await seed(["set", "histSecret", "--secret", "-"], scope, cwd, "h1");
    await seed(["set", "histSecret", "-"], scope, cwd, "h2");
    await seed(["set", "histParam", "one"], scope, cwd);
    await seed(["set", "histParam", "two"], scope, cwd);
    expectRow("secrets history", [await cliActions(["history", "histSecret"], { scope, cwd }), await cliActions(["history", "histParam"], { scope, cwd })]);
    expectRow("secrets rollback", [await cliActions(["rollback", "histSecret", "--force"], { scope, cwd }), await cliActions(["rollback", "histParam", "--force"], { scope, cwd })]);
  });

  it("secrets restore", async () => {
    await seed(["set", "restoreMe", "--secret", "-"], scope, cwd, "r");
    await seed(["delete", "restoreMe", "--force"], scope, cwd);
    expectRow("secrets restore", [await cliActions(["restore", "restoreMe"], { scope, cwd })]);
  });

  it("secrets status, exec and export: everything declared", async () => {
    const project = tempProject({
      "secrets/variables.ts": 'import { Parameter, Secret } from "@senvar/secrets";\nexport const declaredSecret = new Secret("declaredSecret");\nexport const declaredParam = new Parameter("declaredParam", { encrypted: true });\n',
    });
    await seed(["codegen"], scope, project);
    await seed(["set", "declaredSecret", "s"], scope, project);
    await seed(["set", "declaredParam", "p"], scope, project);
    expectRow("secrets status", [await cliActions(["status"], { scope, cwd: project })]);
    // exec's own flags go before "--": everything after it belongs to the child.
    expectRow("secrets exec", [await cliActions(["exec", ...scope, "--", process.execPath, "-e", "process.exit(process.env.DECLARED_SECRET ? 0 : 1)"], { scope: [], cwd: project })]);
    expectRow("secrets export", [await cliActions(["export", "--format", "json"], { scope, cwd: project })]);
  });

  it("secrets define, codegen and pulumi:generate make no AWS call", async () => {
    const project = tempProject();
    const observed = [
      await cliActions(["define", "someKey", "--secret"], { scope, cwd: project }),
      await cliActions(["codegen"], { scope, cwd: project }),
      await cliActions(["pulumi:generate"], { scope, cwd: project }),
    ];
    expect(observed.map((s) => [...s])).toEqual([[], [], []]);
    for (const subject of ["secrets define", "secrets codegen", "secrets pulumi:generate"]) expect(iamTable().get(subject)?.calls.size, subject).toBe(0);
  });

  it("get() and getAll() at run time", async () => {
    await seed(["set", "runtimeSecret", "--secret", "-"], scope, cwd, "s");
    await seed(["set", "runtimeParam", "p"], scope, cwd);
    process.env.AWS_ENDPOINT_URL = proxy.url;
    resetClients();
    const secret = new Secret("runtimeSecret", { app, stage });
    const parameter = new Parameter("runtimeParam", { app, stage });
    const observe = async (work: () => Promise<unknown>) => {
      proxy.reset();
      await work();
      return new Set(proxy.requests.map((r) => iamAction(r.target)));
    };
    expectRow("get()", [await observe(() => secret.get()), await observe(() => parameter.get())]);
    expectRow("getAll()", [await observe(() => getAll({ secret, parameter }))]);
  });
});
