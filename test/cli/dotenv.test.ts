// The dotenv quoting of `secrets export`: every value it writes parses back
// unchanged, with our reference parser, Node's own (util.parseEnv) and a POSIX
// shell; every value it cannot write that way is refused without being quoted.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as util from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDotenv } from "../../src/cli/dotenv.js";
import { CliError } from "../../src/cli/errors.js";
import { parseDotenv } from "../support/dotenv.js";

const NUM_RUNS = Number(process.env.FC_RUNS ?? 500);
const parseEnv = (util as { parseEnv?: (text: string) => Record<string, string> }).parseEnv;

/** Text heavy in the characters quoting cares about, plus any well-formed unicode. */
const tricky = fc
  .array(fc.oneof(fc.constantFrom("'", '"', "\\", "$", "`", "\n", "\r", " ", "\t", "#", "=", "\\n", "$(x)", "\u0000"), fc.string({ unit: "binary", maxLength: 4 })), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.join(""))
  .filter((s) => s.length > 0 && isWellFormed(s));

/** No lone surrogates: values come back from AWS as UTF-8, which cannot hold one. */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function refusable(value: string): boolean {
  return value.includes("\r") || value.includes("\u0000") || (value.includes("'") && /["\\$`]/.test(value));
}

describe("formatDotenv", () => {
  it("writes every value it accepts so that it parses back unchanged, and refuses exactly the others, naming the variable and not the value", () => {
    fc.assert(
      fc.property(tricky, (value) => {
        let text: string;
        try {
          text = formatDotenv([{ envName: "SOME_VALUE", value }]);
        } catch (error) {
          expect(error).toBeInstanceOf(CliError);
          expect((error as Error).message).toContain("SOME_VALUE");
          if (value.length >= 3) expect((error as Error).message).not.toContain(value);
          expect(refusable(value)).toBe(true);
          return;
        }
        expect(refusable(value)).toBe(false);
        expect(parseDotenv(text)).toEqual({ SOME_VALUE: value });
        if (parseEnv) expect(parseEnv(text)).toEqual({ SOME_VALUE: value });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("keeps multiline values (a PEM key) with their real newlines, and many variables apart", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n+/=\n-----END PRIVATE KEY-----\n";
    const entries = [
      { envName: "TLS_KEY", value: pem },
      { envName: "GREETING", value: "it's\nmultiline too" },
      { envName: "LOOKS_LIKE_A_LINE", value: "x\nOTHER='y'\n# not a comment" },
    ];
    const text = formatDotenv(entries, "a header comment");
    expect(text.startsWith("# a header comment\n")).toBe(true);
    expect(text).toContain(`TLS_KEY='${pem}'\n`);
    expect(text).toContain(`GREETING="it's\nmultiline too"\n`);
    const expected = Object.fromEntries(entries.map((e) => [e.envName, e.value]));
    expect(parseDotenv(text)).toEqual(expected);
    if (parseEnv) expect(parseEnv(text)).toEqual(expected);
  });

  it("reads back through a POSIX shell's `set -a; . ./file` and never runs anything in it", () => {
    const dir = mkdtempSync(join(tmpdir(), "senvar-dotenv-"));
    const values = ["$(touch pwned)", "`touch pwned`", "a\\nb\\\\c", "it's plain", "multi\nline $HOME", " spaced ", "x#y=z"];
    const entries = values.map((value, i) => ({ envName: `V${i}`, value }));
    writeFileSync(join(dir, ".env"), formatDotenv(entries));
    for (const [i, value] of values.entries()) {
      const out = execFileSync("sh", ["-c", `set -a; . ./.env; printf '%s' "$V${i}"`], { cwd: dir, encoding: "utf8" });
      expect(out).toBe(value);
    }
    expect(readdirSync(dir)).toEqual([".env"]);
  });
});
