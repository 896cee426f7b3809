import { DomainError } from "../../domain/errors.ts";
import {
  duePeriods,
  hasEnded,
  isFinalized,
  lastEndedPeriod,
  nextPeriod,
  type Period,
} from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import { finalNotPushed } from "../../domain/final_not_pushed.ts";
import { recordNotPushed } from "./record_not_pushed.ts";
import { statementChunks } from "./statement_chunks.ts";
import type { Deps } from "../ports/deps.ts";
import { addTotals, announceFinalized, NO_TOTALS } from "../events/period_finalized.ts";
import type { Repositories } from "../ports/store.ts";

/**
 * Records the final statements of one (MSP, period), once. The license type
 * that counts is the organization's when the figures are computed.
 * Returns false when the period was final already (nothing changes).
 */
export async function finalizeStatements(
  deps: Deps,
  input: { mspId: string; period: Period },
): Promise<boolean> {
  const { mspId, period } = input;
  if (await deps.store.statements.isFinalized(mspId, period)) return false; // the common case, no transaction
  // Reports are closed first, in a transaction whose later statements see every
  // report that was being recorded: an acknowledged report is in the statement.
  return deps.store.transaction(async (repos) => {
    await repos.statements.closeForReports(mspId, period);
    if (await repos.statements.isFinalized(mspId, period)) return false;
    // Streamed: each chunk is computed, counted and written before the next is read.
    let totals = NO_TOTALS;
    const chunks = statementChunks(repos, { ...input, finalizedAt: deps.clock.now() });
    const counted = tally(chunks, (chunk) => totals = addTotals(totals, chunk));
    if (!(await repos.statements.finalize(mspId, period, counted))) return false;
    await announceFinalized(deps, repos, { mspId, period, totals });
    if (finalNotPushed(period, deps.clock.now())) await recordNotPushed(deps, repos, input);
    return true;
  }, { isolation: "read-committed" });
}

async function* tally<T>(chunks: AsyncIterable<T>, count: (chunk: T) => void): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    count(chunk);
    yield chunk;
  }
}

/** Figures of every organization with usage before the period's end (a period read). */
export async function computeStatements(
  repos: Repositories,
  input: { mspId: string; period: Period; finalizedAt: Date | null },
): Promise<Statement[]> {
  const all: Statement[] = [];
  for await (const chunk of statementChunks(repos, input)) all.push(...chunk);
  return all;
}

/**
 * Finalizes every ended period of the MSP that is still open (up to `until`),
 * oldest first, so a missed schedule never leaves a month open. Periods
 * before the MSP's first usage need none. Returns the latest final period.
 */
export async function finalizeDue(
  deps: Deps,
  input: { mspId: string; until?: Period },
): Promise<{ lastFinal: Period | null; finalized: Period[] }> {
  const { mspId } = input;
  let lastFinal = await deps.store.statements.lastFinalized(mspId);
  const finalized: Period[] = [];
  // The common case: last month is final already, nothing can be due.
  if (isFinalized(lastEndedPeriod(deps.clock.now()), lastFinal)) {
    return { lastFinal, finalized };
  }
  const first = await deps.store.usage.firstPeriod(mspId);
  if (first === null) return { lastFinal, finalized };
  const from = lastFinal !== null && isFinalized(first, lastFinal) ? nextPeriod(lastFinal) : first;
  for (const period of duePeriods(from, deps.clock.now())) {
    if (input.until !== undefined && period > input.until) break;
    if (await finalizeStatements(deps, { mspId, period })) finalized.push(period);
    lastFinal = period;
  }
  return { lastFinal, finalized };
}

/** Refuses to finalize a period that has not ended. */
export function assertEnded(period: Period, now: Date): void {
  if (!hasEnded(period, now)) {
    throw new DomainError("period-not-ended", `period ${period} has not ended yet`);
  }
}
