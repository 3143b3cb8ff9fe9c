/**
 * Every error the SDK throws. Each one names the variable's full name and the
 * region in its message, carries a redacted `cause`, and never a value.
 */

/**
 * Where an error happened: the variable(s), the region and, for AWS calls, the IAM action.
 * @example
 * ```ts
 * throw new NotFoundError("Secret billing-prod-x was not found", { variable: "billing-prod-x", region: "eu-west-1" } satisfies ErrorDetails);
 * ```
 */
export interface ErrorDetails {
  /** The full name of the variable, e.g. `billing-prod-dbPassword`. */
  variable?: string | undefined;
  /** Every variable involved, for errors about several at once (see {@link getAll}). */
  variables?: readonly string[] | undefined;
  /** The AWS region the request went to, when known. */
  region?: string | undefined;
  /** A next step for the reader, such as the command to run. */
  hint?: string | undefined;
  /** The underlying error, already redacted. */
  cause?: unknown;
}

/**
 * The base class of every error thrown by `@senvar/secrets`.
 *
 * @example
 * ```ts
 * try {
 *   await dbPassword.get();
 * } catch (err) {
 *   if (err instanceof SenvarError) console.error(err.message, err.hint);
 * }
 * ```
 */
export class SenvarError extends Error {
  override name = "SenvarError";
  /** The full name of the variable the error is about. */
  readonly variable: string | undefined;
  /** Every variable involved (one entry for single-variable errors). */
  readonly variables: readonly string[];
  /** The AWS region, when known. */
  readonly region: string | undefined;
  /** What to do next. */
  readonly hint: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.variable = details.variable ?? details.variables?.[0];
    this.variables = details.variables ?? (details.variable ? [details.variable] : []);
    this.region = details.region;
    this.hint = details.hint;
  }

  /** A JSON form that is safe to log: it never holds a value. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause as { toJSON?: () => unknown; name?: string; message?: string } | undefined;
    return {
      name: this.name,
      message: this.message,
      variable: this.variable,
      variables: this.variables,
      region: this.region,
      hint: this.hint,
      cause: cause === undefined ? undefined : (cause.toJSON?.() ?? { name: cause.name, message: cause.message }),
    };
  }
}

/**
 * The variable does not exist in its backend.
 *
 * @example
 * ```ts
 * await new Secret("missing").get(); // throws NotFoundError
 * ```
 */
export class NotFoundError extends SenvarError {
  override name = "NotFoundError";
}

/**
 * The variable exists but holds no value yet: a placeholder created by
 * `pulumi up`, or a secret with no version. Run `secrets set <fullName>`.
 *
 * @example
 * ```ts
 * try { await apiKey.get(); } catch (err) {
 *   if (err instanceof NotSetError) console.error(err.hint); // "run: secrets set billing-prod-apiKey"
 * }
 * ```
 */
export class NotSetError extends SenvarError {
  override name = "NotSetError";
}

/**
 * Input was refused before any request was made (a bad name, an oversized
 * value, an unsafe endpoint), or AWS rejected the request as invalid.
 *
 * @example
 * ```ts
 * await new Parameter("flag").set(""); // throws ValidationError: SSM values cannot be empty
 * ```
 */
export class ValidationError extends SenvarError {
  override name = "ValidationError";
}

/**
 * Configuration is missing: no app or stage, no region, or no credentials.
 *
 * @example
 * ```ts
 * delete process.env.SST_STAGE;
 * new Secret("dbPassword").fullName; // throws ConfigError naming SST_STAGE and the `stage` option
 * ```
 */
export class ConfigError extends SenvarError {
  override name = "ConfigError";
}

/**
 * IAM refused the request. `action` is the IAM action that was missing.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof AccessDeniedError) console.error(err.action); } // "secretsmanager:GetSecretValue"
 * ```
 */
export class AccessDeniedError extends SenvarError {
  override name = "AccessDeniedError";
  /** The IAM action that was denied, e.g. `ssm:GetParameter`. */
  readonly action: string;
  constructor(message: string, action: string, details: ErrorDetails = {}) {
    super(message, details);
    this.action = action;
  }
  /** The safe JSON form, with the denied action. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), action: this.action };
  }
}

/**
 * The variable changed while this call was working on it (a rotation lost a
 * race), or it already exists where it was expected not to. Retry.
 *
 * @example
 * ```ts
 * try { await apiKey.rotate(next); } catch (err) { if (err instanceof ConflictError) await apiKey.rotate(next); }
 * ```
 */
export class ConflictError extends SenvarError {
  override name = "ConflictError";
}

/**
 * AWS kept throttling the request after every retry.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof ThrottledError) console.error(`gave up after ${err.attempts} attempts`); }
 * ```
 */
export class ThrottledError extends SenvarError {
  override name = "ThrottledError";
  /** How many attempts were made, retries included. */
  readonly attempts: number | undefined;
  constructor(message: string, attempts: number | undefined, details: ErrorDetails = {}) {
    super(message, details);
    this.attempts = attempts;
  }
  /** The safe JSON form, with the number of attempts. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), attempts: this.attempts };
  }
}

/**
 * Any other failure of an AWS request (a 5xx after every retry, a network
 * error). `code` is AWS's error name.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof AwsRequestError) console.error(err.code, err.statusCode); }
 * ```
 */
export class AwsRequestError extends SenvarError {
  override name = "AwsRequestError";
  /** AWS's error code, e.g. `InternalServiceError`. */
  readonly code: string | undefined;
  /** The HTTP status, when a response arrived. */
  readonly statusCode: number | undefined;
  constructor(message: string, code: string | undefined, statusCode: number | undefined, details: ErrorDetails = {}) {
    super(message, details);
    this.code = code;
    this.statusCode = statusCode;
  }
  /** The safe JSON form, with AWS's code and status. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code, statusCode: this.statusCode };
  }
}

/**
 * The redacted copy of an AWS SDK error, used as the `cause` of the errors
 * above. The SDK's own error is never kept, because its message and stack can
 * quote the value that was sent.
 *
 * @example
 * ```ts
 * catch (err) { console.error((err.cause as RedactedAwsError).requestId); }
 * ```
 */
export class RedactedAwsError extends Error {
  /** AWS's error code. */
  readonly code: string;
  /** HTTP status code of the response, if any. */
  readonly statusCode: number | undefined;
  /** AWS request id, for support tickets. */
  readonly requestId: string | undefined;
  /** Attempts the SDK made, retries included. */
  readonly attempts: number | undefined;

  constructor(fields: { code: string; message: string; stack?: string | undefined; statusCode?: number | undefined; requestId?: string | undefined; attempts?: number | undefined }) {
    super(fields.message);
    this.name = fields.code;
    this.code = fields.code;
    this.statusCode = fields.statusCode;
    this.requestId = fields.requestId;
    this.attempts = fields.attempts;
    if (fields.stack !== undefined) this.stack = fields.stack;
  }

  /** The JSON form: already redacted, like the message. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, code: this.code, statusCode: this.statusCode, requestId: this.requestId, attempts: this.attempts };
  }
}
