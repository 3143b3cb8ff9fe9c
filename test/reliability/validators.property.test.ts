// Property-based tests of the pure validators: naming, values and redaction.
// No AWS here; these check the rules over inputs nobody would think to write.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Parameter, Secret, SSM_VALUE_LIMIT, SECRET_VALUE_LIMIT, ValidationError } from "../../src/index.js";
import { composeFullName, MAX_NAME_LENGTH, validateFullName } from "../../src/runtime/naming.js";
import { REDACTED, redact } from "../../src/runtime/redact.js";
import { assertValidParameterValue, assertValidSecretValue, PLACEHOLDER_VALUE } from "../../src/runtime/values.js";

// FC_RUNS=20000 for a deeper search; 300 keeps the suite quick.
const NUM_RUNS = Number(process.env.FC_RUNS ?? 300);
const ALLOWED = /^[A-Za-z0-9_.-]$/;

/** A valid name part: 1-40 of A-Z a-z 0-9 _ . - */
const part = fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/);
/** Any string with at least one character outside the allowed set (any unicode, control characters included). */
const badPart = fc
  .tuple(fc.string({ unit: "binary", maxLength: 10 }), fc.string({ unit: "binary", minLength: 1, maxLength: 3 }), fc.string({ unit: "binary", maxLength: 10 }))
  .map(([a, b, c]) => a + b + c)
  .filter((s) => [...s].some((ch) => !ALLOWED.test(ch)));

/** Any text, across the whole of unicode (lone surrogates included), multi-line. */
const anyText = fc.string({ unit: "binary", maxLength: 200 });

function throwsValidation(fn: () => unknown): ValidationError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
}

