import { ConfigError, ValidationError } from "../runtime/errors.js";
import type { AwsOptions } from "../runtime/types.js";

/** The AWS services this package talks to. */
export type Service = "ssm" | "secretsmanager";

/** The part of an AWS SDK v3 client that this package relies on. */
export interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
  config: { region: () => Promise<string> };
  // Loosely typed: the SDK's own overloads are not assignable to a narrower signature.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { add(middleware: any, options: { step: "build"; name: string }): void };
}

/** A shared client and the region it resolved to. */
export interface ClientHandle<C extends SdkClient = SdkClient> {
  client: C;
  region: string;
  service: Service;
}

/** The configuration handed to an SDK client constructor. */
export interface SdkClientConfig {
  region?: string;
  profile?: string;
  credentials?: AwsOptions["credentials"];
  endpoint?: string;
  maxAttempts: number;
  retryMode: "standard";
}

/** PRD 6.2: 5 attempts in all, with the SDK's standard exponential backoff and full jitter. */
export const MAX_ATTEMPTS = 5;

const registry = new Map<string, Promise<ClientHandle>>();
const credentialIds = new WeakMap<object, number>();
let nextCredentialId = 1;

/** The environment variables the SDK reads for a custom endpoint, most specific first. */
const ENDPOINT_ENV: Readonly<Record<Service, string[]>> = {
  ssm: ["AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL"],
  secretsmanager: ["AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL"],
};

/** Credentials are compared by identity: two equal-looking providers may still differ. */
function credentialKey(credentials: AwsOptions["credentials"]): string {
  if (credentials === undefined) return "";
  let id = credentialIds.get(credentials);
  if (id === undefined) {
    id = nextCredentialId++;
    credentialIds.set(credentials, id);
  }
  return `c${id}`;
}

/** Identifies one shared client: equal keys, one client. */
export function clientKey(service: Service, options: AwsOptions): string {
  return JSON.stringify([service, options.region ?? "", options.profile ?? "", options.endpoint ?? "", credentialKey(options.credentials)]);
}

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(hostname: string | undefined): boolean {
  if (!hostname) return false;
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * PRD 6.1, HTTPS only: refuses a plain-http endpoint unless it is loopback.
 * @throws ValidationError before any request is made.
 */
export function assertSafeEndpoint(endpoint: string, source: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ValidationError(`The endpoint ${JSON.stringify(endpoint)} (from ${source}) is not a valid URL`);
  }
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return;
  throw new ValidationError(
    `Refusing the endpoint ${url.origin} (from ${source}): only https endpoints are allowed, and plain http only on loopback (localhost, 127.0.0.1, ::1)`,
    { hint: "use an https:// endpoint, or unset it to use AWS's own" },
  );
}

/** The custom endpoint that will be used, if any, and where it came from. */
export function configuredEndpoint(service: Service, options: AwsOptions, env: NodeJS.ProcessEnv = process.env): { url: string; source: string } | undefined {
  if (options.endpoint !== undefined) return { url: options.endpoint, source: "the endpoint option" };
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === "true") return undefined;
  for (const name of ENDPOINT_ENV[service]) {
    const value = env[name];
    if (value) return { url: value, source: name };
  }
  return undefined;
}

/**
 * Raised inside the SDK's middleware stack when a request would leave over
 * plain http to a non-loopback host, for example through an `endpoint_url` in
 * `~/.aws/config` that the checks above cannot see.
 */
export class InsecureRequestError extends ValidationError {
  override name = "InsecureRequestError";
}

function httpsOnlyMiddleware(next: (args: { request: unknown }) => Promise<unknown>) {
  return async (args: { request: unknown }) => {
    const request = args.request as { protocol?: string; hostname?: string } | undefined;
    if (request?.protocol === "http:" && !isLoopbackHost(request.hostname)) {
      throw new InsecureRequestError(`Refusing to send a request over plain http to ${request.hostname}: only https is allowed, except on loopback`);
    }
    return next(args);
  };
}

