// Runtime and CLI benchmarks for issue 7: bundle size, import cost, cold-start
// getAll, the Powertools comparison, `secrets get` against the AWS CLI, and a
// module trace of `secrets --help`. Every figure is a side-by-side ratio from
// one run, medians over several repetitions (min / median / max reported).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { startFaultProxy } from "../test/support/faultProxy.js";
import { motoEnv, startMoto } from "../test/support/moto.mjs";
import { formatStats, stats, type Row, type Stats } from "./table.js";

const root = process.env.SENVAR_BENCH_ROOT ?? resolve(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** A scratch app whose node_modules resolves @senvar/secrets to this repo, as an installed package would. */
function scratchApp(): string {
  const dir = mkdtempSync(join(tmpdir(), "senvar-bench-"));
  mkdirSync(join(dir, "node_modules/@senvar"), { recursive: true });
  symlinkSync(root, join(dir, "node_modules/@senvar/secrets"));
  // The bare-SDK baselines import the client from the app, as a user's code would.
  symlinkSync(join(root, "node_modules/@aws-sdk"), join(dir, "node_modules/@aws-sdk"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  return dir;
}

const FORBIDDEN_IN_BUNDLE = ["ts-morph", "handlebars", "prompts", "sade", "@pulumi", "client-ssm", "kleur", "jiti"];

async function bundleSize(app: string): Promise<Row[]> {
  writeFileSync(
    join(app, "ours.mjs"),
    `import { Secret } from "@senvar/secrets";
const dbPassword = new Secret("dbPassword");
export const handler = async () => ({ statusCode: 200, body: String((await dbPassword.get()).length) });
`,
  );
  writeFileSync(
    join(app, "bare.mjs"),
    `import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
const client = new SecretsManagerClient({});
export const handler = async () => {
  const out = await client.send(new GetSecretValueCommand({ SecretId: \`\${process.env.SST_APP}-\${process.env.SST_STAGE}-dbPassword\` }));
  return { statusCode: 200, body: String(out.SecretString.length) };
};
`,
  );
  const bundle = async (entry: string) => {
    const result = await build({
      entryPoints: [join(app, entry)],
      bundle: true,
      minify: true,
      platform: "node",
      format: "esm",
      write: false,
      metafile: true,
      nodePaths: [join(root, "node_modules")],
      logLevel: "silent",
    });
    const output = Object.values(result.metafile.outputs)[0]!;
    const included = Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
    return { bytes: result.outputFiles[0]!.contents.byteLength, included };
  };
  const ours = await bundle("ours.mjs");
  const bare = await bundle("bare.mjs");
  const leaked = FORBIDDEN_IN_BUNDLE.filter((name) => ours.included.some((path) => path.includes(`/${name}`)));
  const ratio = ours.bytes / bare.bytes;
  return [
    { measure: "Bundle: handler reading one Secret (esbuild, minified, esm)", ours: `${(ours.bytes / 1024).toFixed(1)} KB`, baseline: `${(bare.bytes / 1024).toFixed(1)} KB bare client`, ratio, target: "≤ 1.10×", pass: ratio <= 1.1 },
    { measure: "Bundle contains none of ts-morph, handlebars, prompts, sade, @pulumi, SSM client", ours: leaked.length ? leaked.join(", ") : "none", baseline: "-", target: "none", pass: leaked.length === 0 },
  ];
}

function timeProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
  return ms;
}

/**
 * Runs every measure once per round, round after round, so that load swings
 * on a shared machine hit all of them alike; one warm-up round is discarded.
 */
function interleaved<K extends string>(measures: Record<K, () => number>): Record<K, Stats> {
  const keys = Object.keys(measures) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round <= RUNS; round++) {
    for (const key of keys) {
      const ms = measures[key]();
      if (round > 0) samples[key].push(ms);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, stats(samples[k])])) as Record<K, Stats>;
}

