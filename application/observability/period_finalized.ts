import type { Period } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import type { Deps } from "../deps.ts";
import type { Repositories } from "../ports/store.ts";
import { eventId } from "./event_id.ts";

/** Sums of a period's statements. */
export interface StatementTotals {
  readonly organizations: number;
  readonly licenses: number;
  readonly servers: number;
}

/** Totals of the statements, overall and per plan. */
export function statementTotals(
  statements: readonly Statement[],
): StatementTotals & { byPlan: Record<string, StatementTotals> } {
  const add = (t: StatementTotals | undefined, s: Statement): StatementTotals => ({
    organizations: (t?.organizations ?? 0) + 1,
    licenses: (t?.licenses ?? 0) + s.licenses,
    servers: (t?.servers ?? 0) + s.servers,
  });
  let total: StatementTotals = { organizations: 0, licenses: 0, servers: 0 };
  const byPlan: Record<string, StatementTotals> = {};
  for (const s of statements) {
    total = add(total, s);
    byPlan[s.planId] = add(byPlan[s.planId], s);
  }
  return { ...total, byPlan };
}

/**
 * Queues `period.finalized` in the transaction that records the final
 * statements, so the event exists exactly when the period is final.
 */
export async function announceFinalized(
  deps: Deps,
  repos: Repositories,
  input: { mspId: string; period: Period; statements: readonly Statement[] },
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
      totals: statementTotals(input.statements),
    },
    nextAttemptAt: deps.clock.now(),
  });
}
