// The Secrets and Parameters of the billing app. `secrets codegen` reads these
// declarations to write the typed registry (the repo's top-level generated/).
import { Parameter, Secret } from "@senvar/secrets";

/** Stripe's secret API key; rotated by secrets/rotation/stripeSecretKey.ts. */
export const stripeSecretKey = new Secret("stripeSecretKey");

/** The billing database's password. */
export const dbPassword = new Secret("dbPassword");

/** Turns the new invoice flow on ("enabled") or off. */
export const featureFlag = new Parameter("featureFlag");

/** Where Stripe events are forwarded; encrypted because the URL embeds a token. */
export const webhookUrl = new Parameter("webhookUrl", { encrypted: true });
