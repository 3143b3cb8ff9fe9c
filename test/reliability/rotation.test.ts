// Rotation under concurrency (design (a), src/runtime/rotation.ts): the new
// value goes in as AWSPENDING and AWSCURRENT moves to it only if it is still
// where the rotation read it. No update may be lost, whoever races whom.
import { UpdateSecretVersionStageCommand, PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect, it } from "vitest";
import { ConflictError, getAll, Secret, type RotationResult } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { expectCleanLabels, motoSecrets, secretAt, seedSecret } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


function expectLostRace(error: unknown, fullName: string): void {
  expect(error).toBeInstanceOf(ConflictError);
  const message = (error as ConflictError).message;
  expect(message).toContain(fullName);
  expect(message).toContain("region us-east-1");
  expect(message).toMatch(/changed concurrently/);
  expect(message).toMatch(/retry/);
}

describe("concurrent rotations", () => {
  it("8 racing rotate(old => old + '+' + tag): successes = '+' count, AWSPREVIOUS = the value before the last success, losers get ConflictError, no AWSPENDING left", async () => {
    const secret = new Secret("rotor", uniqueScope());
    await seedSecret(secret.fullName, "base");
    ctx.proxy.latencyMs = 5; // widen the windows between read and write a little
    let value = "base";
    // Several rounds, with random pauses inside the rotation function, so that
    // some rotations start from a value another one has just written.
    for (let round = 0; round < 4; round++) {
      const tags = Array.from({ length: 8 }, (_, i) => `r${round}t${i}`);
      const settled = await Promise.allSettled(
        tags.map(async (tag) => {
          await sleep(Math.random() * 150);
          return secret.rotate(async (old) => {
            await sleep(Math.random() * 40);
            return `${old}+${tag}`;
          });
        }),
      );
      const won = tags.filter((_, i) => settled[i]!.status === "fulfilled");
      if (process.env.SENVAR_TRACE_RACES) console.log(`round ${round}: ${won.length} of 8 rotations won`);
      settled.forEach((s) => s.status === "rejected" && expectLostRace(s.reason, secret.fullName));
      expect(won.length).toBeGreaterThanOrEqual(1);

      const final = await secret.get();
      const added = final.slice(value.length).split("+").slice(1);
      expect(final.startsWith(value)).toBe(true);
      expect(final.split("+").length - 1).toBe(value.split("+").length - 1 + won.length);
      expect([...added].sort()).toEqual([...won].sort());

      // The value before the last success is AWSPREVIOUS; the last success's version is AWSCURRENT.
      const beforeLast = final.slice(0, final.lastIndexOf("+"));
      expect(await secretAt(secret.fullName, "AWSPREVIOUS")).toBe(beforeLast);
      const labels = await expectCleanLabels(secret.fullName);
      const lastWinner = settled[tags.indexOf(added[added.length - 1]!)] as PromiseFulfilledResult<RotationResult>;
      expect(lastWinner.value.versionId).toBe(labels.current);
      expect(lastWinner.value.previousVersionId).toBe(labels.previous);
      value = final;
    }
  }, 60_000);
});

describe("getAll after rotations", () => {
  it("returns the rotated values (moto answers BatchGetSecretValue with the stale version; those entries are re-read by stage)", async () => {
    const scope = uniqueScope();
    const rotated = [new Secret("a", scope), new Secret("b", scope), new Secret("c", scope)];
    const untouched = new Secret("d", scope);
    await Promise.all([...rotated, untouched].map((s, i) => seedSecret(s.fullName, `v${i}`)));
    for (let n = 1; n <= 3; n++) for (const s of rotated) await s.rotate((old) => `${old}+${n}`);

    ctx.proxy.reset();
    const values = await getAll({ a: rotated[0]!, b: rotated[1]!, c: rotated[2]!, d: untouched });
    expect(values).toEqual({ a: "v0+1+2+3", b: "v1+1+2+3", c: "v2+1+2+3", d: "v3" });
    expect(ctx.proxy.count("BatchGetSecretValue")).toBe(1);
    // The re-reads: one per rotated secret, by stage, none for the untouched one.
    const rereads = ctx.proxy.requests.filter((r) => r.target.endsWith(".GetSecretValue")).map((r) => JSON.parse(r.body) as { SecretId: string; VersionStage?: string });
    expect(rereads.map((r) => r.SecretId).sort()).toEqual(rotated.map((s) => s.fullName).sort());
    for (const r of rereads) expect(r.VersionStage).toBe("AWSCURRENT");
  });

  it("stays correct when a stage was moved by another tool, and agrees with get()", async () => {
    const secret = new Secret("moved", uniqueScope());
    const first = await seedSecret(secret.fullName, "first");
    const next = await motoSecrets().send(new PutSecretValueCommand({ SecretId: secret.fullName, SecretString: "second", VersionStages: ["STAGED"] }));
    await motoSecrets().send(new UpdateSecretVersionStageCommand({ SecretId: secret.fullName, VersionStage: "AWSCURRENT", MoveToVersionId: next.VersionId, RemoveFromVersionId: first }));
    expect(await getAll({ secret })).toEqual({ secret: "second" });
    expect(await secret.get()).toBe("second");
  });
});

describe("set racing a rotation", () => {
  it("a set after a rotation is what get() and getAll() return, with one AWSCURRENT", async () => {
    const secret = new Secret("setAfter", uniqueScope());
    await seedSecret(secret.fullName, "base");
    await secret.rotate((old) => `${old}+rotated`);
    await secret.set("written by set");
    expect(await secret.get()).toBe("written by set");
    expect(await getAll({ secret })).toEqual({ secret: "written by set" });
    await expectCleanLabels(secret.fullName);
    expect(await secretAt(secret.fullName, "AWSPREVIOUS")).toBe("base+rotated");
  });

  it("a set racing a rotation is never silently lost (many rounds, random timing)", async () => {
    const secret = new Secret("setRace", uniqueScope());
    await seedSecret(secret.fullName, "base");
    ctx.proxy.latencyMs = 5;
    const outcomes = { rotationFirst: 0, rotationAfterSet: 0, rotationLost: 0 };
    for (let round = 0; round < 16; round++) {
      // A rotation first, so that moto's own idea of the default version is stale (see the report).
      await secret.rotate((old) => `${old}+warm${round}`);
      const setValue = `set${round}`;
      const [rotation, set] = await Promise.allSettled([
        (async () => {
          await sleep(Math.random() * 80); // sometimes after the set has finished, sometimes well before
          return secret.rotate(async (old) => {
            await sleep(Math.random() * 30);
            return `${old}+race${round}`;
          });
        })(),
        (async () => {
          await sleep(Math.random() * 30);
          return secret.set(setValue);
        })(),
      ]);
      expect(set.status).toBe("fulfilled");
      const final = await secret.get();
      // Either the set is the last word, or the rotation started from the set's value.
      expect([setValue, `${setValue}+race${round}`]).toContain(final);
      if (rotation.status === "rejected") {
        expectLostRace(rotation.reason, secret.fullName);
        outcomes.rotationLost++;
      } else if (final === setValue) outcomes.rotationFirst++;
      else outcomes.rotationAfterSet++;
      expect(await getAll({ secret })).toEqual({ secret: final });
      await expectCleanLabels(secret.fullName);
    }
    if (process.env.SENVAR_TRACE_RACES) console.log("set vs rotate outcomes", outcomes);
  }, 60_000);
});
