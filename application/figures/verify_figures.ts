import type { Figures } from "../../domain/figures.ts";
import { periodFigures } from "../../domain/figures.ts";
import { isFinalized, nextPeriod, type Period, periodOf } from "../../domain/period.ts";
import { plansById } from "./plans.ts";
import type { Repositories } from "../ports/store.ts";
import { organizationFigures } from "./period_figures.ts";

/** An organization whose kept figures differ from the ledger's. */
export interface FiguresDifference {
  readonly mspId: string;
  readonly organizationId: string;
  readonly period: Period;
  readonly kept: Figures;
  readonly ledger: Figures;
}

/**
 * Recomputes every open period (not finalized, up to the current one) of
 * every MSP from the raw ledger, the record, and compares it with the figures
 * kept as reports arrived. Reads whole ledgers: an operator's check, never on
 * a request's path.
 */
export async function verifyFigures(
  repos: Repositories,
  input: { now: Date; onMsp?: (mspId: string, checked: number) => void },
): Promise<{ checked: number; differences: FiguresDifference[] }> {
  const plans = await plansById(repos);
  const current = periodOf(input.now);
  const differences: FiguresDifference[] = [];
  let checked = 0;
  for (const mspId of await repos.usage.msps()) {
    const lastFinal = await repos.statements.lastFinalized(mspId);
    const first = await repos.usage.firstPeriod(mspId) ?? current;
    const organizations = await repos.organizations.list(mspId);
    const ledgers = new Map<string, Awaited<ReturnType<typeof repos.usage.entries>>>();
    for (const o of organizations) ledgers.set(o.id, await repos.usage.entries(mspId, o.id));
    let period = isFinalized(first, lastFinal) ? nextPeriod(lastFinal!) : first;
    for (; period <= current; period = nextPeriod(period)) {
      for (const kept of await organizationFigures(repos, { mspId, period, organizations })) {
        const { organization } = kept;
        const ledger = periodFigures(ledgers.get(organization.id) ?? [], period, {
          plans,
          currentPlanId: organization.planId,
        });
        checked++;
        if (JSON.stringify(ledger) !== JSON.stringify(kept.figures)) {
          differences.push({
            mspId,
            organizationId: organization.id,
            period,
            kept: kept.figures,
            ledger,
          });
        }
      }
    }
    input.onMsp?.(mspId, checked);
  }
  return { checked, differences };
}
