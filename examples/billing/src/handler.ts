// A Lambda handler of the billing app: it loads its configuration once per
// cold start through the generated registry, in one round trip per backend.
import { getAll } from "@senvar/secrets";
import { secrets } from "../../../generated/secrets.js";

interface InvoiceEvent {
  customerId: string;
  amountCents: number;
}

interface InvoiceResult {
  status: "created" | "skipped";
  forwardedTo?: string;
}

let config: Promise<{ stripeSecretKey: string; featureFlag: string; webhookUrl: string }> | undefined;

/** Loads the handler's variables on first use; later invocations reuse them. */
function loadConfig() {
  config ??= getAll({
    stripeSecretKey: secrets.stripeSecretKey,
    featureFlag: secrets.featureFlag,
    webhookUrl: secrets.webhookUrl,
  });
  return config;
}

/** Creates an invoice when the new flow is enabled, and says where the event was forwarded. */
export async function handler(event: InvoiceEvent): Promise<InvoiceResult> {
  const { stripeSecretKey, featureFlag, webhookUrl } = await loadConfig();
  if (featureFlag !== "enabled" || event.amountCents <= 0) return { status: "skipped" };
  await createInvoice(stripeSecretKey, event);
  return { status: "created", forwardedTo: new URL(webhookUrl).host };
}

async function createInvoice(apiKey: string, event: InvoiceEvent): Promise<void> {
  const response = await fetch("https://api.stripe.com/v1/invoices", {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ customer: event.customerId, amount: String(event.amountCents) }),
  });
  if (!response.ok) throw new Error(`Stripe refused the invoice for ${event.customerId}: HTTP ${response.status}`);
}
