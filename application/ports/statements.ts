import type { Period } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";

/**
 * A period's statements in chunks, read (and computed) only as the store writes them, so a whole
 * MSP's statements are never held at once.
 */
export type StatementChunks = Iterable<readonly Statement[]> | AsyncIterable<readonly Statement[]>;

/** Final statements per (MSP, period); immutable once written. */
export interface Statements {
  isFinalized(mspId: string, period: Period): Promise<boolean>;
  /**
   * Records the period as final with its statements, once: false when it was final already (the
   * earlier statements stay as they are, and `chunks` is never read). Each chunk is written as it
   * comes, with one set-based write; all or nothing. Chunks that read the store must read it
   * through the repositories `finalize` belongs to (the finalization's transaction).
   */
  finalize(mspId: string, period: Period, chunks: StatementChunks): Promise<boolean>;
  /** The period's statements, of the given organizations only when `organizationIds` is set. */
  list(mspId: string, period: Period, organizationIds?: readonly string[]): Promise<Statement[]>;
  /**
   * From now on the MSP's reports in `period` or before are not recorded; waits for reports being
   * recorded to finish, so figures read after it are complete. Called first in the transaction that
   * finalizes the period.
   */
  closeForReports(mspId: string, period: Period): Promise<void>;
  /** The latest finalized period of the MSP, or null. */
  lastFinalized(mspId: string): Promise<Period | null>;
}
