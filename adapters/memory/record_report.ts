import type { Recorded } from "../../application/ports/usage_ledger.ts";
import { type Period, periodOf } from "../../domain/period.ts";
import { entryKey } from "../../domain/period_summary.ts";
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
  const period = periodOf(entry.occurredAt);
  if (!options.accept || (lastFinal !== null && period <= lastFinal)) {
    return { outcome: "not-recorded", lastFinal };
  }
  // currentPlan(): the plan set last, by entry key, whatever its path.
  const group = key(msp, entry.organizationId);
  const laterPlan = s.summaries.list(group).some((p) =>
    p.lastPlan !== null && p.lastPlan.key > entryKey(entry)
  );
  input.append(msp, entry);
  if (entry.planId !== null && !laterPlan && org.planId !== entry.planId) {
    s.organizations.set(msp, org.id, { ...org, planId: entry.planId });
  }
  const mapping = s.companyMappings.get(msp, entry.organizationId);
  // markDirty runs synchronously in memory; its answer carries nothing.
  if (mapping) void memorySyncQueue(s).markDirty(msp, mapping.agreementId, options.notBefore);
  return { outcome: "recorded", lastFinal };
}
