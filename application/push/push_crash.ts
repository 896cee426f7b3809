import { boundedText } from "../../domain/bounded_text.ts";
import type { Deps } from "../ports/deps.ts";
import type { DirtyAgreement } from "../ports/sync_queue.ts";

/**
 * A push that threw instead of recording its outcome (a store that refused what it tried to keep, a
 * bug): the agreement's lines say so, `failed` with the reason and an audit entry, so that the
 * failure reaches the lines and not only the log. The queue retries the agreement with backoff; its
 * next push that gets through replaces these lines. When even this cannot be stored (the database
 * is down), the log is all there is.
 */
export async function showCrashOnLines(
  deps: Deps,
  item: DirtyAgreement,
  error: unknown,
): Promise<void> {
  const said = error instanceof Error ? error.message : String(error);
  const reason = boundedText(`The push failed and is retried with backoff: ${said}`);
  const { mspId, agreementId } = item;
  const now = deps.clock.now();
  const lines = await deps.store.syncLines.forAgreement(mspId, agreementId);
  await deps.store.syncLines.record(mspId, {
    agreementId,
    lines: lines.length === 0
      ? null
      : lines.map((line) => ({ ...line, status: "failed", reason, updatedAt: now })),
    audit: [{
      at: now,
      action: "failure",
      agreementId,
      productId: null,
      additionId: null,
      period: null,
      oldQuantity: null,
      newQuantity: null,
      message: reason,
    }],
  });
}
