// Preflight validation: input AWS would refuse is refused here first, before
// any request is made (the proxy counts zero), with a message that says what is
// wrong and what the limit is, and that never quotes the value.
import { describe, expect, it } from "vitest";
import { getAll, Parameter, Secret, SECRET_VALUE_LIMIT, ValidationError, type SenvarVariable } from "../../src/index.js";
import { awsCli, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { everyRendering } from "../support/errorText.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();

/** Runs every call that resolves the name, and expects each to fail with ValidationError before any request. */
async function refusedEverywhere(make: () => SenvarVariable, expected: RegExp): Promise<ValidationError> {
  const calls: (() => Promise<unknown>)[] = [
    () => make().get(),
    () => make().set("some value"),
    () => make().delete(),
    () => getAll({ v: make() }),
  ];
  let last: ValidationError | undefined;
  for (const call of calls) {
    const error = await rejection(call());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(expected);
    last = error as ValidationError;
  }
  expect(ctx.proxy.requests).toHaveLength(0);
  return last!;
}

/** Asserts the canary shows up in no rendering of the error. */
function neverQuotes(error: Error, canary: string): void {
  for (const text of everyRendering(error)) expect(text).not.toContain(canary);
}

describe("preflight: names", () => {
  const scope = { app: "billing", stage: "prod" };

  it.each([
    ["key", "db password", " "],
    ["key", "db/password", "/"],
    ["key", "pässword", "ä"],
    ["key", "api:key", ":"],
    ["key", "key+1", "+"],
    ["key", "a@b", "@"],
    ["key", "emoji😀", "😀"],
    ["app", "bill ing", " "],
    ["app", "bill/ing", "/"],
    ["stage", "pr$od", "$"],
    ["stage", "prod\n", "\n"],
  ] as const)("refuses a %s %j (it contains %j) for Secret and Parameter, naming the allowed characters", async (part, bad, char) => {
    const opts = part === "key" ? scope : { ...scope, [part]: bad };
    const key = part === "key" ? bad : "dbPassword";
    for (const make of [() => new Secret(key, opts), () => new Parameter(key, opts)]) {
      const error = await refusedEverywhere(make, new RegExp(`The ${part}`));
      expect(error.message).toContain(JSON.stringify(char));
      expect(error.message).toContain("only A-Z a-z 0-9 _ . - are allowed");
    }
  });

  it.each(["key", "app", "stage"] as const)("refuses an empty %s", async (part) => {
    const opts = part === "key" ? scope : { ...scope, [part]: "" };
    const key = part === "key" ? "" : "dbPassword";
    for (const make of [() => new Secret(key, opts), () => new Parameter(key, opts)]) {
      const error = await refusedEverywhere(make, new RegExp(`The ${part} of .* is empty`));
      expect(error.message).toContain("at least one of A-Z a-z 0-9 _ . -");
    }
  });

  it.each(["aws", "AWS", "Aws", "ssm", "SSM", "sSm", "awsome", "ssmtools"])("refuses an SSM name starting with %j, and lets a Secret use it", async (app) => {
    const error = await refusedEverywhere(() => new Parameter("flag", { app, stage: "prod" }), /starts with "aws" or "ssm"/);
    expect(error.message).toContain("any case");
    // Secrets Manager has no such rule.
    const secret = new Secret("flag", { app: `${app}${uniqueScope().app}`, stage: "prod" });
    await secret.set("fine");
    expect(await secret.get()).toBe("fine");
  });

  it("refuses a full name over 1,011 characters for SSM and over 512 for Secrets Manager, and accepts exactly the limit", async () => {
    const { app } = uniqueScope("len");
    const prefix = `${app}-prod-`;
    const ssmError = await refusedEverywhere(() => new Parameter("k".repeat(1012 - prefix.length), { app, stage: "prod" }), /is 1012 characters long; SSM Parameter Store allows at most 1011/);
    expect(ssmError.variable).toHaveLength(1012);
    const smError = await refusedEverywhere(() => new Secret("k".repeat(513 - prefix.length), { app, stage: "prod" }), /is 513 characters long; Secrets Manager allows at most 512/);
    expect(smError.variable).toHaveLength(513);

    const longestParameter = new Parameter("p".repeat(1011 - prefix.length), { app, stage: "prod" });
    const longestSecret = new Secret("s".repeat(512 - prefix.length), { app, stage: "prod" });
    await longestParameter.set("ok");
    await longestSecret.set("ok");
    expect([await longestParameter.get(), await longestSecret.get()]).toEqual(["ok", "ok"]);
  });
});

describe("preflight: values", () => {
  const canary = "CANARY-7f3a9c-preflight";

  it("refuses an empty SSM value and an empty secret, and sends nothing", async () => {
    const scope = uniqueScope();
    const p = await rejection(new Parameter("flag", scope).set(""));
    expect(p).toBeInstanceOf(ValidationError);
    expect(p.message).toContain("is empty; SSM does not store empty values");
    const s = await rejection(new Secret("key", scope).set(""));
    expect(s).toBeInstanceOf(ValidationError);
    expect(s.message).toContain("is empty");
    expect(ctx.proxy.requests).toHaveLength(0);
  });

  it("refuses an SSM Standard value over 4,096 bytes, counting bytes, and suggests the Advanced tier", async () => {
    const parameter = new Parameter("big", uniqueScope());
    for (const value of [canary + "x".repeat(4097 - canary.length), canary + "é".repeat(2037)]) {
      expect(Buffer.byteLength(value)).toBeGreaterThan(4096); // the second is only 2,060 characters
      const error = (await rejection(parameter.set(value))) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toMatch(new RegExp(`${parameter.fullName} is 4,\\d{3} bytes; the SSM Standard tier allows at most 4,096 bytes`));
      expect(error.hint).toContain('tier: "Advanced"');
      expect(error.hint).toContain("8,192");
      neverQuotes(error, canary);
    }
    expect(ctx.proxy.requests).toHaveLength(0);
    // Exactly the limit goes through.
    const exact = "y".repeat(4096);
    await parameter.set(exact);
    expect(await parameter.get()).toBe(exact);
  });

  it('accepts tier: "Advanced" up to 8,192 bytes, sends the tier, and AWS stores it as Advanced (AWS CLI)', async () => {
    const parameter = new Parameter("advanced", { ...uniqueScope(), tier: "Advanced" });
    const value = "z".repeat(8192);
    const written = await parameter.set(value);
    expect(written.tier).toBe("Advanced");
    const put = ctx.proxy.requests.find((r) => r.target.endsWith("PutParameter"))!;
    expect(JSON.parse(put.body).Tier).toBe("Advanced");
    const described = await awsCli<{ Parameters: { Tier: string }[] }>(["ssm", "describe-parameters", "--parameter-filters", `Key=Name,Values=${parameter.fullName}`]);
    expect(described.Parameters[0]?.Tier).toBe("Advanced");
    expect(await parameter.get()).toBe(value);

    ctx.proxy.reset();
    const error = (await rejection(parameter.set(canary + "z".repeat(8193 - canary.length)))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain("the SSM Advanced tier allows at most 8,192 bytes");
    expect(error.hint).toContain("Secret");
    neverQuotes(error, canary);
    expect(ctx.proxy.requests).toHaveLength(0);
  });

  it("refuses a secret over 65,536 bytes (set and rotate) and accepts exactly 65,536", async () => {
    const secret = new Secret("huge", uniqueScope());
    const tooBig = canary + "s".repeat(SECRET_VALUE_LIMIT + 1 - canary.length);
    for (const attempt of [() => secret.set(tooBig), () => secret.rotateInteractive(() => tooBig)]) {
      const error = (await rejection(attempt())) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toContain(`${secret.fullName} is 65,537 bytes; Secrets Manager allows at most 65,536 bytes`);
      neverQuotes(error, canary);
    }
    // rotateInteractive reads metadata first (DescribeSecret), but writes nothing.
    expect(ctx.proxy.requests.filter((r) => !r.target.endsWith("DescribeSecret"))).toHaveLength(0);
    const exact = "e".repeat(SECRET_VALUE_LIMIT);
    await secret.set(exact);
    expect(await secret.get()).toBe(exact);
  });

  it("refuses a rotation function's oversized or non-string result without writing", async () => {
    const secret = new Secret("rotated", uniqueScope());
    await secret.set("start");
    ctx.proxy.reset();
    const error = await rejection(secret.rotate(() => canary.repeat(5000)));
    expect(error).toBeInstanceOf(ValidationError);
    neverQuotes(error, canary);
    const notString = await rejection(secret.rotate(() => 42 as unknown as string));
    expect(notString.message).toContain("must be a string, not number");
    expect(ctx.proxy.requests.map((r) => r.target.split(".")[1])).toEqual(["GetSecretValue", "GetSecretValue"]);
    expect(await secret.get()).toBe("start");
  });
});

describe("preflight: advice", () => {
  it('warns (process warning, type "SenvarWarning") for a Secret whose name ends in a hyphen and 6 characters, once, before any request', async () => {
    const warnings: Error[] = [];
    const listener = (warning: Error) => warnings.push(warning);
    process.on("warning", listener);
    try {
      const scope = uniqueScope();
      const secret = new Secret("abc123", scope);
      expect(secret.fullName).toBe(`${scope.app}-test-abc123`);
      void new Secret("abc123", scope).fullName; // the same name again: no second warning
      void new Parameter("abc123", scope).fullName; // SSM has no ARN suffix to clash with
      void new Secret("abc1234", scope).fullName; // 7 characters: fine
      await new Promise((resolve) => setImmediate(resolve));
      const ours = warnings.filter((w) => w.name === "SenvarWarning");
      expect(ours).toHaveLength(1);
      expect(ours[0]!.message).toContain(secret.fullName);
      expect(ours[0]!.message).toContain("hyphen and 6 characters");
      expect((ours[0] as Error & { code?: string }).code).toBe("SENVAR_NAME_ADVICE");
      expect(ctx.proxy.requests).toHaveLength(0);
      // Advice, not a rule: the secret still works.
      await secret.set("ok");
      expect(await secret.get()).toBe("ok");
    } finally {
      process.off("warning", listener);
    }
  });
});
