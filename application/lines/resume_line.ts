import { NotFoundError } from "../../domain/errors.ts";
import { blockedByGoneAddition } from "../../domain/reconcile.ts";
import type { Deps } from "../ports/deps.ts";

/**
 * The MSP's word is the only way past a gone addition: the line drops it and the next push adopts
 * one active addition or creates one. Nothing is written to ConnectWise here.
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
