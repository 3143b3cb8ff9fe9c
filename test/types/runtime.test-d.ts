import { describe, expectTypeOf, it } from "vitest";
import { getAll, Parameter, Secret, type ParameterVersion, type RotationResult, type SecretVersion } from "../../src/index.js";

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
});
