import { type Period, periodOf } from "../../domain/period.ts";
import { periodInputs } from "../../domain/period_inputs.ts";
import { addToSummary, EMPTY_SUMMARY } from "../../domain/period_summary.ts";
import { isUsage, type LedgerEntry } from "../../domain/usage.ts";
import type { Statement } from "../../domain/statement.ts";
import type { Statements } from "../../application/ports/statements.ts";
import type { UsageLedger } from "../../application/ports/usage_ledger.ts";
import { refuseMisplaced, refuseNegative } from "./checks.ts";
import { recordReport } from "./record_report.ts";
import { answer, key, type MemoryState } from "./state.ts";

/** Table-backed usage ledger; event ids are unique per MSP. */
export function memoryUsageLedger(s: MemoryState): UsageLedger {
  const append = (msp: string, entry: LedgerEntry) => {
    refuseNegative("usage", { licenses: entry.licenses, servers: entry.servers });
    if (s.eventIds.has(msp, entry.eventId)) return false;
    s.eventIds.set(msp, entry.eventId, entry.organizationId);
    const group = key(msp, entry.organizationId);
    s.ledger.set(group, entry.eventId, entry);
    const period = periodOf(entry.occurredAt);
    s.summaries.set(
      group,
      period,
      addToSummary(s.summaries.get(group, period) ?? EMPTY_SUMMARY, entry),
    );
    return true;
  };
  return {
    append: (msp, entry) => answer(() => append(msp, entry)),
    record: (msp, entry, options) => answer(() => recordReport(s, { msp, entry, options, append })),
    periodInputs: (msp, period, organizationIds) =>
      Promise.resolve(organizationIds.map((organization) => {
        const group = key(msp, organization);
        const summaries = s.summaries.ids(group).map((p) => ({
          period: p,
          summary: s.summaries.get(group, p)!,
        }));
        return periodInputs(organization, summaries, period);
      })),
    entries: (msp, org) => Promise.resolve(s.ledger.list(key(msp, org))),
    firstPeriod: (msp) => {
      let first: Date | null = null;
      for (const organization of new Set(s.eventIds.list(msp))) {
        for (const e of s.ledger.list(key(msp, organization))) {
          if (!isUsage(e)) continue;
          if (!first || e.occurredAt < first) first = e.occurredAt;
        }
      }
      return Promise.resolve(first ? periodOf(first) : null);
    },
    msps: () => Promise.resolve(s.eventIds.groups().sort()),
  };
}

/** Table-backed statements: a period is final once it has a row, even with no statements. */
export function memoryStatements(s: MemoryState): Statements {
  return {
    isFinalized: (msp, period) => Promise.resolve(s.finalized.has(msp, period)),
    finalize: async (msp, period, chunks) => {
      // As in Postgres: a period final already writes nothing, and reads no chunk.
      if (s.finalized.has(msp, period)) return false;
      // Every chunk is checked before anything is written, so a refusal leaves nothing even inside
      // a transaction whose work goes on (Postgres undoes its savepoint). Memory holds the
      // statements anyway.
      const all: Statement[] = [];
      for await (const chunk of chunks) {
        refuseMisplaced(period, chunk);
        for (const st of chunk) {
          refuseNegative("statements", { licenses: st.licenses, servers: st.servers });
          all.push(st);
        }
      }
      s.finalized.set(msp, period, true);
      for (const st of all) s.statements.set(key(msp, period), st.organizationId, st);
      return true;
    },
    list: (msp, period, organizationIds) =>
      Promise.resolve(
        (organizationIds === undefined
          ? s.statements.list(key(msp, period))
          : [...new Set(organizationIds)]
            .flatMap((id) => s.statements.get(key(msp, period), id) ?? []))
          // By organization, as the Postgres adapter lists them.
          .sort((a, b) => a.organizationId.localeCompare(b.organizationId)),
      ),
    // Memory transactions run one at a time: no report is ever half recorded.
    closeForReports: () => Promise.resolve(),
    lastFinalized: (msp) => {
      const periods: Period[] = s.finalized.ids(msp).sort();
      return Promise.resolve(periods.at(-1) ?? null);
    },
  };
}
