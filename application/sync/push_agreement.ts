import { lineKey } from "../../domain/sync_line.ts";
import type { Deps } from "../deps.ts";
import type { AuditEntry } from "../ports/audit_log.ts";
import type { AgreementAdditions } from "../ports/connectwise.ts";
import type { PushRecord, SyncLine } from "../ports/sync_lines.ts";
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
  /** What the push left for its caller to record (`defer`); null when it recorded it. */
  readonly unrecorded: PushRecord | null;
}

/** How a push records what it did, besides its plan. */
export interface PushRecording {
  /** Leaves the record to the caller (a push that another follows at once). */
  readonly defer?: boolean;
  /**
   * An earlier push's record not stored yet: stored before this push's first
   * write to ConnectWise, else with this push's record (its lines replaced by
   * this push's, its audit entries first), in one store call.
   */
  readonly earlier?: PushRecord;
}

/**
 * Brings one agreement's additions to the desired quantities of a period:
 * decides per (agreement, product), writes only what differs, and records
 * every line's status with one audit entry per write, drift, adoption or
 * failure, all in one store call after the ConnectWise calls. The lines
 * change at once, so a push cut short (a crash) leaves the lines it found:
 * a final push found them not carrying the final figures, so it runs again
 * (and adopts what it had created). Given the `known` additions (a push that
 * just ran), it reads nothing from ConnectWise; given the `target`, nothing
 * from the store. So the final push of a month end and the running push that
 * follows it, writing nothing, cost one store call.
 */
export async function pushAgreement(
  deps: Deps,
  input: AgreementPush & PushRecording,
): Promise<PushOutcome> {
  const { mspId, agreementId, period, final } = input;
  const plan = await planAgreement(deps, input);
  const result: PushResult = { written: 0, failed: 0, retryable: false, attention: null };
  const known = plan.remote ? [...plan.remote] : null;
  let earlier = input.earlier ?? null;
  const storeEarlier = async () => {
    const r = earlier;
    earlier = null;
    if (r !== null) await deps.store.syncLines.record(mspId, r);
  };
  const additions = beforeWrites(
    known ? trackingWrites(input.session.additions, known) : input.session.additions,
    storeEarlier,
  );
  const journal: Omit<AuditEntry, "id">[] = [];
  // By key, a later line replacing an earlier one of the same key.
  const after = new Map<string, SyncLine>();
  const identity = (productId: number | null, kind: SyncLine["kind"]) => ({
    agreementId,
    productId,
    kind,
    period,
    final,
  });
  try {
    for (const { desired, owned, outcome } of plan.lines) {
      const base = identity(desired.productId, desired.kind);
      let line: LineFields;
      try {
        if ("error" in outcome) throw outcome.error;
        const { decision } = outcome;
        line = await applyDecision(deps, {
          period,
          desired,
          decision,
          additions,
          result,
          owned,
          journal,
        });
      } catch (error) {
        line = recordFailure(deps, { period, desired, error, result, owned, journal });
      }
      after.set(lineKey(base), { ...base, ...line });
    }
  } catch (error) {
    // An unexpected error ends the push: what it wrote is audited, its lines stay as found.
    const audit = [...(earlier?.audit ?? []), ...journal];
    await deps.store.syncLines.record(mspId, { agreementId, lines: earlier?.lines ?? null, audit })
      .catch(() => undefined);
    throw error;
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
    if (!after.has(lineKey(line))) after.set(lineKey(line), line);
  }
  const lines = [...after.values()];
  const record: PushRecord = { agreementId, lines, audit: [...(earlier?.audit ?? []), ...journal] };
  if (!input.defer) await deps.store.syncLines.record(mspId, record);
  return {
    ...result,
    known: result.failed === 0 ? known : null,
    lines: { before: plan.target.existing, after: lines },
    unrecorded: input.defer ? record : null,
  };
}

/** The additions port running `first` before each write (it stores the earlier record once). */
function beforeWrites(
  additions: AgreementAdditions,
  first: () => Promise<void>,
): AgreementAdditions {
  return {
    list: (agreementId) => additions.list(agreementId),
    create: async (agreementId, input) => {
      await first();
      return additions.create(agreementId, input);
    },
    setQuantity: async (agreementId, additionId, quantity) => {
      await first();
      return additions.setQuantity(agreementId, additionId, quantity);
    },
  };
}
