import { type Period, periodOf } from "../../domain/period.ts";
import { isUsage } from "../../domain/usage.ts";
import type { Statements } from "../../application/ports/statements.ts";
import type { UsageLedger } from "../../application/ports/usage_ledger.ts";
import { key, type MemoryState, ofMsp } from "./state.ts";

/** Map-backed usage ledger; event ids are unique per MSP. */
export function memoryUsageLedger(s: () => MemoryState): UsageLedger {
  return {
    append: (msp, entry) => {
      const seen = s().eventIds.get(msp) ?? new Set<string>();
      if (seen.has(entry.eventId)) return Promise.resolve(false);
      seen.add(entry.eventId);
      s().eventIds.set(msp, seen);
      const k = key(msp, entry.organizationId);
      s().ledger.set(k, [...(s().ledger.get(k) ?? []), entry]);
      return Promise.resolve(true);
    },
    entries: (msp, org) => Promise.resolve([...(s().ledger.get(key(msp, org)) ?? [])]),
    firstPeriod: (msp) => {
      let first: Date | null = null;
      for (const entries of ofMsp(s().ledger, msp)) {
        for (const e of entries) {
          if (!isUsage(e)) continue;
          if (!first || e.occurredAt < first) first = e.occurredAt;
        }
      }
      return Promise.resolve(first ? periodOf(first) : null);
    },
    msps: () => Promise.resolve([...s().eventIds.keys()].sort()),
  };
}

/** Map-backed statements: a period is final once it has an entry. */
export function memoryStatements(s: () => MemoryState): Statements {
  return {
    isFinalized: (msp, period) => Promise.resolve(s().finalized.has(key(msp, period))),
    finalize: (msp, period, statements) => {
      if (s().finalized.has(key(msp, period))) return Promise.resolve(false);
      s().finalized.set(key(msp, period), [...statements]);
      return Promise.resolve(true);
    },
    list: (msp, period, organizationIds) =>
      Promise.resolve(
        (s().finalized.get(key(msp, period)) ?? []).filter((st) =>
          organizationIds === undefined || organizationIds.includes(st.organizationId)
        ),
      ),
    lastFinalized: (msp) => {
      const prefix = `${msp}\u0000`;
      const periods: Period[] = [...s().finalized.keys()]
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length))
        .sort();
      return Promise.resolve(periods.at(-1) ?? null);
    },
  };
}
