import { DomainError } from "./errors.ts";
import type { Period } from "./period.ts";
import { reportRefusal } from "./report_window.ts";

/** A usage report sets the counts (and maybe the plan); a plan change alone only the plan. */
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

/** Whether an entry is usage: it reports counts. A plan change alone is not. */
export function isUsage(entry: Pick<LedgerEntry, "licenses" | "servers">): boolean {
  return entry.licenses !== null || entry.servers !== null;
}

/** The rules of a report that need no storage. */
export function checkReport(
  entry: LedgerEntry,
  context: { now: Date; lastFinal: Period | null },
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
  const refusal = reportRefusal(entry.occurredAt, context);
  if (refusal) throw refusal;
}

const REPORT_FIELDS = ["organizationId", "occurredAt", "licenses", "servers", "planId"] as const;

/**
 * None is a duplicate (a retry, answered as such); any is a reused eventId, refused so the platform
 * hears of it instead of losing a report.
 */
export function reportDifferences(
  stored: LedgerEntry,
  incoming: LedgerEntry,
): (typeof REPORT_FIELDS)[number][] {
  return REPORT_FIELDS.filter((field) =>
    field === "occurredAt"
      ? stored.occurredAt.getTime() !== incoming.occurredAt.getTime()
      : stored[field] !== incoming[field]
  );
}

/** Ledger order: by instant, then by event id, so the result never depends on arrival order. */
export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
