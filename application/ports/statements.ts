import type { Period } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";

/** Computed only as the store writes them, so a whole MSP's statements are never held at once. */
export type StatementChunks = Iterable<readonly Statement[]> | AsyncIterable<readonly Statement[]>;

/** Final statements per (MSP, period); immutable once written. */
export interface Statements {
  isFinalized(mspId: string, period: Period): Promise<boolean>;
  /**
   * Once: false when it was final already (then `chunks` is never read); all or nothing. Chunks
   * must read through the repositories `finalize` belongs to (the finalization's transaction).
   */
  finalize(mspId: string, period: Period, chunks: StatementChunks): Promise<boolean>;
  list(mspId: string, period: Period, organizationIds?: readonly string[]): Promise<Statement[]>;
  /**
   * Refuses the MSP's later reports of `period` or before, and waits for those being recorded, so
   * figures read after it are complete. First in the transaction that finalizes the period.
   */
  closeForReports(mspId: string, period: Period): Promise<void>;
  lastFinalized(mspId: string): Promise<Period | null>;
}
