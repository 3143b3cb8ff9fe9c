// PRD 6.2: retry with exponential backoff, 5 attempts, jitter. The SDK's own
// standard retry strategy does the retrying (src/providers/clients.ts); these
// tests check what reaches the wire, through the fault proxy.
//
// Every variable here gets a client of its own (ownClient), so each run has a
// fresh retry quota and the tests can run concurrently: faults are matched by
// the variable's name in the request body, never shared.
import { describe, expect, it } from "vitest";
import { AwsRequestError, Parameter, Secret, ThrottledError, type SenvarError } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import type { Fault, FaultProxy } from "../support/faultProxy.js";
import { seedParameter, seedSecret } from "../support/moto.js";
import { ownClient, useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy({ resetBetweenTests: false });

/** Timestamps of the requests that carried `name` (to `operation`, if given), in order. */
function attemptTimes(proxy: FaultProxy, name: string, operation?: string): number[] {
  return proxy.requests.filter((r) => r.body.includes(`"${name}"`) && (operation === undefined || r.target.endsWith(`.${operation}`))).map((r) => r.at);
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function newSecret(label: string, value = "retry-value"): Promise<Secret> {
  const secret = new Secret(label, { ...uniqueScope("r"), ...ownClient() });
  await seedSecret(secret.fullName, value);
  return secret;
}

async function newParameter(label: string, value = "retry-value"): Promise<Parameter> {
  const parameter = new Parameter(label, { ...uniqueScope("r"), ...ownClient() });
  await seedParameter(parameter.fullName, value);
  return parameter;
}

/** What each fault must turn into once the SDK gives up. */
const EXHAUSTED: Record<"throttle" | "server-error" | "reset", (error: SenvarError, name: string) => void> = {
  throttle: (error, name) => {
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).attempts).toBe(5);
    expect(error.message).toContain(name);
    expect(error.message).toMatch(/throttled/i);
    expect(error.message).toContain("after 5 attempts");
  },
  "server-error": (error, name) => {
    expect(error).toBeInstanceOf(AwsRequestError);
    expect((error as AwsRequestError).statusCode).toBe(500);
    expect((error as AwsRequestError).code).toBe("InternalServiceError");
    expect(error.message).toContain(name);
    expect(error.message).toContain("after 5 attempts");
  },
  reset: (error, name) => {
    expect(error).toBeInstanceOf(AwsRequestError);
    expect((error as AwsRequestError).code).toBe("ECONNRESET");
    expect(error.message).toContain(name);
    expect(error.message).toContain("after 5 attempts");
  },
};

// The throttling backoff base is a second, the others 50 ms. Throttled runs go
// in parallel (the waits dwarf any overhead, and one after another would take
// minutes). Transient-fault runs go one after another on warmed-up clients:
// 24 fresh clients failing at once on a loaded 2-core machine add ~100 ms to
// the first waits only, which is the size of the thing being measured.
const CASES: { fault: Fault & keyof typeof EXHAUSTED; label: string; runs: number; parallel: boolean; timeout: number }[] = [
  { fault: "throttle", label: "throttling", runs: 16, parallel: true, timeout: 90_000 },
  { fault: "server-error", label: "500 InternalServiceError", runs: 24, parallel: false, timeout: 60_000 },
  { fault: "reset", label: "connection reset", runs: 24, parallel: false, timeout: 60_000 },
];

