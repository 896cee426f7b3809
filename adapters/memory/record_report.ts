import type { Recorded } from "../../application/ports/usage_ledger.ts";
import { isFinalized, type Period, periodOf } from "../../domain/period.ts";
import { keyEventId } from "../../domain/period_summary.ts";
import { currentPlan } from "../../domain/plan_history.ts";
import { type LedgerEntry, reportDifferences } from "../../domain/usage.ts";
import { key, type MemoryState } from "./state.ts";
import { memorySyncQueue } from "./sync_repositories.ts";

/**
 * The memory side of `UsageLedger.record`: the same steps as the Postgres
 * statement, in one unit (memory units run one at a time).
 */
export function recordReport(
  s: MemoryState,
  input: {
    msp: string;
    entry: LedgerEntry;
    options: { accept: boolean; notBefore: Date };
    append: (msp: string, entry: LedgerEntry) => boolean;
  },
): Recorded {
  const { msp, entry, options } = input;
  const lastFinal: Period | null = s.finalized.ids(msp).sort().at(-1) ?? null;
  const org = s.organizations.get(msp, entry.organizationId);
  if (!org) return { outcome: "unknown-organization", lastFinal };
  const storedFor = s.eventIds.get(msp, entry.eventId);
  if (storedFor !== undefined) {
    const differences = reportDifferences(s.ledger.get(key(msp, storedFor), entry.eventId)!, entry);
    return differences.length === 0
      ? { outcome: "duplicate", lastFinal }
      : { outcome: "event-id-reused", lastFinal, differences };
  }
  if (!options.accept || isFinalized(periodOf(entry.occurredAt), lastFinal)) {
    return { outcome: "not-recorded", lastFinal };
  }
  input.append(msp, entry);
  const planNow = entry.planId === null ? null : currentPlan(lastPlanRecords(s, key(msp, org.id)));
  if (planNow !== null && planNow !== org.planId) {
    s.organizations.set(msp, org.id, { ...org, planId: planNow });
  }
  const mapping = s.companyMappings.get(msp, entry.organizationId);
  // markDirty runs synchronously in memory; its answer carries nothing.
  if (mapping) void memorySyncQueue(s).markDirty(msp, mapping.agreementId, options.notBefore);
  return { outcome: "recorded", lastFinal };
}

/**
 * The entries that set each period's last plan: the latest plan record is
 * one of them, so `currentPlan` reads a few entries, not the whole ledger.
 */
function lastPlanRecords(s: MemoryState, group: string): LedgerEntry[] {
  return s.summaries.list(group).flatMap(({ lastPlan }) =>
    lastPlan === null ? [] : [s.ledger.get(group, keyEventId(lastPlan.key))!]
  );
}
