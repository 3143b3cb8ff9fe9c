// The committed registry of examples/billing (generated/secrets.ts) has precise types.
import { getAll, type Parameter, type Secret } from "@senvar/secrets";
import { describe, expectTypeOf, it } from "vitest";
import { manifest, secrets, type SecretKey } from "../../generated/secrets.js";

describe("the generated registry", () => {
  it("types each variable by its kind", () => {
    expectTypeOf(secrets.dbPassword).toEqualTypeOf<Secret>();
    expectTypeOf(secrets.stripeSecretKey).toEqualTypeOf<Secret>();
    expectTypeOf(secrets.featureFlag).toEqualTypeOf<Parameter>();
    expectTypeOf(secrets.webhookUrl).toEqualTypeOf<Parameter>();
  });

  it("has exactly the declared keys", () => {
    expectTypeOf<SecretKey>().toEqualTypeOf<"dbPassword" | "featureFlag" | "stripeSecretKey" | "webhookUrl">();
    // @ts-expect-error an undeclared key does not exist
    void secrets.undeclared;
  });

  it("lets a Secret rotate, and not a Parameter", () => {
    expectTypeOf(secrets.dbPassword.rotate).toBeFunction();
    // @ts-expect-error Parameters cannot be rotated
    void secrets.featureFlag.rotate(async () => "x");
  });

  it("loads in one getAll, typed by key", () => {
    expectTypeOf(getAll(secrets)).resolves.toEqualTypeOf<{ dbPassword: string; featureFlag: string; stripeSecretKey: string; webhookUrl: string }>();
  });

  it("exports a read-only manifest keyed by the same keys", () => {
    expectTypeOf(manifest.variables[0]!.key).toEqualTypeOf<SecretKey>();
    expectTypeOf(manifest.variables).toEqualTypeOf<readonly (typeof manifest.variables)[number][]>();
    expectTypeOf(manifest.version).toEqualTypeOf<1>();
  });
});
