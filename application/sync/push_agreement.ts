import type { Period } from "../../domain/period.ts";
import { lineKey } from "../../domain/sync_line.ts";
import type { Deps } from "../deps.ts";
import type { ConnectWiseSession } from "../ports/connectwise.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import { applyDecision } from "./apply_decision.ts";
import { planAgreement } from "./plan_agreement.ts";
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
  const plan = await planAgreement(deps, input);
  const result: PushResult = { written: 0, failed: 0, retryable: false, attention: null };
  const keep: string[] = [];
  const identity = (productId: number | null, kind: SyncLine["kind"]) => ({
    agreementId,
    productId,
    kind,
    period,
    final,
  });
  if (final) {
    // Every final line is pending before the first write, so a push cut short
    // (a crash) is not taken for done and runs again.
    for (const { desired: d, owned } of plan.lines) {
      await deps.store.syncLines.save(mspId, {
        ...identity(d.productId, d.kind),
        desiredQuantity: d.quantity,
        writtenQuantity: owned?.writtenQuantity ?? null,
        additionId: owned?.additionId ?? null,
        status: "pending",
        reason: null,
        updatedAt: deps.clock.now(),
      });
    }
  }
  for (const { desired, owned, outcome } of plan.lines) {
    const base = identity(desired.productId, desired.kind);
    let line: LineFields;
    try {
      if ("error" in outcome) throw outcome.error;
      const { decision } = outcome;
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
  for (const b of plan.target.blocked) {
    const line: SyncLine = {
      ...identity(null, b.kind),
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