/**
 * Returns the one client for this service and configuration, creating it on
 * first use. `create` is where the service's SDK module is imported, so a
 * process that only uses Secrets Manager never loads the SSM client.
 */
export function sharedClient<C extends SdkClient>(service: Service, options: AwsOptions, create: (config: SdkClientConfig) => Promise<C>): Promise<ClientHandle<C>> {
  const endpoint = configuredEndpoint(service, options);
  if (endpoint) assertSafeEndpoint(endpoint.url, endpoint.source);
  const key = clientKey(service, options);
  let handle = registry.get(key);
  if (!handle) {
    handle = createHandle(service, options, create);
    registry.set(key, handle);
    // A failed creation (say, no region) must not stay cached: the next call may fix the env.
    handle.catch(() => registry.get(key) === handle && registry.delete(key));
  }
  return handle as Promise<ClientHandle<C>>;
}

async function createHandle<C extends SdkClient>(service: Service, options: AwsOptions, create: (config: SdkClientConfig) => Promise<C>): Promise<ClientHandle<C>> {
  const config: SdkClientConfig = { maxAttempts: MAX_ATTEMPTS, retryMode: "standard" };
  if (options.region !== undefined) config.region = options.region;
  if (options.profile !== undefined) config.profile = options.profile;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  const client = await create(config);
  client.middlewareStack.add(httpsOnlyMiddleware, { step: "build", name: "senvarHttpsOnly" });
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    client.destroy();
    throw new ConfigError("No AWS region is configured", { hint: "pass { region }, use --region, or set AWS_REGION (or a region in your AWS profile)" });
  }
  if (!region) {
    client.destroy();
    throw new ConfigError("No AWS region is configured", { hint: "pass { region }, use --region, or set AWS_REGION (or a region in your AWS profile)" });
  }
  return { client, region, service };
}

/** How many shared clients exist now (for tests and diagnostics). */
export function sharedClientCount(): number {
  return registry.size;
}

/**
 * Destroys every shared client, so the next call creates fresh ones.
 * Meant for tests that change the environment between cases.
 *
 * @example
 * ```ts
 * afterEach(() => resetClients());
 * ```
 */
export function resetClients(): void {
  const handles = [...registry.values()];
  registry.clear();
  for (const handle of handles) handle.then((h) => h.client.destroy(), () => undefined);
}

/**
 * A failed AWS call, before it is mapped to a public error: it keeps the IAM
 * action and the region. It never leaves the package; the variable's error
 * boundary turns it into a {@link SenvarError} with the value redacted.
 */
export class AwsCallFailure extends Error {
  override name = "AwsCallFailure";
  constructor(
    readonly action: string,
    readonly region: string,
    readonly original: unknown,
  ) {
    super(`AWS call ${action} failed`);
  }

  /** AWS's error name, e.g. `ResourceNotFoundException`. */
  get code(): string {
    const err = this.original as { name?: string; Code?: string } | undefined;
    return err?.name ?? err?.Code ?? "UnknownError";
  }
}

/** Sends one command; any failure comes back as an {@link AwsCallFailure} naming `action`. */
export async function send<T>(handle: ClientHandle, command: unknown, action: string): Promise<T> {
  try {
    return (await handle.client.send(command)) as T;
  } catch (error) {
    throw new AwsCallFailure(action, handle.region, error);
  }
}

/**
 * Sends a paginated command page after page until AWS returns no NextToken,
 * and returns the items of every page, in order. `command` builds one page's
 * request from the token part (`{}` for the first page, then `{ NextToken }`).
 */
export async function sendAllPages<Page extends { NextToken?: string }, Item>(
  handle: ClientHandle,
  command: (token: { NextToken?: string }) => unknown,
  action: string,
  itemsOf: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const found: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await send<Page>(handle, command(nextToken ? { NextToken: nextToken } : {}), action);
    found.push(...(itemsOf(page) ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return found;
}
