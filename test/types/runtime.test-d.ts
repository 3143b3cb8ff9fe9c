import { describe, expectTypeOf, it } from "vitest";
import {
  getAll,
  Parameter,
  Secret,
  type ParameterHistoryEntry,
  type ParameterRollbackPlan,
  type ParameterRollbackResult,
  type ParameterVersion,
  type RotationResult,
  type SecretHistoryEntry,
  type SecretRollbackPlan,
  type SecretRollbackResult,
  type SecretVersion,
} from "../../src/index.js";

describe("runtime types", () => {
  it("getAll keeps the record's keys and makes every value a string", () => {
    const dbPassword = new Secret("dbPassword");
    const featureFlag = new Parameter("featureFlag");
    expectTypeOf(getAll({ dbPassword, featureFlag })).resolves.toEqualTypeOf<{ dbPassword: string; featureFlag: string }>();
  });

  it("getAll on a tuple resolves to a tuple of strings", () => {
    const tuple = [new Secret("a"), new Parameter("b")] as const;
    expectTypeOf(getAll(tuple)).resolves.toEqualTypeOf<[string, string]>();
  });

  it("set resolves to the backend's own version type", () => {
    expectTypeOf(new Secret("a").set("x")).resolves.toEqualTypeOf<SecretVersion>();
    expectTypeOf(new Parameter("a").set("x")).resolves.toEqualTypeOf<ParameterVersion>();
    expectTypeOf(new Secret("a").rotate(async (old) => `${old}`)).resolves.toEqualTypeOf<RotationResult>();
  });

  it("rotate's function receives string | undefined", () => {
    new Secret("a").rotate((old) => {
      expectTypeOf(old).toEqualTypeOf<string | undefined>();
      return "next";
    });
  });

  it("Parameter.rotate does not type-check", () => {
    const parameter = new Parameter("flag");
    // @ts-expect-error Parameters cannot be rotated
    parameter.rotate(async () => "x");
    expectTypeOf(new Secret("a").kind).toEqualTypeOf<"secret">();
    expectTypeOf(parameter.kind).toEqualTypeOf<"parameter">();
  });

  it("rollback resolves to its backend's result, and may be undefined only when a confirm can decline", () => {
    const secret = new Secret("a");
    const parameter = new Parameter("b");
    expectTypeOf(secret.rollback()).resolves.toEqualTypeOf<SecretRollbackResult>();
    expectTypeOf(secret.rollback({ to: "3f1c" })).resolves.toEqualTypeOf<SecretRollbackResult>();
    expectTypeOf(secret.rollback({ confirm: (plan) => (expectTypeOf(plan).toEqualTypeOf<SecretRollbackPlan>(), true) })).resolves.toEqualTypeOf<SecretRollbackResult | undefined>();
    expectTypeOf(parameter.rollback({ to: 2 })).resolves.toEqualTypeOf<ParameterRollbackResult>();
    expectTypeOf(parameter.rollback({ confirm: (plan) => (expectTypeOf(plan).toEqualTypeOf<ParameterRollbackPlan>(), true) })).resolves.toEqualTypeOf<ParameterRollbackResult | undefined>();
    // @ts-expect-error a secret version is a VersionId, not a number
    secret.rollback({ to: 2 });
    // @ts-expect-error a parameter version is a number
    parameter.rollback({ to: "2" });
  });

  it("history resolves to each backend's entries", () => {
    expectTypeOf(new Secret("a").history()).resolves.toEqualTypeOf<SecretHistoryEntry[]>();
    expectTypeOf(new Parameter("b").history()).resolves.toEqualTypeOf<ParameterHistoryEntry[]>();
  });
});
