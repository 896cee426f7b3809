import type { Period } from "../../domain/period.ts";
import type { PeriodInputs } from "../../domain/period_inputs.ts";
import type { LedgerEntry } from "../../domain/usage.ts";

/** What recording a usage report did. */
export interface Recorded {
  /**
   * `recorded`; `duplicate` (the MSP has the eventId, for this very report); `event-id-reused` (the
   * MSP has the eventId for a report that differs in `differences`, see `reportDifferences`);
   * `unknown-organization`; `not-recorded`: refused by the caller (`accept` false) or its period is
   * final (`lastFinal`).
   */
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
   * Records a usage report in one write, atomically and without a read-then-write: the duplicate
   * check, the finalized-period check (exact under a race with the finalization of its month, see
   * `Statements.closeForReports`), the ledger row, its period summary, the plan the organization is
   * on when the report names the latest one, and the dirty mark of the organization's agreement
   * (waiting until `notBefore`). Only the duplicate check runs when `accept` is false. A report
   * whose eventId the MSP has stores nothing, whether it repeats the stored report or reuses its
   * id, even when the two race.
   */
  record(
    mspId: string,
    entry: LedgerEntry,
    options: { accept: boolean; notBefore: Date },
  ): Promise<Recorded>;
  /**
   * Appends the entry and folds it into its period's summary (`addToSummary`) in the same write;
   * false (and nothing changes) when the MSP already has its eventId.
   */
  append(mspId: string, entry: LedgerEntry): Promise<boolean>;
  /**
   * What the figures of a period are computed from, for each listed organization (`periodInputs`):
   * read from the period summaries, never by scanning the ledger, so its cost does not grow with
   * the history.
   */
  periodInputs(
    mspId: string,
    period: Period,
    organizationIds: readonly string[],
  ): Promise<PeriodInputs[]>;
  /** Every entry of one organization, in any order. */
  entries(mspId: string, organizationId: string): Promise<LedgerEntry[]>;
  /** The period of the MSP's earliest usage entry, or null when it has none. */
  firstPeriod(mspId: string): Promise<Period | null>;
  /** Every MSP that has at least one entry. */
  msps(): Promise<string[]>;
}
