// A rollback is a compare-and-swap on AWSCURRENT, like every secret write
// (src/runtime/rotation.ts moveCurrent). When it races a rotation, exactly
// one of them wins; the other fails with a ConflictError and changes nothing.
import { describe, expect, it } from "vitest";
import { ConflictError, Secret, type RotationResult, type SecretRollbackResult } from "../../src/index.js";
import { uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { expectCleanLabels, secretAt } from "../support/moto.js";
import { useFaultProxy } from "../support/useFaultProxy.js";

const ctx = useFaultProxy();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe("rollback racing a rotation", () => {
  it("a rollback that commits while a rotation is computing its value wins; the rotation gets ConflictError and writes nothing current", async () => {
    const secret = new Secret("raceA", uniqueScope("q"));
    const v1 = await secret.set("value-1");
    const v2 = await secret.set("value-2");
    let rolledBack: SecretRollbackResult | undefined;
    const error = await rejection(
      secret.rotate(async (old) => {
        rolledBack = await secret.rollback();
        return `${old}+rotated`;
      }),
    );
    expect(rolledBack).toMatchObject({ versionId: v1.versionId, previousVersionId: v2.versionId });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(`Secret ${secret.fullName} (region us-east-1) changed concurrently while it was being rotated`);
    expect(await expectCleanLabels(secret.fullName)).toEqual({ current: v1.versionId, previous: v2.versionId });
    expect(await secret.get()).toBe("value-1");
  });

  it("a rotation that commits while a rollback waits for confirmation wins; the rollback gets ConflictError and moves nothing", async () => {
    const secret = new Secret("raceB", uniqueScope("q"));
    await secret.set("value-1");
    const v2 = await secret.set("value-2");
    let rotated: RotationResult | undefined;
    const error = await rejection(
      secret.rollback({
        confirm: async () => {
          rotated = await secret.rotate((old) => `${old}+rotated`);
          return true;
        },
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(`Secret ${secret.fullName} (region us-east-1) changed concurrently while it was being rolled back`);
    expect(error.message).toContain(`no longer on version ${v2.versionId}`);
    expect((error as ConflictError).hint).toContain(`secrets history ${secret.fullName}`);
    expect(await expectCleanLabels(secret.fullName)).toEqual({ current: rotated!.versionId, previous: v2.versionId });
    expect(await secret.get()).toBe("value-2+rotated");
  });

  it("many rotations and rollbacks at once: every loser gets ConflictError, labels stay consistent, and AWSCURRENT is a winner's version", async () => {
    const secret = new Secret("raceMany", uniqueScope("q"));
    await secret.set("base-0");
    await secret.set("base-1");
    ctx.proxy.latencyMs = 5;
    for (let round = 0; round < 4; round++) {
      const settled = await Promise.allSettled(
        Array.from({ length: 6 }, async (_, i) => {
          await sleep(Math.random() * 60);
          return i % 2 === 0 ? secret.rotate(async (old) => `${old}+r${round}.${i}`) : secret.rollback();
        }),
      );
      const won = settled.filter((s): s is PromiseFulfilledResult<RotationResult | SecretRollbackResult> => s.status === "fulfilled").map((s) => s.value);
      for (const s of settled) if (s.status === "rejected") expect(s.reason, String((s.reason as Error).message)).toBeInstanceOf(ConflictError);
      expect(won.length).toBeGreaterThanOrEqual(1);
      const { current } = await expectCleanLabels(secret.fullName);
      expect(won.map((w) => w.versionId)).toContain(current);
      expect(await secret.get()).toBe(await secretAt(secret.fullName, "AWSCURRENT"));
    }
  }, 60_000);
});