describe("naming properties", () => {
  it("valid parts always compose to app-stage-key, and the same name comes out of Secret and Parameter", () => {
    fc.assert(
      fc.property(part, part, part, (key, app, stage) => {
        const fullName = composeFullName(key, { app, stage }, {});
        expect(fullName).toBe(`${app}-${stage}-${key}`);
        expect(new Secret(key, { app, stage }).fullName).toBe(fullName);
        // SSM reserves the aws/ssm prefixes (any case), so such a Parameter is refused instead.
        if (/^(aws|ssm)/i.test(fullName)) expect(throwsValidation(() => new Parameter(key, { app, stage }).fullName)?.message).toContain('"aws" or "ssm"');
        else expect(new Parameter(key, { app, stage }).fullName).toBe(fullName);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a composed name passes both backends' full-name rules unless it is too long or (SSM only) starts with aws/ssm", () => {
    fc.assert(
      fc.property(part, part, part, (key, app, stage) => {
        const fullName = `${app}-${stage}-${key}`;
        const smError = throwsValidation(() => validateFullName(fullName, "secretsmanager"));
        expect(smError === undefined).toBe(fullName.length <= MAX_NAME_LENGTH.secretsmanager);
        const ssmError = throwsValidation(() => validateFullName(fullName, "ssm"));
        expect(ssmError === undefined).toBe(fullName.length <= MAX_NAME_LENGTH.ssm && !/^(aws|ssm)/i.test(fullName));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("any character outside A-Z a-z 0-9 _ . - in any part always throws ValidationError, naming the part and the rule", () => {
    fc.assert(
      fc.property(badPart, part, fc.constantFrom("key", "app", "stage"), (bad, good, which) => {
        const parts = { key: good, app: good, stage: good, [which]: bad };
        const error = throwsValidation(() => composeFullName(parts.key, { app: parts.app, stage: parts.stage }, {}));
        expect(error).toBeDefined();
        expect(error!.message).toContain(`The ${which}`);
        expect(error!.message).toContain("only A-Z a-z 0-9 _ . - are allowed");
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the length rule is exact for both backends", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1100 }), (length) => {
        const name = `n${"x".repeat(length - 1)}`;
        expect(throwsValidation(() => validateFullName(name, "ssm")) === undefined).toBe(length <= 1011);
        expect(throwsValidation(() => validateFullName(name, "secretsmanager")) === undefined).toBe(length <= 512);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("value properties", () => {
  const bytes = (s: string): number => Buffer.byteLength(s, "utf8");
  /** Mostly small values, some near the limits. */
  const value = fc.oneof(anyText, fc.tuple(anyText, fc.integer({ min: 4000, max: 8300 })).map(([t, n]) => t + "v".repeat(n)));

  it("an SSM value is accepted exactly when it is non-empty, not the placeholder, and within the tier's byte limit", () => {
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, "Standard", "Advanced") as fc.Arbitrary<"Standard" | "Advanced" | undefined>, (v, tier) => {
        const limit = SSM_VALUE_LIMIT[tier ?? "Standard"];
        const ok = v.length > 0 && v !== PLACEHOLDER_VALUE && bytes(v) <= limit;
        expect(throwsValidation(() => assertValidParameterValue(v, tier, "app-stage-key")) === undefined).toBe(ok);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a secret is accepted exactly when it is non-empty and within 65,536 bytes", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.integer({ min: 65_400, max: 65_700 }).map((n) => "s".repeat(n))), (v) => {
        const ok = v.length > 0 && bytes(v) <= SECRET_VALUE_LIMIT;
        expect(throwsValidation(() => assertValidSecretValue(v, "app-stage-key")) === undefined).toBe(ok);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a refused value is never quoted in the error", () => {
    const marked = fc.tuple(anyText, fc.integer({ min: 8200, max: 9000 })).map(([t, n]) => `CANARY§${t}${"w".repeat(n)}`);
    fc.assert(
      fc.property(marked, (v) => {
        for (const check of [() => assertValidParameterValue(v, "Advanced", "app-stage-key"), () => assertValidParameterValue(v, undefined, "app-stage-key")]) {
          const error = throwsValidation(check);
          expect(error).toBeDefined();
          expect(`${error!.message} ${error!.hint ?? ""} ${JSON.stringify(error)}`).not.toContain("CANARY§");
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("redaction properties", () => {
  /** The pieces of `text` between redaction markers: where a leaked value would show. */
  const outsideMarkers = (text: string): string[] => text.split(REDACTED);
  const secretValue = fc.string({ unit: "binary", minLength: 1, maxLength: 60 });

  it("redact(text containing value, [value]) never shows the value outside a marker", () => {
    fc.assert(
      fc.property(anyText, secretValue, anyText, fc.integer({ min: 1, max: 3 }), (before, v, after, times) => {
        const text = Array.from({ length: times }, () => before + v + after).join("\n");
        for (const piece of outsideMarkers(redact(text, [v]))) expect(piece).not.toContain(v);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a value sharing no character with the marker never appears at all", () => {
    const noMarkerChars = secretValue.filter((v) => ![...v].some((ch) => REDACTED.includes(ch)));
    fc.assert(
      fc.property(anyText, noMarkerChars, anyText, (before, v, after) => {
        expect(redact(before + v + after, [v])).not.toContain(v);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the JSON-escaped form of a value is removed too (as in a logged request body)", () => {
    fc.assert(
      fc.property(secretValue, anyText, (v, other) => {
        const escaped = JSON.stringify(v).slice(1, -1);
        const body = JSON.stringify({ Name: "app-stage-key", Value: v, Note: other });
        for (const piece of outsideMarkers(redact(body, [v]))) {
          expect(piece).not.toContain(v);
          expect(piece).not.toContain(escaped);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("a value AWS quotes back is removed even when the SDK does not know it (Value '…' at '…')", () => {
    // Even a value that itself contains "' at '" (the patterns match up to the last one).
    const unknown = fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 60 }), fc.string({ maxLength: 20 }).map((v) => `${v}' at '${v}`));
    fc.assert(
      fc.property(unknown, (v) => {
        const message = `1 validation error detected: Value '${v}' at 'value' failed to satisfy constraint`;
        expect(redact(message, [])).toBe(`1 validation error detected: Value '${REDACTED}' at 'value' failed to satisfy constraint`);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("text without any known value is left alone, except for quoted values", () => {
    fc.assert(
      fc.property(anyText.filter((t) => !/value\s+['"]|"(Value|SecretString|SecretBinary)"\s*:/i.test(t)), (text) => {
        expect(redact(text, [])).toBe(text);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
