import { AwsCallFailure } from "../providers/clients.js";
import {
  AccessDeniedError,
  AwsRequestError,
  ConfigError,
  ConflictError,
  NotFoundError,
  RedactedAwsError,
  SenvarError,
  ThrottledError,
  ValidationError,
} from "./errors.js";
import { redact } from "./redact.js";

/** What the error boundary knows about the call that failed. */
export interface FailureContext {
  /** The full name(s) the call was about. */
  variables: readonly string[];
  /** "secret" or "parameter", for the message. */
  label: string;
  /** Values the call sent or read, to strip from any AWS text. */
  values: readonly string[];
}

const NOT_FOUND = new Set(["ResourceNotFoundException", "ParameterNotFound", "ParameterVersionNotFound"]);
const ACCESS_DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedException", "KMSAccessDeniedException"]);
const THROTTLED = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "TooManyUpdates",
  "ProvisionedThroughputExceededException",
]);
const CONFLICT = new Set(["ResourceExistsException", "ParameterAlreadyExists", "PreconditionNotMetException", "ConcurrentModificationException"]);
const BAD_CREDENTIALS = new Set(["UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch"]);
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  stack?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/** A redacted copy of an SDK error, safe to keep as a `cause`. */
export function redactedCause(original: unknown, values: readonly string[]): RedactedAwsError {
  const err = (original ?? {}) as SdkErrorShape;
  return new RedactedAwsError({
    code: err.name ?? err.code ?? "UnknownError",
    message: redact(String(err.message ?? ""), values),
    stack: err.stack === undefined ? undefined : redact(err.stack, values),
    statusCode: err.$metadata?.httpStatusCode,
    requestId: err.$metadata?.requestId,
    attempts: err.$metadata?.attempts,
  });
}

function isRead(action: string): boolean {
  return /:(Get|BatchGet|Describe|List)/.test(action);
}

/**
 * The one place where SDK errors become public errors. The result names the
 * variable(s) and the region, and neither it nor its cause holds a value.
 */
export function toSenvarError(error: unknown, context: FailureContext): unknown {
  const names = context.variables;
  const subject = names.length === 1 ? `${context.label} ${names[0]}` : `${context.label}s ${names.join(", ")}`;
  if (!(error instanceof AwsCallFailure)) return withSubject(error, names, subject);
  const { action, region } = error;
  const original = (error.original ?? {}) as SdkErrorShape;
  const where = `${subject} (region ${region})`;
  const details = { variables: names, region };

  if (original instanceof SenvarError) {
    // Raised by our own middleware inside the SDK stack (the https-only rule).
    return new ValidationError(`${original.message}; refused for ${where}`, { ...details, hint: original.hint });
  }

  const code = error.code;
  const cause = redactedCause(original, context.values);
  const awsMessage = cause.message;
  const attempts = original.$metadata?.attempts;
  const withCause = { ...details, cause };

  if (NOT_FOUND.has(code)) {
    return new NotFoundError(`${capitalize(where)} was not found`, { ...withCause, hint: `create it with: secrets set ${names[0]}` });
  }
  if (/marked (for )?delet|scheduled for deletion/i.test(original.message ?? "")) {
    return new NotFoundError(`${capitalize(where)} is scheduled for deletion`, { ...withCause, hint: `undo the deletion with: secrets restore ${names[0]}` });
  }
  if (ACCESS_DENIED.has(code) || (original.$metadata?.httpStatusCode === 403 && !BAD_CREDENTIALS.has(code))) {
    const denied = /\bkms\b/i.test(original.message ?? "") || code.startsWith("KMS") ? (isRead(action) ? "kms:Decrypt" : "kms:GenerateDataKey") : action;
    return new AccessDeniedError(`Access denied to ${where}: the caller is not allowed ${denied}`, denied, {
      ...withCause,
      hint: `grant ${denied} on ${names.length === 1 ? names[0] : "these variables"} to the role or user in use`,
    });
  }
  if (THROTTLED.has(code)) {
    return new ThrottledError(`AWS throttled ${action} for ${where}${attempts ? ` after ${attempts} attempts` : ""}`, attempts, {
      ...withCause,
      hint: "retry later, or lower the request rate",
    });
  }
  if (CONFLICT.has(code)) {
    return new ConflictError(`${capitalize(where)} changed concurrently or already exists (${code})`, { ...withCause, hint: "retry the command" });
  }
  if (code === "CredentialsProviderError" || original.name === "CredentialsProviderError") {
    return new ConfigError(`No AWS credentials were found for ${where}`, { ...withCause, hint: "set AWS_PROFILE, pass --profile or { credentials }, or run aws sso login" });
  }
  if (BAD_CREDENTIALS.has(code)) {
    return new ConfigError(`AWS rejected the credentials used for ${where} (${code})`, { ...withCause, hint: "check AWS_PROFILE / AWS_ACCESS_KEY_ID, or refresh an expired session" });
  }
  if (NETWORK.has(original.code ?? "") || NETWORK.has(code) || code === "TimeoutError") {
    return new AwsRequestError(`Could not reach AWS for ${action} on ${where}${attempts ? ` after ${attempts} attempts` : ""}: ${original.code ?? code}`, original.code ?? code, undefined, {
      ...withCause,
      hint: "check the network, AWS_ENDPOINT_URL and the region",
    });
  }
  const status = original.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ValidationError(`AWS rejected ${action} for ${where}: ${code}${awsMessage ? `: ${awsMessage}` : ""}`, withCause);
  }
  return new AwsRequestError(
    `${action} failed for ${where}: ${code}${status ? ` (HTTP ${status})` : ""}${attempts ? ` after ${attempts} attempts` : ""}${awsMessage ? `: ${awsMessage}` : ""}`,
    code,
    status,
    withCause,
  );
}

/**
 * Errors raised before any request (an unsafe endpoint, no region) come from
 * the client layer, which knows no variable. Name the one the call was for.
 * No region is named: none was resolved, and no request was made.
 */
function withSubject(error: unknown, names: readonly string[], subject: string): unknown {
  if (!(error instanceof ValidationError || error instanceof ConfigError) || error.variables.length > 0) return error;
  const Kind = error instanceof ConfigError ? ConfigError : ValidationError;
  return new Kind(`${error.message}, for ${subject}; no request was made`, { variables: names, hint: error.hint });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
