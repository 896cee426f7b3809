import type { Figures } from "../../domain/figures.ts";
import type { Organization } from "../../domain/organization.ts";
import type { Period } from "../../domain/period.ts";
import type { PeriodInputs } from "../../domain/period_inputs.ts";
import { type Plan, UnknownPlanError } from "../../domain/plan.ts";
import { figuresFromSummary } from "../../domain/period_summary.ts";
import { plansById } from "./plans.ts";
import type { Repositories } from "../ports/store.ts";

/** An organization's figures for a period, and whether it has usage before the period's end. */
export interface OrganizationFigures {
  readonly organization: Organization;
  readonly figures: Figures;
  readonly usageBefore: boolean;
}

/**
 * The running figures of a period for the given organizations, from the
 * period summaries kept as reports arrive (one read for all of them, never
 * the ledger). The license type is the organization's now. An organization
 * on a plan the catalog does not hold gets no counts under that plan's id,
 * so that billing blocks it with the reason instead of failing every push.
 */
export async function organizationFigures(
  repos: Repositories,
  input: {
    mspId: string;
    period: Period;
    organizations: readonly Organization[];
    /** The plans by id when read already. */
    plans?: ReadonlyMap<string, Plan>;
  },
): Promise<OrganizationFigures[]> {
  const { mspId, period, organizations } = input;
  const [plans, inputs] = await Promise.all([
    input.plans ?? plansById(repos),
    repos.usage.periodInputs(mspId, period, organizations.map((o) => o.id)),
  ]);
  const byId = new Map(inputs.map((i) => [i.organizationId, i]));
  return organizations.map((organization) => {
    const inputs = byId.get(organization.id);
    try {
      return figuresOf(organization, inputs, plans);
    } catch (error) {
      if (!(error instanceof UnknownPlanError)) throw error;
      const figures = { planId: error.planId, licenses: 0, servers: 0 };
      return { organization, figures, usageBefore: inputs?.usageBefore ?? false };
    }
  });
}

/**
 * One organization's figures from its period inputs (none: nothing was ever
 * reported); `UnknownPlanError` when a plan it was on is not in the catalog.
 */
export function figuresOf(
  organization: Organization,
  inputs: PeriodInputs | undefined,
  plans: ReadonlyMap<string, Plan>,
): OrganizationFigures {
  const figures = figuresFromSummary({
    summary: inputs?.summary ?? null,
    carried: inputs?.carried ?? { licenses: null, servers: null, planId: null },
    firstPlanId: inputs?.firstPlanId ?? null,
    currentPlanId: organization.planId,
  }, plans);
  return { organization, figures, usageBefore: inputs?.usageBefore ?? false };
}
