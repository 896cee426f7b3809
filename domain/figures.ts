import { type Period, periodEnd, periodStart } from "./period.ts";
import { highestTier, knownPlan, type Plan } from "./plan.ts";
import { planAt } from "./plan_history.ts";
import { compareEntries, type LedgerEntry } from "./usage.ts";

/** The billable figures of one organization for one period. */
export interface Figures {
  readonly planId: string;
  readonly licenses: number;
  readonly servers: number;
}

interface State {
  planId: string;
  licenses: number;
  servers: number;
}

function apply(state: State, entry: LedgerEntry): State {
  return {
    planId: entry.planId ?? state.planId,
    licenses: entry.licenses ?? state.licenses,
    servers: entry.servers ?? state.servers,
  };
}

/**
 * Figures of a period from an organization's whole ledger:
 * the highest-tier plan at any moment, the maximum licenses, and the maximum
 * servers when that plan includes servers. The state at the start of the period
 * carries over from earlier periods; the first known plan also applies to
 * earlier reports. Entries after the period are ignored, so while a period is
 * open this gives the running figures. A plan the catalog does not hold
 * throws `UnknownPlanError`.
 */
export function periodFigures(
  entries: readonly LedgerEntry[],
  period: Period,
  context: { plans: ReadonlyMap<string, Plan>; currentPlanId: string },
): Figures {
  const sorted = [...entries].sort(compareEntries);
  const start = periodStart(period).getTime();
  const end = periodEnd(period).getTime();
  const carriedPlan = planAt(sorted, new Date(start - 1)) ?? context.currentPlanId;

  let state: State = { planId: carriedPlan, licenses: 0, servers: 0 };
  let i = 0;
  for (; i < sorted.length && sorted[i].occurredAt.getTime() < start; i++) {
    state = apply(state, sorted[i]);
  }
  const planIds = new Set([state.planId]);
  let licenses = state.licenses;
  let servers = state.servers;
  for (; i < sorted.length && sorted[i].occurredAt.getTime() < end; i++) {
    state = apply(state, sorted[i]);
    planIds.add(state.planId);
    licenses = Math.max(licenses, state.licenses);
    servers = Math.max(servers, state.servers);
  }

  // planIds holds at least the carried plan, so there is a highest one.
  const plan = highestTier([...planIds].map((id) => knownPlan(context.plans, id)))!;
  return { planId: plan.id, licenses, servers: plan.includesServers ? servers : 0 };
}
