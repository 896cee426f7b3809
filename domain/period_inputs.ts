import type { Period } from "./period.ts";
import { type CarriedState, carriedState, type PeriodSummary } from "./period_summary.ts";

/** A period after every period: the state carried into it is the organization's state now. */
export const AFTER_ALL_PERIODS: Period = "9999-12";

/** What the figures of one organization for one period are computed from. */
export interface PeriodInputs {
  readonly organizationId: string;
  /** The period's own summary; null when nothing happened in it. */
  readonly summary: PeriodSummary | null;
  /** The state carried into the period from earlier ones. */
  readonly carried: CarriedState;
  /** The first plan ever set, which also applies to reports before it. */
  readonly firstPlanId: string | null;
  /** Whether there is usage (not only plan changes) before the period's end. */
  readonly usageBefore: boolean;
}

/** The inputs of one period from all of an organization's period summaries. */
export function periodInputs(
  organizationId: string,
  summaries: readonly { period: Period; summary: PeriodSummary }[],
  period: Period,
): PeriodInputs {
  const sorted = [...summaries].sort((a, b) => a.period < b.period ? -1 : 1);
  const earlier = sorted.filter((s) => s.period < period).map((s) => s.summary);
  let first: [string, string] | null = null;
  for (const { summary } of sorted) {
    for (const [planId, key] of Object.entries(summary.plans)) {
      if (first === null || key < first[1]) first = [planId, key];
    }
    if (first !== null) break; // the earliest period that sets a plan holds the first one
  }
  return {
    organizationId,
    summary: sorted.find((s) => s.period === period)?.summary ?? null,
    carried: carriedState(earlier),
    firstPlanId: first?.[0] ?? null,
    usageBefore: sorted.some((s) => s.period <= period && s.summary.hasUsage),
  };
}
