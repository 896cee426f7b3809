import { NotFoundError } from "../../domain/errors.ts";
import { blockedByGoneAddition } from "../../domain/reconcile.ts";
import type { Deps } from "../ports/deps.ts";

/**
 * Resumes a line blocked because its addition was cancelled or deleted in ConnectWise: the line
 * drops that addition and its agreement is queued, so the next push adopts a single active addition
 * or creates one. The MSP's explicit word is the only way past such a block; nothing is written
 * here.
 */
export async function resumeLine(
  deps: Deps,
  input: { mspId: string; agreementId: number; productId: number },
): Promise<void> {
  const { mspId, agreementId, productId } = input;
  await deps.store.transaction(async (repos) => {
    const lines = await repos.syncLines.forAgreement(mspId, agreementId);
    const line = lines.find((l) => l.productId === productId);
    if (!line || !blockedByGoneAddition(line)) {
      throw new NotFoundError(
        "sync-line-not-found",
        `No line of agreement ${agreementId} and product ${productId} is blocked by a cancelled or deleted addition`,
      );
    }
    const now = deps.clock.now();
    await repos.syncLines.save(mspId, {
      ...line,
      additionId: null,
      writtenQuantity: null,
      status: "pending",
      reason: null,
      updatedAt: now,
    });
    await repos.syncQueue.markDirty(mspId, agreementId, now);
  });
}
