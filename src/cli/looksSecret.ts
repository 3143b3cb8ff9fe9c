/**
 * Words that make a name look like it holds a secret (PRD section 9). Matched
 * case-insensitively anywhere in the key, with `_`, `-` and `.` ignored, so
 * `stripeSecretKey`, `DB_PASSWORD` and `api-key` all match.
 */
const SECRET_WORDS = ["password", "passwd", "passphrase", "secret", "token", "apikey", "privatekey", "credential", "signingkey", "accesskey", "clientsecret", "pwd"];

/** True when the key looks like it names a secret. */
export function looksSecret(key: string): boolean {
  const squashed = key.toLowerCase().replace(/[_.\-]/g, "");
  return SECRET_WORDS.some((word) => squashed.includes(word));
}
