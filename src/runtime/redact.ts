/** The text that replaces a value wherever one would have been shown. */
export const REDACTED = "[REDACTED]";

/**
 * AWS validation messages quote the submitted value, as in
 * "Value 'hunter2' at 'value' failed to satisfy constraint". These patterns
 * catch the quoted part even when the exact value is not known. They are
 * greedy, up to the last `' at '`: a value may itself contain `' at '`, and
 * hiding too much of a message is better than showing the rest of a value.
 */
const QUOTED_VALUE_PATTERNS: RegExp[] = [
  /(\bvalue\s+')[\s\S]*('\s+at\s+')/gi,
  /(\bvalue\s+")[\s\S]*("\s+at\s+")/gi,
  /("(?:Value|SecretString|SecretBinary)"\s*:\s*")(?:[^"\\]|\\.)*(")/g,
];

/**
 * Removes every known value, in raw and JSON-escaped form, and anything AWS
 * quotes as a value, from `text`.
 */
export function redact(text: string, values: readonly string[] = []): string {
  let result = text;
  const forms = new Set<string>();
  for (const value of values) {
    if (value.length === 0) continue;
    forms.add(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    forms.add(escaped);
    // Each line too: AWS and loggers sometimes split multi-line values.
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) forms.add(line);
  }
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    result = result.split(form).join(REDACTED);
  }
  for (const pattern of QUOTED_VALUE_PATTERNS) {
    result = result.replace(pattern, `$1${REDACTED}$2`);
  }
  return result;
}
