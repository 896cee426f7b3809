import type { Organization } from "./organization.ts";
import { compareEntries, type LedgerEntry } from "./usage.ts";

/**
 * The one record of an organization getting or changing its plan through the
 * organization record (created by PUT, created by the company import, changed
 * by PUT): a ledger entry that sets only the plan, from `at` on. Null when the
 * plan is unchanged. Usage reports that name a plan are the other kind of
 * plan record; both sit in the same ledger, so the same history gives the
 * same bill whichever path created the organization.
 */
export function planChange(input: {
  before: Pick<Organization, "planId"> | undefined;
  after: Pick<Organization, "id" | "planId">;
  at: Date;
  eventId: string;
}): LedgerEntry | null {
  if (input.before?.planId === input.after.planId) return null;
  return {
    eventId: input.eventId,
    organizationId: input.after.id,
    occurredAt: input.at,
    licenses: null,
    servers: null,
    planId: input.after.planId,
  };
}

/**
 * The plan in effect at an instant: the plan of the last entry at or before
 * it that sets one. Before the first such entry the first known plan applies
 * (it also covers earlier reports); null when no entry sets a plan.
 */
export function planAt(entries: readonly LedgerEntry[], instant: Date): string | null {
  let first: LedgerEntry | null = null;
  let last: LedgerEntry | null = null;
  for (const entry of entries) {
    if (entry.planId === null) continue;
    if (first === null || compareEntries(entry, first) < 0) first = entry;
    if (entry.occurredAt.getTime() > instant.getTime()) continue;
    if (last === null || compareEntries(entry, last) > 0) last = entry;
  }
  return (last ?? first)?.planId ?? null;
}

/** The plan the organization is on now: the latest plan set, whatever its path. */
export function currentPlan(entries: readonly LedgerEntry[]): string | null {
  return planAt(entries, new Date(8.64e15));
}
