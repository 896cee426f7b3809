import type { Period } from "../../domain/period.ts";
import type { LedgerEntry } from "../../domain/usage.ts";

/** Append-only record of every usage report and plan change. */
export interface UsageLedger {
  /** Appends the entry; false (and nothing changes) when the MSP already has its eventId. */
  append(mspId: string, entry: LedgerEntry): Promise<boolean>;
  /** Every entry of one organization, in any order. */
  entries(mspId: string, organizationId: string): Promise<LedgerEntry[]>;
  /** The period of the MSP's earliest usage entry, or null when it has none. */
  firstPeriod(mspId: string): Promise<Period | null>;
  /** Every MSP that has at least one entry. */
  msps(): Promise<string[]>;
}