function importCost(app: string): Row[] {
  const node = process.execPath;
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  const { bare, ours, sdk } = interleaved({
    bare: () => timeProcess(node, ["--input-type=module", "-e", ""], { cwd: app, env }),
    ours: () => timeProcess(node, ["--input-type=module", "-e", 'await import("@senvar/secrets")'], { cwd: app, env }),
    sdk: () => timeProcess(node, ["--input-type=module", "-e", 'await import("@aws-sdk/client-secrets-manager")'], { cwd: app, env }),
  });
  const oursCost = ours.median - bare.median;
  const sdkCost = sdk.median - bare.median;
  const ratio = oursCost / sdkCost;
  return [
    {
      measure: "Import cost: import(\"@senvar/secrets\") minus bare node",
      ours: `${oursCost.toFixed(1)} ms (${formatStats(ours)})`,
      baseline: `${sdkCost.toFixed(1)} ms client-secrets-manager (${formatStats(sdk)}); bare node ${formatStats(bare)}`,
      ratio,
      target: "≤ 0.5×",
      pass: ratio <= 0.5,
    },
  ];
}

async function coldStart(motoUrl: string): Promise<Row[]> {
  const proxy = await startFaultProxy(motoUrl);
  process.env.AWS_ENDPOINT_URL = proxy.url;
  // Loaded from dist by URL so the bundler that runs this file leaves it alone.
  const senvar = (await import(pathToFileURL(join(root, "dist/index.js")).href)) as typeof import("../src/index.js");
  const { SSMClient, PutParameterCommand } = await import("@aws-sdk/client-ssm");
  const { SecretsManagerClient, CreateSecretCommand } = await import("@aws-sdk/client-secrets-manager");
  const scope = { app: `bench${Date.now().toString(36)}`, stage: "cold" };
  const parameters = Array.from({ length: 25 }, (_, i) => new senvar.Parameter(`param${i}`, { ...scope, encrypted: i % 2 === 0 }));
  const secrets = Array.from({ length: 25 }, (_, i) => new senvar.Secret(`secret${i}`, scope));
  const ssm = new SSMClient({ endpoint: motoUrl });
  const sm = new SecretsManagerClient({ endpoint: motoUrl });
  for (const p of parameters) await ssm.send(new PutParameterCommand({ Name: p.fullName, Value: `v-${p.name}`, Type: p.encrypted ? "SecureString" : "String" }));
  for (const s of secrets) await sm.send(new CreateSecretCommand({ Name: s.fullName, SecretString: `v-${s.name}` }));
  const all = [...parameters, ...secrets];
  proxy.latencyMs = 30;

  const measure = async (fn: () => Promise<unknown>) => {
    const times: number[] = [];
    let requests = 0;
    let peak = 0;
    for (let run = 0; run <= RUNS; run++) {
      senvar.resetClients();
      proxy.requests.length = 0;
      proxy.peakConcurrency = 0;
      const started = performance.now();
      await fn();
      if (run > 0) times.push(performance.now() - started); // run 0 warms module loading
      requests = proxy.requests.length;
      peak = proxy.peakConcurrency;
    }
    return { stats: stats(times), requests, peak };
  };

  const batched = await measure(() => senvar.getAll(all));
  const sequential = await measure(async () => {
    for (const v of all) await v.get();
  });

  const powertools = await measure(async () => {
    const { SSMProvider } = await import("@aws-lambda-powertools/parameters/ssm");
    const { SecretsProvider } = await import("@aws-lambda-powertools/parameters/secrets");
    const ssmProvider = new SSMProvider({ clientConfig: { endpoint: proxy.url } });
    const secretsProvider = new SecretsProvider({ clientConfig: { endpoint: proxy.url } });
    await Promise.all([
      ssmProvider.getParametersByName(Object.fromEntries(parameters.map((p) => [p.fullName, { decrypt: p.encrypted }])), { maxAge: 0 }),
      ...secrets.map((s) => secretsProvider.get(s.fullName, { forceFetch: true })),
    ]);
  });
  await proxy.close();

  const ratio = batched.stats.median / sequential.stats.median;
  return [
    {
      measure: "Cold start: getAll(25 Parameters + 25 Secrets), 30 ms per request",
      ours: `${batched.requests} requests (peak ${batched.peak} in flight), ${formatStats(batched.stats)}`,
      baseline: `50 sequential get(): ${sequential.requests} requests, ${formatStats(sequential.stats)}`,
      ratio,
      target: "≤ 5 requests, ≤ 0.15×",
      pass: batched.requests <= 5 && ratio <= 0.15,
    },
    {
      measure: "Peer: Powertools getParametersByName + getSecret ×25, concurrent",
      ours: `${batched.requests} requests, ${formatStats(batched.stats)}`,
      baseline: `Powertools: ${powertools.requests} requests (peak ${powertools.peak}), ${formatStats(powertools.stats)}`,
      ratio: batched.stats.median / powertools.stats.median,
      target: "reported",
      pass: true,
    },
  ];
}

