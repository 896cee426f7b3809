import type { Period } from "../../domain/period.ts";
import { decide } from "../../domain/reconcile.ts";
import type { Deps } from "../deps.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import { lineKey, type SyncLine } from "../ports/sync_lines.ts";
import { applyDecision } from "./apply_decision.ts";
import { agreementTarget } from "./desired.ts";
import { recordFailure } from "./push_failure.ts";
import type { LineFields, PushResult } from "./push_result.ts";

export type { PushResult };

/**
 * Brings one agreement's additions to the desired quantities of a period:
 * decides per (agreement, product), writes only what differs, records each
 * line's status and one audit entry per write, drift, adoption or failure.
 */
export async function pushAgreement(
  deps: Deps,
  input: {
    mspId: string;
    agreementId: number;
    period: Period;
    final: boolean;
    session: ConnectWiseSession;
  },
): Promise<PushResult> {
  const { mspId, agreementId, period, final } = input;
  const target = await agreementTarget(deps.store, input);
  const existing = await deps.store.syncLines.forAgreement(mspId, agreementId);
  const result: PushResult = { written: 0, failed: 0, retryable: false, attention: null };
  const keep: string[] = [];
  const ownedLine = (productId: number) =>
    existing.find((l) => l.productId === productId && l.additionId !== null);
  if (final) {
    // Every final line is pending before the first write, so a push cut short
    // (a crash) is not taken for done and runs again.
    for (const d of target.lines) {
      const owned = ownedLine(d.productId);
      await deps.store.syncLines.save(mspId, {
        agreementId,
        productId: d.productId,
        kind: d.kind,
        period,
        final,
        desiredQuantity: d.quantity,
        writtenQuantity: owned?.writtenQuantity ?? null,
        additionId: owned?.additionId ?? null,
        status: "pending",
        reason: null,
        updatedAt: deps.clock.now(),
      });
    }
  }
  for (const desired of target.lines) {
    const owned = ownedLine(desired.productId);
    const base = { agreementId, productId: desired.productId, kind: desired.kind, period, final };
    let line: LineFields;
    try {
      const remote = await input.session.additions.list(agreementId, desired.productId);
      const decision = decide(
        desired.quantity,
        owned ? { additionId: owned.additionId!, writtenQuantity: owned.writtenQuantity } : null,
        remote,
        desired.productId,
      );
      const additions = input.session.additions;
      line = await applyDecision(deps, {
        mspId,
        period,
        desired,
        decision,
        additions,
        result,
        owned,
      });
    } catch (error) {
      line = await recordFailure(deps, { mspId, period, desired, error, result, owned });
    }
    await deps.store.syncLines.save(mspId, { ...base, ...line });
    keep.push(lineKey(base));
  }
  for (const b of target.blocked) {
    const line: SyncLine = {
      agreementId,
      productId: null,
      kind: b.kind,
      period,
      final,
      desiredQuantity: 0,
      writtenQuantity: null,
      additionId: null,
      status: "blocked",
      reason: b.reason,
      updatedAt: deps.clock.now(),
    };
    if (keep.includes(lineKey(line))) continue;
    await deps.store.syncLines.save(mspId, line);
    keep.push(lineKey(line));
  }
  await deps.store.syncLines.prune(mspId, agreementId, keep);
  return result;
}
