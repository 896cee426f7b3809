import { boundedText } from "../../domain/bounded_text.ts";
import type { Deps } from "../ports/deps.ts";
import type { DirtyAgreement } from "../ports/sync_queue.ts";

/**
 * A push that threw (a store refusal, a bug) marks its lines `failed` with an audit entry, so the
 * failure reaches the lines and not only the log; the next push that gets through replaces them.
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
