import { createPlan, type Plan, UnknownPlanError } from "../../domain/plan.ts";
import type { Deps } from "../ports/deps.ts";
import type { Repositories } from "../ports/store.ts";

/** Creates or replaces a plan of the platform's catalog. */
export async function savePlan(deps: Deps, plan: Plan): Promise<Plan> {
  const checked = createPlan(plan);
  await deps.store.plans.save(checked);
  return checked;
}

/** Every plan, cheapest first. */
export function listPlans(deps: Deps): Promise<Plan[]> {
  return deps.store.plans.list();
}

/** The plan, or a `plan-not-found` rule error naming `path`. */
export async function requirePlan(
  repos: Repositories,
  planId: string,
  path = "planId",
): Promise<Plan> {
  const plan = await repos.plans.get(planId);
  if (!plan) throw new UnknownPlanError(planId, { path });
  return plan;
}

/** All plans by id, for figures. */
export async function plansById(repos: Repositories): Promise<Map<string, Plan>> {
  return new Map((await repos.plans.list()).map((p) => [p.id, p]));
}
