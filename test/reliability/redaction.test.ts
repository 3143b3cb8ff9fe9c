// PRD 6.1, never log secret values: AWS validation errors quote the submitted
// value back ("Value '…' at 'value' failed to satisfy constraint"). The proxy
// does the same, and no rendering of any error may show it: message, stack,
// cause (all the way down), String(), util.inspect() and JSON.
//
// Every canary carries a unique token on every line, at both ends, so that a
// leak of any line or any truncated piece of it is caught by looking for the token.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getAll, Parameter, RedactedAwsError, Secret, SenvarError, ValidationError } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { everyRendering } from "../support/errorText.js";
import { seedParameter, seedSecret } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();

/** Distinctive values: plain, multi-line, JSON-ish, regex metacharacters and quotes, unicode and control characters. */
function canaries(): { label: string; token: string; value: string }[] {
  const make = (label: string, build: (t: string) => string) => {
    const token = `CANARY${randomBytes(6).toString("hex")}`;
    return { label, token, value: build(token) };
  };
  return [
    make("plain", (t) => `${t}-hunter2-${t}`),
    make("multiline PEM", (t) => `-----BEGIN ${t} KEY-----\n${t}MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${t}\n${t}+/=abc${t}\n-----END ${t} KEY-----\n`),
    make("JSON", (t) => `{"password":"${t}","nested":{"quote":"say \\"${t}\\"","list":[1,"${t}"]}}`),
    make("regex metacharacters and quotes", (t) => `${t} ^$.*+?()[]{}|\\ 'single' "double" \`back\` $1 $& $' %s %d ${t}`),
    make("unicode and control characters", (t) => `${t} ünï 😀 é\u0301 \t tab\r\n${t} crlf \u2028 ${t}`),
    make("looks like the message around it", (t) => `${t}' at 'value' failed to satisfy constraint ${t}`),
  ];
}

function expectNoLeak(error: Error, token: string): void {
  expect(error).toBeInstanceOf(SenvarError);
  for (const text of everyRendering(error)) expect(text).not.toContain(token);
}

/** The error still says what failed, where: redaction must not blank the useful parts. */
function expectUseful(error: Error, fullName: string): void {
  expect(error.message).toContain(fullName);
  expect(error.message).toContain("region us-east-1");
  expect((error as SenvarError).cause).toBeInstanceOf(RedactedAwsError);
}

describe.each(canaries())("redaction of a $label canary", ({ token, value }) => {
  it("Parameter.set: the echoed value is in no rendering of the error (String and SecureString)", async () => {
    for (const encrypted of [false, true]) {
      const parameter = new Parameter("leaky", { ...uniqueScope(), encrypted });
      ctx.proxy.inject({ target: "PutParameter", fault: "echo-validation" });
      const error = await rejection(parameter.set(value));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toContain("ValidationException");
      expectUseful(error, parameter.fullName);
      expectNoLeak(error, token);
    }
  });

  it("Secret.set: neither PutSecretValue's nor CreateSecret's echo leaks", async () => {
    const existing = new Secret("leaky", uniqueScope());
    await seedSecret(existing.fullName, "old");
    ctx.proxy.inject({ target: "PutSecretValue", fault: "echo-validation" });
    const putError = await rejection(existing.set(value));
    expectUseful(putError, existing.fullName);
    expectNoLeak(putError, token);

    const fresh = new Secret("leaky", uniqueScope());
    ctx.proxy.inject({ target: "CreateSecret", fault: "echo-validation" });
    const createError = await rejection(fresh.set(value));
    expect(ctx.proxy.count("CreateSecret")).toBe(1);
    expectUseful(createError, fresh.fullName);
    expectNoLeak(createError, token);
  });

  it("Secret.rotate: neither the new value nor the old one leaks, wherever the echo comes from", async () => {
    const secret = new Secret("leaky", uniqueScope());
    await seedSecret(secret.fullName, value);
    // The write of the new value (derived from the old, so it holds the token too).
    ctx.proxy.inject({ target: "PutSecretValue", fault: "echo-validation" });
    const writeError = await rejection(secret.rotate((old) => `${old}!next`));
    expectUseful(writeError, secret.fullName);
    expectNoLeak(writeError, token);
    // The stage move, quoting the old value, in a shape the generic patterns do not know.
    ctx.proxy.inject({ target: "UpdateSecretVersionStage", match: '"AWSCURRENT"', fault: "echo-validation", quote: value, format: "Invalid request: {value}" });
    const moveError = await rejection(secret.rotate(() => "fresh value"));
    expectUseful(moveError, secret.fullName);
    expectNoLeak(moveError, token);
    expect(await secret.get()).toBe(value);
  });

  it("Secret.rotateInteractive: the typed-in value does not leak", async () => {
    const secret = new Secret("leaky", uniqueScope());
    await seedSecret(secret.fullName, "old");
    ctx.proxy.inject({ target: "PutSecretValue", fault: "echo-validation" });
    const error = await rejection(secret.rotateInteractive(() => value));
    expectUseful(error, secret.fullName);
    expectNoLeak(error, token);
  });

  it("get: a value AWS quotes back unprompted, whole or truncated, does not leak", async () => {
    const secret = new Secret("leaky", uniqueScope());
    const parameter = new Parameter("leaky", uniqueScope());
    await seedSecret(secret.fullName, value);
    await seedParameter(parameter.fullName, "plain");
    for (const truncateTo of [undefined, 30]) {
      ctx.proxy.inject({ target: "GetSecretValue", fault: "echo-validation", quote: value, truncateTo });
      const secretError = await rejection(secret.get());
      expectUseful(secretError, secret.fullName);
      expectNoLeak(secretError, token);
      ctx.proxy.inject({ target: "GetParameter", fault: "echo-validation", quote: value, truncateTo });
      const parameterError = await rejection(parameter.get());
      expectUseful(parameterError, parameter.fullName);
      expectNoLeak(parameterError, token);
    }
  });

  it("getAll: a value read by one batch never leaks through another batch's error", async () => {
    const scope = uniqueScope();
    const parameter = new Parameter("leakyParam", scope);
    const secret = new Secret("leakySecret", scope);
    await seedParameter(parameter.fullName, value.replace(/\u0000/g, ""));
    await seedSecret(secret.fullName, value);
    // SSM answers at once; Secrets Manager fails later, quoting what SSM returned.
    ctx.proxy.inject({ target: "BatchGetSecretValue", fault: "echo-validation", quote: value, format: "Invalid request: {value}", delayMs: 200 });
    const secretSide = await rejection(getAll({ parameter, secret }));
    expect(secretSide.message).toContain(secret.fullName);
    expectNoLeak(secretSide, token);
    // And the other way round.
    ctx.proxy.inject({ target: "GetParameters", fault: "echo-validation", quote: value, format: "Invalid request: {value}", delayMs: 200 });
    const parameterSide = await rejection(getAll({ parameter, secret }));
    expect(parameterSide.message).toContain(parameter.fullName);
    expectNoLeak(parameterSide, token);
  });
});
