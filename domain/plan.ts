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

export function createPlan(plan: Plan): Plan {
  if (!Number.isInteger(plan.tier) || plan.tier < 0) {
    throw new DomainError("invalid-plan", `Plan "${plan.id}" needs a whole, non-negative tier`);
  }
  if (plan.name.trim() === "") {
    throw new DomainError("invalid-plan", `Plan "${plan.id}" needs a name`);
  }
  return { ...plan };
}

/** The first one on a tie. */
export function highestTier(plans: readonly Plan[]): Plan | undefined {
  let best: Plan | undefined;
  for (const plan of plans) {
    if (!best || plan.tier > best.tier) best = plan;
  }
  return best;
}

/** Why usage on a plan the catalog does not hold cannot be billed. */
export function unknownPlanReason(planId: string): string {
  return `plan "${planId}" is not known`;
}

/** A plan id the catalog does not hold: `plan-not-found` (422) wherever it is met. */
export class UnknownPlanError extends DomainError {
  readonly planId: string;

  constructor(planId: string, options: { path?: string } = {}) {
    const details = options.path
      ? [{ path: options.path, message: unknownPlanReason(planId) }]
      : [];
    super("plan-not-found", `Plan "${planId}" is not known`, { details });
    this.name = "UnknownPlanError";
    this.planId = planId;
  }
}

/** The catalog's plan of that id; `UnknownPlanError` when it has none. */
export function knownPlan(plans: ReadonlyMap<string, Plan>, planId: string): Plan {
  const plan = plans.get(planId);
  if (!plan) throw new UnknownPlanError(planId);
  return plan;
}
