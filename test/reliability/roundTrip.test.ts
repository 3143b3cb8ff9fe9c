// Byte-exact round trips through the API, for both backends: what goes in
// with set() comes out of get() and getAll() with the same UTF-8 bytes, and
// is stored as such (checked with a raw client straight against moto).
import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { getAll, Parameter, Secret } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { motoSecrets, motoSsm } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

useFaultProxy();

const PEM = [
  "-----BEGIN PRIVATE KEY-----",
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj",
  "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu",
  "NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ",
  "-----END PRIVATE KEY-----",
  "",
].join("\n");

const VALUES: [label: string, value: string][] = [
  ["multi-line", "line one\nline two\nline three"],
  ["a trailing newline", "value\n"],
  ["CRLF line ends", "a\r\nb\r\n"],
  ["leading and trailing spaces", "  padded value  "],
  ["only spaces", "   "],
  ["tabs and a lone newline inside", "\tx\t\n\ty"],
  ["unicode (BMP)", "ünïcødé — 日本語 — עברית — Ελληνικά"],
  ["astral characters and emoji sequences", "😀 𝄞 👩‍👩‍👧 🇳🇴 🏳️‍🌈"],
  ["NFC é", "caf\u00e9"],
  ["NFD é", "cafe\u0301"],
  ["a byte-order mark and zero-width characters", "\ufeffbom\u200bzero\u200dwidth"],
  ["JSON", JSON.stringify({ user: "admin", password: 'p"a\\ss', nested: { list: [1, 2.5, null, true] } }, null, 2)],
  ["JSON on one line", '{"a":"b","c":["d"]}'],
  ["PEM", PEM],
  ["backslashes and quotes", `C:\\path\\to "quoted" 'single' \`back\` \\n (not a newline)`],
];

const sameBytes = (a: string | undefined, b: string): boolean => a !== undefined && Buffer.from(a, "utf8").equals(Buffer.from(b, "utf8"));

describe.each([
  { backend: "Secrets Manager", make: (key: string, scope: { app: string; stage: string }) => new Secret(key, scope) },
  { backend: "SSM String", make: (key: string, scope: { app: string; stage: string }) => new Parameter(key, scope) },
  { backend: "SSM SecureString", make: (key: string, scope: { app: string; stage: string }) => new Parameter(key, { ...scope, encrypted: true }) },
])("round trips through $backend", ({ make }) => {
  it.each(VALUES)("keeps %s byte-exact through set, get, getAll and storage", async (_label, value) => {
    const variable = make("roundTrip", uniqueScope());
    await variable.set(value);
    const got = await variable.get();
    expect(got).toBe(value);
    expect(sameBytes(got, value)).toBe(true);
    const { v } = await getAll({ v: variable });
    expect(sameBytes(v, value)).toBe(true);
    const stored =
      variable instanceof Secret
        ? (await motoSecrets().send(new GetSecretValueCommand({ SecretId: variable.fullName, VersionStage: "AWSCURRENT" }))).SecretString
        : (await motoSsm().send(new GetParameterCommand({ Name: variable.fullName, WithDecryption: true }))).Parameter?.Value;
    expect(sameBytes(stored, value)).toBe(true);
  });

  it("keeps NFC and NFD forms of the same text distinct", async () => {
    const scope = uniqueScope();
    const nfc = make("nfc", scope);
    const nfd = make("nfd", scope);
    await nfc.set("Zo\u00eb");
    await nfd.set("Zoe\u0308");
    const got = await getAll({ nfc, nfd });
    expect(got.nfc).toBe("Zo\u00eb");
    expect(got.nfd).toBe("Zoe\u0308");
    expect(got.nfc).not.toBe(got.nfd);
    expect(got.nfc.normalize("NFC")).toBe(got.nfd.normalize("NFC"));
  });
});

describe("round trips through rotation", () => {
  it("hands the rotation function the exact current value, and stores its exact result", async () => {
    const secret = new Secret("rotated", uniqueScope());
    await secret.set(PEM);
    let seen: string | undefined;
    await secret.rotate((old) => {
      seen = old;
      return `${old}  \n😀\r\n`;
    });
    expect(seen).toBe(PEM);
    expect(await secret.get()).toBe(`${PEM}  \n😀\r\n`);
  });
});
