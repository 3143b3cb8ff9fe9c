// Points the SDK under test at a fault proxy in front of moto for one test file,
// with fresh shared clients for every test: the standard retry strategy keeps a
// retry quota (token bucket) per client, and a test that spends it must not make
// the next one give up early.
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { resetClients } from "../../src/index.js";
import { startFaultProxy, type FaultProxy } from "./faultProxy.js";

/** The proxy of the current file, and the moto it forwards to. */
export interface ProxyContext {
  readonly proxy: FaultProxy;
  /** moto itself, for seeding and checking without going through the proxy. */
  readonly motoUrl: string;
}

/**
 * Registers the hooks and returns the context (filled in by `beforeAll`).
 * @param options.resetBetweenTests false for files whose tests run concurrently
 *   and keep apart by themselves (own clients, faults matched by name).
 */
export function useFaultProxy(options: { resetBetweenTests?: boolean } = {}): ProxyContext {
  const perTest = options.resetBetweenTests !== false;
  const motoUrl = process.env.AWS_ENDPOINT_URL!;
  const context = { proxy: undefined as unknown as FaultProxy, motoUrl };
  beforeAll(async () => {
    context.proxy = await startFaultProxy(motoUrl);
    process.env.AWS_ENDPOINT_URL = context.proxy.url;
    resetClients();
  });
  afterAll(async () => {
    process.env.AWS_ENDPOINT_URL = motoUrl;
    resetClients();
    await context.proxy.close();
  });
  beforeEach(() => {
    if (!perTest) return;
    resetClients();
    context.proxy.reset();
  });
  afterEach(() => {
    if (perTest) resetClients();
  });
  return context;
}

/**
 * Distinct static credentials (same keys, new identity): variables given these
 * get a client of their own, hence a retry quota of their own, so that runs in
 * parallel do not drain each other's.
 */
export function ownClient(): { credentials: { accessKeyId: string; secretAccessKey: string } } {
  return { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
}
