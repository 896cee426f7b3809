import type { Period } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import type { Deps } from "../ports/deps.ts";
import type { Repositories } from "../ports/store.ts";
import { eventId } from "./event_id.ts";

/** Sums of a period's statements. */
export interface StatementTotals {
  readonly organizations: number;
  readonly licenses: number;
  readonly servers: number;
}

/** A period's totals, overall and per plan. */
export type PeriodTotals = StatementTotals & { byPlan: Record<string, StatementTotals> };

export const NO_TOTALS: PeriodTotals = { organizations: 0, licenses: 0, servers: 0, byPlan: {} };

export function addTotals(totals: PeriodTotals, statements: readonly Statement[]): PeriodTotals {
  const add = (t: StatementTotals | undefined, s: Statement): StatementTotals => ({
    organizations: (t?.organizations ?? 0) + 1,
    licenses: (t?.licenses ?? 0) + s.licenses,
    servers: (t?.servers ?? 0) + s.servers,
  });
  let total: StatementTotals = totals;
  const byPlan: Record<string, StatementTotals> = { ...totals.byPlan };
  for (const s of statements) {
    total = add(total, s);
    byPlan[s.planId] = add(byPlan[s.planId], s);
  }
  return {
    organizations: total.organizations,
    licenses: total.licenses,
    servers: total.servers,
    byPlan,
  };
}

export function statementTotals(statements: readonly Statement[]): PeriodTotals {
  return addTotals(NO_TOTALS, statements);
}

/** In the transaction of the statements: the event exists exactly when the period is final. */
export async function announceFinalized(
  deps: Deps,
  repos: Repositories,
  input: { mspId: string; period: Period; totals: PeriodTotals },
): Promise<void> {
  const { mspId, period } = input;
  await repos.outbox.add({
    id: await eventId("period.finalized", mspId, period),
    type: "period.finalized",
    mspId,
    payload: {
      type: "period.finalized",
      msp: mspId,
      period,
      totals: input.totals,
    },
    nextAttemptAt: deps.clock.now(),
  });
}
