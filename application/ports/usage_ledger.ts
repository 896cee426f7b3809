import type { Period } from "../../domain/period.ts";
import type { PeriodInputs } from "../../domain/period_inputs.ts";
import type { LedgerEntry } from "../../domain/usage.ts";

/** What recording a usage report did. */
export interface Recorded {
  /** `not-recorded`: refused by the caller (`accept` false) or in a final period (`lastFinal`). */
  readonly outcome:
    | "recorded"
    | "duplicate"
    | "event-id-reused"
    | "unknown-organization"
    | "not-recorded";
  /** The MSP's latest final period when the report was decided. */
  readonly lastFinal: Period | null;
  /** With `event-id-reused`: the fields in which the stored report differs. */
  readonly differences?: readonly string[];
}

/** Append-only record of every usage report and plan change. */
export interface UsageLedger {
  /**
   * One atomic write, no read-then-write: duplicate and finalized-period checks (exact under a race
   * with `Statements.closeForReports`), ledger row, summary, plan, dirty mark. A known eventId
   * stores nothing, even when two race. Only the duplicate check runs when `accept` is false.
   */
  record(
    mspId: string,
    entry: LedgerEntry,
    options: { accept: boolean; notBefore: Date },
  ): Promise<Recorded>;
  /** Folds the entry into its period's summary in the same write; false for a known eventId. */
  append(mspId: string, entry: LedgerEntry): Promise<boolean>;
  /** From the period summaries, never a ledger scan, so the cost does not grow with history. */
  periodInputs(
    mspId: string,
    period: Period,
    organizationIds: readonly string[],
  ): Promise<PeriodInputs[]>;
  /** In any order. */
  entries(mspId: string, organizationId: string): Promise<LedgerEntry[]>;
  /** The period of the MSP's earliest usage entry, or null when it has none. */
  firstPeriod(mspId: string): Promise<Period | null>;
  msps(): Promise<string[]>;
}
