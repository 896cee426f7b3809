import { DomainError } from "./errors.ts";

/** The platform's price plan, shared by all MSPs. */
export interface Plan {
  readonly id: string;
  readonly name: string;
  /** Higher is more expensive; decides the billed plan of a period. */
  readonly tier: number;
  /** False for Lite plans: they have no server slot at all. */
  readonly includesServers: boolean;
}

/** Checks a plan's own invariants and returns it. */
export function createPlan(plan: Plan): Plan {
  if (!Number.isInteger(plan.tier) || plan.tier < 0) {
    throw new DomainError("invalid-plan", `Plan "${plan.id}" needs a whole, non-negative tier`);
  }
  if (plan.name.trim() === "") {
    throw new DomainError("invalid-plan", `Plan "${plan.id}" needs a name`);
  }
  return { ...plan };
}

/** The plan with the highest tier (the first one on a tie). */
export function highestTier(plans: readonly Plan[]): Plan | undefined {
  let best: Plan | undefined;
  for (const plan of plans) {
    if (!best || plan.tier > best.tier) best = plan;
  }
  return best;
}
