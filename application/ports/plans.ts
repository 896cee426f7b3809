import type { Plan } from "../../domain/plan.ts";

/** The platform's plan catalog, shared by all MSPs. */
export interface Plans {
  get(planId: string): Promise<Plan | undefined>;
  list(): Promise<Plan[]>;
  save(plan: Plan): Promise<void>;
}
