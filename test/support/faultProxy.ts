// A loopback HTTP proxy in front of moto. It counts requests by X-Amz-Target,
// adds latency, and injects faults for the next N matching requests.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A fault the proxy answers with instead of forwarding. */
export type Fault =
  /** 400 ThrottlingException, which the SDK retries. */
  | "throttle"
  /** 500 InternalServiceError, which the SDK retries. */
  | "server-error"
  /** Resets the TCP connection without an answer. */
  | "reset"
  /** 400 ValidationException that quotes the request's Value / SecretString back, as AWS does. */
  | "echo-validation"
  /** 400 AccessDeniedException naming the action, which the SDK does not retry. */
  | "access-denied"
  /**
   * Forwards the request to moto and reads its whole answer, then resets the
   * client's connection without relaying it: the write happened, but the SDK
   * never hears so and retries the same request (same ClientRequestToken).
   */
  | "lose-response"
  /** Any AWS error answer, given by `status`, `type` and `message`: for AWS behaviour moto lacks. */
  | "aws-error"
  /** No fault: the request goes on to moto after `delayMs`, to hold one call back while another races past it. */
  | "delay";

export interface FaultRule {
  /** Substring of the X-Amz-Target header, e.g. "GetSecretValue"; omitted matches every request. */
  target?: string;
  fault: Fault;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** A substring the request body must contain as well, e.g. a full name, so that parallel runs keep to their own faults. */
  match?: string;
  /** For "echo-validation": quote this text instead of the request's own Value / SecretString. */
  quote?: string;
  /** For "echo-validation": quote only the first this many characters, as AWS does with long values. */
  truncateTo?: number;
  /** For "echo-validation": the message, with `{value}` where the quote goes; AWS's "Value '…' at 'value'" form when omitted. */
  format?: string;
  /** Milliseconds to wait before this fault is applied, on top of `latencyMs`. */
  delayMs?: number;
  /** For "aws-error": the HTTP status (default 400), the error type and its message. */
  status?: number;
  type?: string;
  message?: string;
}

export interface RecordedRequest {
  target: string;
  at: number;
  body: string;
}

export interface FaultProxy {
  url: string;
  requests: RecordedRequest[];
  /** Requests whose X-Amz-Target contains `target` (all when omitted). */
  count(target?: string): number;
  /** Adds a fault for the next `times` matching requests. */
  inject(rule: FaultRule): void;
  /** Milliseconds to wait before forwarding each request. */
  latencyMs: number;
  /** Peak number of requests in flight at once, since the last reset. */
  peakConcurrency: number;
  reset(): void;
  close(): Promise<void>;
}

const AWS_JSON = "application/x-amz-json-1.1";

function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, { "content-type": AWS_JSON, "content-length": Buffer.byteLength(body), "x-amzn-requestid": "fault-proxy" });
  res.end(body);
}

/** The value a request carries, as AWS would quote it back. */
function quotedValue(body: string): string {
  try {
    const parsed = JSON.parse(body) as { Value?: string; SecretString?: string };
    return parsed.Value ?? parsed.SecretString ?? "";
  } catch {
    return "";
  }
}

function actionOf(target: string): string {
  const [service, operation] = target.split(".");
  return `${service === "AmazonSSM" ? "ssm" : "secretsmanager"}:${operation ?? "Unknown"}`;
}

type ActiveRule = FaultRule & { target: string; times: number };

/** Starts a proxy on a free loopback port that forwards to `upstream` (moto). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: ActiveRule[] = [];
  let inFlight = 0;

  const proxy: FaultProxy = {
    url: "",
    requests: [],
    latencyMs: 0,
    peakConcurrency: 0,
    count: (t) => proxy.requests.filter((r) => (t === undefined ? true : r.target.includes(t))).length,
    inject: (rule) => rules.push({ ...rule, target: rule.target ?? "", times: rule.times ?? 1 }),
    reset: () => {
      proxy.requests.length = 0;
      rules.length = 0;
      proxy.latencyMs = 0;
      proxy.peakConcurrency = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** Sends the request on to moto. With `res`, relays the answer; otherwise reads it all and then calls `drop`. */
  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse | undefined, drop?: () => void): void {
    const upstreamReq = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (upstreamRes) => {
        if (!res) {
          upstreamRes.resume();
          upstreamRes.once("end", () => drop?.());
          return;
        }
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on("error", (error) => (res ? awsError(res, 502, "ProxyError", error.message) : drop?.()));
    upstreamReq.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const text = body.toString("utf8");
    const amzTarget = String(req.headers["x-amz-target"] ?? "");
    proxy.requests.push({ target: amzTarget, at: Date.now(), body: text });
    inFlight++;
    proxy.peakConcurrency = Math.max(proxy.peakConcurrency, inFlight);
    res.once("close", () => void inFlight--);
    if (proxy.latencyMs > 0) await new Promise((r) => setTimeout(r, proxy.latencyMs));

    const rule = rules.find((r) => r.times > 0 && amzTarget.includes(r.target) && (r.match === undefined || text.includes(r.match)));
    if (!rule) return forward(req, body, res);
    rule.times--;
    if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
    switch (rule.fault) {
      case "throttle":
        return awsError(res, 400, "ThrottlingException", "Rate exceeded");
      case "server-error":
        return awsError(res, 500, "InternalServiceError", "An internal error occurred");
      case "access-denied":
        return awsError(res, 400, "AccessDeniedException", `User: arn:aws:iam::123456789012:user/test is not authorized to perform: ${actionOf(amzTarget)} on resource: *`);
      case "echo-validation": {
        const quoted = (rule.quote ?? quotedValue(text)).slice(0, rule.truncateTo);
        const format = rule.format ?? "1 validation error detected: Value '{value}' at 'value' failed to satisfy constraint: Member must satisfy regular expression pattern";
        return awsError(res, 400, "ValidationException", format.split("{value}").join(quoted));
      }
      case "reset":
        req.socket.resetAndDestroy();
        return;
      case "aws-error":
        return awsError(res, rule.status ?? 400, rule.type ?? "InvalidRequestException", rule.message ?? "");
      case "delay":
        return forward(req, body, res);
      case "lose-response":
        // `res` is never answered: the socket goes down once moto has done the work.
        return forward(req, body, undefined, () => req.socket.resetAndDestroy());
    }
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void handle(req, res, Buffer.concat(chunks)));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  // Node closes idle keep-alive sockets after 5 s, less than the SDK's longest
  // throttling backoff: a retry could then land on a socket the proxy is just
  // closing and fail as a reset, which AWS's own long keep-alive never causes.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  const close = proxy.close;
  proxy.close = () => {
    for (const socket of sockets) socket.destroy();
    return close();
  };
  return proxy;
}
