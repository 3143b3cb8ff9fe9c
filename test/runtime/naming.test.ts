import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, Parameter, Secret, ValidationError, defineParameter, defineSecret } from "../../src/index.js";
import { thrown } from "../support/capture.js";

afterEach(() => {
  delete process.env.SST_APP;
  delete process.env.SST_STAGE;
});

describe("naming", () => {
  it("composes app-stage-name from SST_APP and SST_STAGE", () => {
    process.env.SST_APP = "billing";
    process.env.SST_STAGE = "prod";
    const secret = new Secret("dbPassword");
    expect(secret.fullName).toBe("billing-prod-dbPassword");
    expect(secret).toMatchObject({ name: "dbPassword", app: "billing", stage: "prod", kind: "secret", backend: "secretsmanager", encrypted: true });
  });

  it("reads the SST env when the name is first needed, not at construction", () => {
    const flag = new Parameter("featureFlag");
    process.env.SST_APP = "late";
    process.env.SST_STAGE = "dev";
    expect(flag.fullName).toBe("late-dev-featureFlag");
  });

  it("lets options override the env", () => {
    process.env.SST_APP = "billing";
    process.env.SST_STAGE = "prod";
    const flag = new Parameter("featureFlag", { stage: "staging", encrypted: true });
    expect(flag.fullName).toBe("billing-staging-featureFlag");
    expect(flag).toMatchObject({ kind: "parameter", backend: "ssm", encrypted: true });
    expect(new Parameter("plain").encrypted).toBe(false);
  });

  it("says which of app and stage is missing, and how to set it", () => {
    process.env.SST_APP = "billing";
    const error = thrown(() => new Secret("dbPassword").fullName);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain("no stage");
    expect(error.message).toContain("SST_STAGE");
    expect(error.message).toContain("`stage` option");
    expect(error.message).not.toContain("SST_APP");

    delete process.env.SST_APP;
    const both = thrown(() => new Secret("dbPassword").fullName);
    expect(both.message).toContain("no app or stage");
    expect(both.message).toMatch(/SST_APP and SST_STAGE/);
  });

  it("wraps an existing full name with fromName and needs no SST env", () => {
    const secret = Secret.fromName("billing-prod-dbPassword");
    expect(secret.fullName).toBe("billing-prod-dbPassword");
    expect(secret.kind).toBe("secret");
    const parameter = Parameter.fromName("/legacy/path/flag", { encrypted: true });
    expect(parameter.fullName).toBe("/legacy/path/flag");
    expect(parameter.encrypted).toBe(true);
  });

  it("tags fromName variables only with an app and stage that really prefix the name", () => {
    process.env.SST_APP = "billing";
    process.env.SST_STAGE = "prod";
    expect(Secret.fromName("billing-prod-x").tags).toEqual({ app: "billing", stage: "prod" });
    expect(Secret.fromName("other-dev-x").tags).toEqual({});
    expect(Secret.fromName("other-dev-x", { app: "other", stage: "dev" }).tags).toEqual({ app: "other", stage: "dev" });
  });

  it("refuses characters outside A-Z a-z 0-9 _ . - in every part", () => {
    for (const [name, opts] of [
      ["db password", { app: "a", stage: "b" }],
      ["x", { app: "bill/ing", stage: "b" }],
      ["x", { app: "a", stage: "" }],
    ] as const) {
      expect(thrown(() => new Secret(name, opts).fullName)).toBeInstanceOf(ValidationError);
    }
  });

  it("defineSecret and defineParameter return the same kinds of instances", () => {
    const secret = defineSecret("apiKey", { app: "a", stage: "b" });
    const parameter = defineParameter("flag", { app: "a", stage: "b", encrypted: true });
    expect(secret).toBeInstanceOf(Secret);
    expect(parameter).toBeInstanceOf(Parameter);
    expect(parameter.encrypted).toBe(true);
    expect(secret.fullName).toBe("a-b-apiKey");
  });

  it("serialises to JSON without any value", () => {
    expect(JSON.parse(JSON.stringify(new Secret("k", { app: "a", stage: "b" })))).toEqual({
      kind: "secret",
      name: "k",
      fullName: "a-b-k",
      backend: "secretsmanager",
      encrypted: true,
    });
  });
});
