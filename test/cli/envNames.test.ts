import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { envNameOf } from "../../src/cli/envNames.js";

describe("envNameOf (the rule secrets exec and export document)", () => {
  it.each([
    ["dbPassword", "DB_PASSWORD"],
    ["stripeSecretKey", "STRIPE_SECRET_KEY"],
    ["featureFlag", "FEATURE_FLAG"],
    ["APIKey", "API_KEY"],
    ["apiURL", "API_URL"],
    ["oauth2Token", "OAUTH2_TOKEN"],
    ["s3Bucket", "S3_BUCKET"],
    ["webhook-url", "WEBHOOK_URL"],
    ["db.password", "DB_PASSWORD"],
    ["DB_PASSWORD", "DB_PASSWORD"],
    ["billing-prod-legacyToken", "BILLING_PROD_LEGACY_TOKEN"],
    ["/prod/billing/db", "PROD_BILLING_DB"],
    ["2fa-secret", "_2FA_SECRET"],
    ["x", "X"],
  ])("%s → %s", (key, name) => {
    expect(envNameOf(key)).toBe(name);
  });

  it("always gives a valid environment variable name for a key the SDK accepts", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/).filter((k) => /[A-Za-z0-9]/.test(k)), (key) => {
        expect(envNameOf(key)).toMatch(/^[A-Z_][A-Z0-9_]*$/);
      }),
    );
  });
});
