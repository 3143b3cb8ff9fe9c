import { AWSCURRENT, describeSecret, updateSecretVersionStage, type secretsManagerClient } from "../providers/secretsManager.js";

type SecretsHandle = Awaited<ReturnType<typeof secretsManagerClient>>;

/** How many times to look again when racing writers keep moving the label. */
const SETTLE_ROUNDS = 3;

/**
 * After a plain PutSecretValue (what `Secret.set` does), makes sure the new
 * version is the only one holding AWSCURRENT.
 *
 * On AWS it always is, and this is one DescribeSecret that finds nothing to
 * do. Moto (5.2.1, measured), and so LocalStack, moves AWSCURRENT on a put
 * away from the version *it last made current by a put*, not from the version
 * that holds the label. After a rotation (a stage move) that is the wrong
 * one: the rotated version keeps AWSCURRENT next to the new one, GetSecretValue
 * by stage answers with the older of the two, and the set is silently lost.
 * Here the extra holders lose the label; moto then makes the last of them
 * AWSPREVIOUS, which is where AWS would have put it.
 *
 * Only while ours still holds the label: once a later writer has taken it
 * from ours, it is theirs and this stops.
 *
 * Best effort: the value is written already, so a failure here (a missing
 * DescribeSecret permission, say) is ignored rather than reported as a failed set.
 */
export async function settleCurrent(handle: SecretsHandle, fullName: string, ours: string): Promise<void> {
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    let holders: string[];
    try {
      const { versionStages } = await describeSecret(handle, fullName);
      holders = Object.entries(versionStages)
        .filter(([, stages]) => stages.includes(AWSCURRENT))
        .map(([id]) => id);
    } catch {
      return;
    }
    if (!holders.includes(ours) || holders.length === 1) return;
    for (const other of holders.filter((id) => id !== ours)) {
      try {
        await updateSecretVersionStage(handle, { secretId: fullName, stage: AWSCURRENT, removeFrom: other });
      } catch {
        // A racing rotation moved it meanwhile; the next round looks again.
      }
    }
  }
}
