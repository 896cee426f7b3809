import { ConflictError, DomainError } from "./errors.ts";
import { type Period, periodOf } from "./period.ts";

/**
 * One change of an organization's state, as kept in the usage ledger.
 * A usage report sets licenses and servers (and maybe the plan); a plan change
 * made through the organization record sets only the plan (the counts are null).
 */
export interface LedgerEntry {
  /** Unique per MSP; makes reporting idempotent. */
  readonly eventId: string;
  readonly organizationId: string;
  readonly occurredAt: Date;
  readonly licenses: number | null;
  readonly servers: number | null;
  /** The plan from this instant on; null leaves the plan as it was. */
  readonly planId: string | null;
}

/** How far in the future a report may claim to have happened. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** Checks a report against the rules that need no storage: counts, time, finalized periods. */
export function checkReport(
  entry: LedgerEntry,
  context: { now: Date; isFinalized: (period: Period) => boolean },
): void {
  for (const field of ["licenses", "servers"] as const) {
    const value = entry[field];
    if (value !== null && (!Number.isInteger(value) || value < 0)) {
      throw new DomainError("invalid-usage", `${field} must be a whole number of at least 0`, {
        details: [{ path: field, message: "must be a whole number of at least 0" }],
      });
    }
  }
  if (Number.isNaN(entry.occurredAt.getTime())) {
    throw new DomainError("invalid-usage", "occurredAt must be a valid instant", {
      details: [{ path: "occurredAt", message: "must be a valid instant" }],
    });
  }
  if (entry.occurredAt.getTime() > context.now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new DomainError(
      "report-in-future",
      `occurredAt ${entry.occurredAt.toISOString()} is more than 5 minutes in the future`,
      { details: [{ path: "occurredAt", message: "more than 5 minutes in the future" }] },
    );
  }
  const period = periodOf(entry.occurredAt);
  if (context.isFinalized(period)) {
    throw new ConflictError("period-finalized", `period ${period} is finalized`);
  }
}

/** Ledger order: by instant, then by event id, so the result never depends on arrival order. */
export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
