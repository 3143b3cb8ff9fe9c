import { ValidationError } from "./errors.js";
import type { ParameterTier } from "./types.js";

/**
 * The value that `pulumi:generate` placeholders carry in SSM, which requires
 * a value. `Parameter.get()` reports it as not set, and `set()` refuses it.
 * @example
 * ```ts
 * if ((await rawSsmRead(name)) === PLACEHOLDER_VALUE) console.log("run: secrets set " + name);
 * ```
 */
export const PLACEHOLDER_VALUE = "senvar:placeholder:not-set";

/**
 * Largest SSM value per tier, in bytes (AWS: 4 KB Standard, 8 KB Advanced).
 * @example
 * ```ts
 * const fits = Buffer.byteLength(value) <= SSM_VALUE_LIMIT.Standard; // 4,096 bytes
 * ```
 */
export const SSM_VALUE_LIMIT: Readonly<Record<ParameterTier, number>> = { Standard: 4096, Advanced: 8192, "Intelligent-Tiering": 8192 };

/**
 * Largest SecretString, in bytes.
 * @example
 * ```ts
 * if (Buffer.byteLength(pem) > SECRET_VALUE_LIMIT) throw new Error("too large for Secrets Manager");
 * ```
 */
export const SECRET_VALUE_LIMIT = 65_536;

function byteLength(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

function assertString(value: unknown, fullName: string): asserts value is string {
  if (typeof value !== "string") {
    throw new ValidationError(`The value for ${fullName} must be a string, not ${value === null ? "null" : typeof value}`, { variable: fullName });
  }
}

/**
 * Checks an SSM value before it is sent. Messages give sizes, never the value.
 * @throws ValidationError
 */
export function assertValidParameterValue(value: unknown, tier: ParameterTier | undefined, fullName: string): asserts value is string {
  assertString(value, fullName);
  if (value.length === 0) {
    throw new ValidationError(`The value for parameter ${fullName} is empty; SSM does not store empty values`, { variable: fullName, hint: "store a placeholder such as \"-\" or delete the parameter" });
  }
  if (value === PLACEHOLDER_VALUE) {
    throw new ValidationError(`The value for parameter ${fullName} is the reserved placeholder, which reads as "not set"`, { variable: fullName });
  }
  const effectiveTier = tier ?? "Standard";
  const limit = SSM_VALUE_LIMIT[effectiveTier];
  const size = byteLength(value);
  if (size > limit) {
    const hint = effectiveTier === "Standard" ? 'use { tier: "Advanced" } (up to 8,192 bytes, billed, and it cannot go back to Standard), or store it as a Secret (up to 65,536 bytes)' : "store it as a Secret (up to 65,536 bytes)";
    throw new ValidationError(`The value for parameter ${fullName} is ${size.toLocaleString("en-US")} bytes; the SSM ${effectiveTier} tier allows at most ${limit.toLocaleString("en-US")} bytes`, { variable: fullName, hint });
  }
}

/**
 * Checks a Secrets Manager value before it is sent.
 * @throws ValidationError
 */
export function assertValidSecretValue(value: unknown, fullName: string): asserts value is string {
  assertString(value, fullName);
  if (value.length === 0) {
    throw new ValidationError(`The value for secret ${fullName} is empty; Secrets Manager needs at least one character`, { variable: fullName });
  }
  const size = byteLength(value);
  if (size > SECRET_VALUE_LIMIT) {
    throw new ValidationError(`The value for secret ${fullName} is ${size.toLocaleString("en-US")} bytes; Secrets Manager allows at most ${SECRET_VALUE_LIMIT.toLocaleString("en-US")} bytes`, { variable: fullName });
  }
}
