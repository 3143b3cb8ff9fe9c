/**
 * The environment variable name for a declared key, as `secrets exec` and
 * `secrets export` use it:
 *
 * 1. a word boundary goes before every capital that follows a lowercase
 *    letter or a digit (`dbPassword` → `db Password`), and before the last
 *    capital of a run that a lowercase letter follows (`APIKey` → `API Key`);
 * 2. every run of other characters (`-`, `.`, `/`, `_`) is a boundary too;
 * 3. the words are upper-cased and joined with `_`;
 * 4. a name that would start with a digit gets a leading `_`.
 *
 * `dbPassword` → `DB_PASSWORD`, `stripeSecretKey` → `STRIPE_SECRET_KEY`,
 * `APIKey` → `API_KEY`, `oauth2Token` → `OAUTH2_TOKEN`, `webhook-url` →
 * `WEBHOOK_URL`, and a `fromName` declaration's full name
 * `billing-prod-legacyToken` → `BILLING_PROD_LEGACY_TOKEN`.
 *
 * @example
 * ```ts
 * envNameOf("dbPassword"); // "DB_PASSWORD"
 * ```
 */
export function envNameOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
  const name = words.join("_").toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