function cliGet(motoUrl: string): Row[] {
  const env = { ...process.env, ...motoEnv(motoUrl) };
  const name = `bench${Date.now().toString(36)}-cli-flag`;
  execFileSync(process.execPath, [join(root, "dist/cli/bin.js"), "set", name, "on", "--parameter"], { env, stdio: "ignore" });
  const { ours, oursKnown, aws } = interleaved({
    ours: () => timeProcess(process.execPath, [join(root, "dist/cli/bin.js"), "get", name], { env }),
    oursKnown: () => timeProcess(process.execPath, [join(root, "dist/cli/bin.js"), "get", name, "--parameter"], { env }),
    aws: () => timeProcess("aws", ["--endpoint-url", motoUrl, "ssm", "get-parameter", "--name", name, "--with-decryption"], { env }),
  });
  const ratio = ours.median / aws.median;
  return [
    { measure: "`secrets get <name>` (backend probed), whole process", ours: formatStats(ours), baseline: `aws ssm get-parameter: ${formatStats(aws)}`, ratio, target: "≤ 0.5×", pass: ratio <= 0.5 },
    { measure: "`secrets get <name> --parameter` (backend known), whole process", ours: formatStats(oursKnown), baseline: `aws ssm get-parameter: ${formatStats(aws)}`, ratio: oursKnown.median / aws.median, target: "≤ 0.5×", pass: oursKnown.median / aws.median <= 0.5 },
  ];
}

function helpTrace(): Row[] {
  const trace = join(mkdtempSync(join(tmpdir(), "senvar-help-")), "modules.txt");
  execFileSync(process.execPath, ["--import", join(root, "test/support/loadTrace.mjs"), join(root, "dist/cli/bin.js"), "--help"], {
    env: { ...process.env, SENVAR_LOAD_TRACE: trace },
    stdio: "ignore",
  });
  const loaded = readFileSync(trace, "utf8").split("\n").filter(Boolean);
  const heavy = ["ts-morph", "handlebars", "@pulumi", "client-ssm", "client-secrets-manager"].filter((name) => loaded.some((url) => url.includes(name)));
  return [{ measure: "`secrets --help` module-load trace", ours: `${new Set(loaded).size} modules; heavy: ${heavy.length ? heavy.join(", ") : "none"}`, baseline: "-", target: "no ts-morph, handlebars, @pulumi", pass: !heavy.some((h) => ["ts-morph", "handlebars", "@pulumi"].includes(h)) }];
}

/** Runs every runtime/CLI measure and returns table rows. */
export async function runtimeBenchmarks(): Promise<Row[]> {
  const app = scratchApp();
  const moto = await startMoto();
  Object.assign(process.env, motoEnv(moto.url));
  try {
    return [...(await bundleSize(app)), ...importCost(app), ...(await coldStart(moto.url)), ...cliGet(moto.url), ...helpTrace()];
  } finally {
    await moto.stop();
  }
}
