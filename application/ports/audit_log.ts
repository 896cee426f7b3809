/**
 * What happened to an addition; the one list the HTTP schema, the row parser and the database's
 * CHECK are fed from. `final-after-invoice`: invoiced before (or maybe before) its final arrived.
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

/** Per MSP, newest first. */
export interface AuditLog {
  append(mspId: string, entry: Omit<AuditEntry, "id">): Promise<void>;
  /** Entries with an id below `before` (all when omitted). */
  list(mspId: string, page: { before?: number; limit: number }): Promise<AuditEntry[]>;
}
