/**
 * What happened to an addition; the one list that the HTTP schema, the row parser and the
 * database's CHECK constraint are fed from. `addition-gone`: the owned addition was found cancelled
 * or deleted in ConnectWise and its line blocked until resumed. `final-after-invoice`: the invoice
 * of a month was made before (or maybe before) its final reached the addition.
 */
export const AUDIT_ACTIONS = [
  "create",
  "update",
  "adopt",
  "drift",
  "failure",
  "final-not-pushed",
  "addition-gone",
  "final-after-invoice",
] as const;

/** What happened to an addition. */
export type AuditAction = typeof AUDIT_ACTIONS[number];

/** One write (or failed write, or drift found) to ConnectWise. */
export interface AuditEntry {
  /** Increasing per log; the paging cursor. */
  readonly id: number;
  readonly at: Date;
  readonly action: AuditAction;
  readonly agreementId: number | null;
  readonly productId: number | null;
  readonly additionId: number | null;
  readonly period: string | null;
  readonly oldQuantity: number | null;
  readonly newQuantity: number | null;
  readonly message: string;
}

/** The per-MSP audit log, newest first. */
export interface AuditLog {
  append(mspId: string, entry: Omit<AuditEntry, "id">): Promise<void>;
  /** Entries with id below `before` (all when omitted), newest first, at most `limit`. */
  list(mspId: string, page: { before?: number; limit: number }): Promise<AuditEntry[]>;
}
