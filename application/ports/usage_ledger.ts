import type { Period } from "../../domain/period.ts";
import type { PeriodInputs } from "../../domain/period_inputs.ts";
import type { LedgerEntry } from "../../domain/usage.ts";

/** Append-only record of every usage report and plan change. */
export interface UsageLedger {
  /**
   * Appends the entry and folds it into its period's summary (`addToSummary`)
   * in the same write; false (and nothing changes) when the MSP already has
   * its eventId.
   */
  append(mspId: string, entry: LedgerEntry): Promise<boolean>;
  /**
   * What the figures of a period are computed from, for each listed
   * organization (`periodInputs`): read from the period summaries, never by
   * scanning the ledger, so its cost does not grow with the history.
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
