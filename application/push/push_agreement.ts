import type { RemoteAddition } from "../../domain/reconcile.ts";
import { lineKey } from "../../domain/sync_line.ts";
import type { Deps } from "../ports/deps.ts";
import type { AuditEntry } from "../ports/audit_log.ts";
import type { SyncLine } from "../ports/sync_lines.ts";
import { applyDecision } from "./apply_decision.ts";
import { type KnownAdditions, trackingWrites } from "./known_additions.ts";
import { type AgreementPlan, type AgreementPush, planAgreement } from "./plan_agreement.ts";
import { recordFailure } from "./push_failure.ts";
import type { LineFields, PushResult } from "../lines/push_result.ts";

export type { PushResult };

/** What one push did, and the agreement's additions as they stand after it when known. */
export interface PushOutcome extends PushResult {
  /** Null when the read or any write failed: ConnectWise may hold something else. */
  readonly known: KnownAdditions | null;
  /** The agreement's lines before the push and as it left them (for state-change events). */
  readonly lines: { readonly before: readonly SyncLine[]; readonly after: readonly SyncLine[] };
}

/** How a push leaves its lines and what it records besides its own writes. */
export interface PushOptions {
  /** The date a new addition bills from. */
  readonly effectiveDate: Date;
  /**
   * Lines the push leaves in sync are `held` for an invoice instead, with this reason; a held line
   * the push left as it was keeps its time (when it was written).
   */
  readonly hold?: string;
}

/**
 * Writes only what differs, then records the lines and audit entries in one store call: a push cut
 * short leaves the lines as it found them, so it runs again and adopts what it had created.
 */
export async function pushAgreement(
  deps: Deps,
  input: AgreementPush & PushOptions,
): Promise<PushOutcome> {
  const { mspId, agreementId } = input;
  const plan = await planAgreement(deps, input);
  const result: PushResult = { written: 0, failed: 0, retryable: false, attention: null };
  const known = plan.remote ? [...plan.remote] : null;
  const journal: Omit<AuditEntry, "id">[] = [];
  let after: Map<string, SyncLine>;
  try {
    after = await applyPlan(deps, input, plan, { known, result, journal });
  } catch (error) {
    // An unexpected error ends the push: what it wrote is audited, its lines stay as found.
    await deps.store.syncLines.record(mspId, { agreementId, lines: null, audit: journal })
      .catch(() => undefined);
    throw error;
  }
  for (const b of plan.target.blocked) {
    const line: SyncLine = {
      ...identity(input, null, b.kind),
      desiredQuantity: 0,
      writtenQuantity: null,
      additionId: null,
      status: "blocked",
      reason: b.reason,
      updatedAt: deps.clock.now(),
    };
    if (!after.has(lineKey(line))) after.set(lineKey(line), line);
  }
  const settled = [...after.values()].map((l) => settle(l, plan.target.existing, input.hold));
  await deps.store.syncLines.record(mspId, { agreementId, lines: settled, audit: journal });
  return {
    ...result,
    known: result.failed === 0 ? known : null,
    lines: { before: plan.target.existing, after: settled },
  };
}

function identity(input: AgreementPush, productId: number | null, kind: SyncLine["kind"]) {
  const { agreementId, period, final } = input;
  return { agreementId, productId, kind, period, final };
}

/** Each planned line's decision carried out (or its failure recorded), by line key. */
async function applyPlan(
  deps: Deps,
  input: AgreementPush & PushOptions,
  plan: AgreementPlan,
  push: { known: RemoteAddition[] | null; result: PushResult; journal: Omit<AuditEntry, "id">[] },
): Promise<Map<string, SyncLine>> {
  const { period } = input;
  const { known, result, journal } = push;
  const additions = known
    ? trackingWrites(input.session.additions, known)
    : input.session.additions;
  const after = new Map<string, SyncLine>();
  for (const { desired, owned, outcome } of plan.lines) {
    const base = identity(input, desired.productId, desired.kind);
    let line: LineFields;
    try {
      if ("error" in outcome) throw outcome.error;
      line = await applyDecision(deps, {
        period,
        desired,
        decision: outcome.decision,
        additions,
        result,
        owned,
        journal,
        effectiveDate: input.effectiveDate,
      });
    } catch (error) {
      line = recordFailure(deps, { period, desired, error, result, owned, journal });
    }
    after.set(lineKey(base), { ...base, ...line });
  }
  return after;
}

/** A line left in sync becomes held with `hold`; held as it was, it keeps its time. */
function settle(line: SyncLine, existing: readonly SyncLine[], hold: string | undefined): SyncLine {
  if (hold === undefined || line.status !== "in-sync") return line;
  const held: SyncLine = { ...line, status: "held", reason: hold };
  const was = existing.find((l) => lineKey(l) === lineKey(line));
  const same = was !== undefined && was.status === "held" && was.period === held.period &&
    was.final === held.final && was.writtenQuantity === held.writtenQuantity &&
    was.additionId === held.additionId && was.reason === held.reason;
  return same ? { ...held, updatedAt: was.updatedAt } : held;
}