describe.concurrent.each(CASES)("retries on $label", ({ fault, runs, parallel, timeout }) => {
  const tag = fault.replace("-", "");
  it(
    "4 faults then a success take exactly 5 attempts, and the call succeeds (Secret.get, Parameter.get, Secret.set, Parameter.set)",
    async () => {
      const secret = await newSecret(`get${tag}`, "secret-before");
      const parameter = await newParameter(`get${tag}`, "parameter-before");
      const secretW = await newSecret(`set${tag}`);
      const parameterW = await newParameter(`set${tag}`);
      for (const [target, name] of [
        ["GetSecretValue", secret.fullName],
        ["GetParameter", parameter.fullName],
        ["PutSecretValue", secretW.fullName],
        ["PutParameter", parameterW.fullName],
      ] as const) {
        ctx.proxy.inject({ target, match: `"${name}"`, fault, times: 4 });
      }
      const [a, b] = await Promise.all([secret.get(), parameter.get(), secretW.set("written"), parameterW.set("written")]);
      expect([a, b]).toEqual(["secret-before", "parameter-before"]);
      expect(attemptTimes(ctx.proxy, secret.fullName)).toHaveLength(5);
      expect(attemptTimes(ctx.proxy, parameter.fullName)).toHaveLength(5);
      expect(attemptTimes(ctx.proxy, secretW.fullName, "PutSecretValue")).toHaveLength(5);
      // PutParameter without overwrite finds it there, then the overwrite succeeds at once.
      expect(attemptTimes(ctx.proxy, parameterW.fullName, "PutParameter")).toHaveLength(6);
      expect(await secretW.get()).toBe("written");
      expect(await parameterW.get()).toBe("written");
    },
    timeout,
  );

  it(
    "a persistent fault gives up after exactly 5 attempts, with an error naming the variable, the region and the attempts",
    async () => {
      const secret = await newSecret(`dead${tag}`);
      const parameter = await newParameter(`dead${tag}`);
      ctx.proxy.inject({ match: `"${secret.fullName}"`, fault, times: 1_000 });
      ctx.proxy.inject({ match: `"${parameter.fullName}"`, fault, times: 1_000 });
      const [secretError, parameterError] = (await Promise.all([rejection(secret.get()), rejection(parameter.set("x"))])) as SenvarError[];
      EXHAUSTED[fault](secretError!, secret.fullName);
      EXHAUSTED[fault](parameterError!, parameter.fullName);
      expect(secretError!.message).toContain("secretsmanager:GetSecretValue");
      expect(parameterError!.message).toContain("ssm:PutParameter");
      for (const error of [secretError!, parameterError!]) {
        expect(error.message).toContain("region us-east-1");
        expect(error.region).toBe("us-east-1");
      }
      expect(attemptTimes(ctx.proxy, secret.fullName)).toHaveLength(5);
      expect(attemptTimes(ctx.proxy, parameter.fullName)).toHaveLength(5);
    },
    timeout,
  );

  it(
    `the delays between attempts grow and carry jitter (measured over ${runs} runs)`,
    async () => {
      const secrets = await Promise.all(Array.from({ length: runs }, (_, i) => newSecret(`jitter${tag}${i}`)));
      let errors: SenvarError[];
      if (parallel) {
        for (const s of secrets) ctx.proxy.inject({ match: `"${s.fullName}"`, fault, times: 1_000 });
        errors = (await Promise.all(secrets.map((s) => rejection(s.get())))) as SenvarError[];
      } else {
        await Promise.all(secrets.map((s) => s.get())); // warm up: client, credentials, endpoint
        errors = [];
        for (const s of secrets) {
          ctx.proxy.inject({ target: "GetSecretValue", match: `"${s.fullName}"`, fault, times: 1_000 });
          errors.push((await rejection(s.get())) as SenvarError);
        }
      }
      errors.forEach((error, i) => EXHAUSTED[fault](error, secrets[i]!.fullName));

      // delays[i][run]: the wait before retry i+1 of that run (the warm-up read is not one).
      const perRun = secrets.map((s) => gaps(attemptTimes(ctx.proxy, s.fullName).slice(parallel ? 0 : 1)));
      for (const g of perRun) expect(g).toHaveLength(4);
      const delays = [0, 1, 2, 3].map((i) => perRun.map((g) => g[i]!));
      const means = delays.map(mean);
      if (process.env.SENVAR_TRACE_DELAYS) console.log(fault, "mean delays (ms)", means.map(Math.round), "spread", delays.map((d) => Math.max(...d) - Math.min(...d)));

      // Growth. The standard strategy waits random(0, base * 2^i): the expected
      // waits are 0.5, 1, 2 and 4 times the base. These margins are 4.5+ standard
      // deviations wide at these run counts, and scale-free, so they do not pin the
      // SDK's base (it changed between SDK releases) and survive request overhead.
      expect(means[3]!).toBeGreaterThan(2 * means[0]!);
      expect(means[3]!).toBeGreaterThan(means[1]!);
      expect(means[2]!).toBeGreaterThan(means[0]!);

      // Jitter: the same retry waits differently from run to run (full jitter
      // spreads it over the whole interval; a fixed or near-fixed delay would not).
      for (const i of [2, 3]) {
        const spread = Math.max(...delays[i]!) - Math.min(...delays[i]!);
        expect(spread).toBeGreaterThan(0.5 * means[i]!);
      }
      expect(new Set(perRun.map((g) => g.join(","))).size).toBe(runs);
    },
    timeout,
  );
});
