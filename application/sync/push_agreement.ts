import { lineKey } from "../../domain/sync_line.ts";
import type { Deps } from "../deps.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import { applyDecision } from "./apply_decision.ts";
import { type KnownAdditions, trackingWrites } from "./known_additions.ts";
import { type AgreementPush, planAgreement } from "./plan_agreement.ts";
import { recordFailure } from "./push_failure.ts";
import type { LineFields, PushResult } from "./push_result.ts";

export type { PushResult };

/** What one push did, and the agreement's additions as they stand after it when known. */
export interface PushOutcome extends PushResult {
  /** Null when the read or any write failed: ConnectWise may hold something else. */
  readonly known: KnownAdditions | null;
  /** The agreement's lines before the push and as it left them (for state-change events). */
  readonly lines: { readonly before: readonly SyncLine[]; readonly after: readonly SyncLine[] };
}

/**
 * Brings one agreement's additions to the desired quantities of a period:
 * decides per (agreement, product), writes only what differs, records each
 * line's status and one audit entry per write, drift, adoption or failure.
 * Given the `known` additions (a push that just ran), it reads nothing.
 */
export async function pushAgreement(
  deps: Deps,
  input: AgreementPush,
): Promise<PushOutcome> {
  const { mspId, agreementId, period, final } = input;
  const plan = await planAgreement(deps, input);
  const result: PushResult = { written: 0, failed: 0, retryable: false, attention: null };
  const known = plan.remote ? [...plan.remote] : null;
  const additions = known
    ? trackingWrites(input.session.additions, known)
    : input.session.additions;
  const keep: string[] = [];
  const after: SyncLine[] = [];
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
    const saved: SyncLine = { ...base, ...line };
    await deps.store.syncLines.save(mspId, saved);
    keep.push(lineKey(base));
    after.push(saved);
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
    after.push(line);
  }
  await deps.store.syncLines.prune(mspId, agreementId, keep);
  return {
    ...result,
    known: result.failed === 0 ? known : null,
    lines: { before: plan.target.existing, after },
  };
}
