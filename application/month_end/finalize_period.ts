import type { Period } from "../../domain/period.ts";
import { parsePeriod } from "../../domain/period.ts";
import type { Deps } from "../ports/deps.ts";
import { monthEndGauges, tracedMonthEnd } from "../telemetry/traced_month_end.ts";
import { assertEnded, finalizeDue } from "../statements/finalize_statements.ts";
import { estimatedMsLeft } from "./estimated_time_left.ts";
import { markMspDirty } from "../lines/mark_dirty.ts";
import { inPool } from "../push/in_pool.ts";
import { pushMspAgreements } from "../push/msp_pushes.ts";

/** Progress of a finalization run, reported after each MSP's push. */
export interface FinalizationProgress {
  readonly period: Period;
  /** MSPs whose month end (statements and pushes) is over for this run. */
  readonly mspsDone: number;
  readonly mspsTotal: number;
  readonly linesWritten: number;
  readonly linesFailed: number;
  /** From the mean time per MSP so far; null before the first MSP is done. */
  readonly estimatedMsLeft: number | null;
  readonly finishedAt: Date | null;
}

/**
 * Finalizes a period for every MSP (what the monthly schedule and
 * `POST /v1/periods/{period}/finalize` call): records the statements of every
 * open ended period up to it, then pushes the final figures through the sync
 * queue, `concurrency` MSPs at once, each MSP's agreements one after another
 * (its ConnectWise rate is per MSP): a slow MSP holds one slot and never
 * delays the others. Queue leases keep a racing run from writing twice.
 * Idempotent.
 */
export async function finalizePeriod(
  deps: Deps,
  input: {
    period: Period;
    owner: string;
    concurrency?: number;
    onProgress?: (p: FinalizationProgress) => void;
  },
): Promise<FinalizationProgress & { finalizedNow: number }> {
  const period = parsePeriod(input.period);
  input = { ...input, onProgress: monthEndGauges(deps, input.onProgress) };
  assertEnded(period, deps.clock.now());
  const msps = await deps.store.usage.msps();
  const started = deps.clock.now().getTime();
  let progress: FinalizationProgress = {
    period,
    mspsDone: 0,
    mspsTotal: msps.length,
    linesWritten: 0,
    linesFailed: 0,
    estimatedMsLeft: null,
    finishedAt: null,
  };
  let finalizedNow = 0;
  // Per MSP, in its slot: its statements (store only), then its pushes. MSPs are independent,
  // so one MSP's statements need not wait for another's.
  await inPool(msps, input.concurrency ?? 8, async (mspId, slot) => {
    const monthEnd = () => finalizeDue(deps, { mspId, until: period });
    const { finalized } = await tracedMonthEnd(deps, { mspId, period }, monthEnd);
    finalizedNow += finalized.includes(period) ? 1 : 0;
    await markMspDirty(deps, mspId);
    const summary = await pushMspAgreements(deps, { owner: `${input.owner}#${slot}`, mspId });
    const mspsDone = progress.mspsDone + 1;
    const elapsed = deps.clock.now().getTime() - started;
    progress = {
      ...progress,
      mspsDone,
      linesWritten: progress.linesWritten + summary.written,
      linesFailed: progress.linesFailed + summary.failed,
      estimatedMsLeft: estimatedMsLeft(elapsed, mspsDone, msps.length),
    };
    input.onProgress?.(progress);
  });
  progress = { ...progress, estimatedMsLeft: 0, finishedAt: deps.clock.now() };
  input.onProgress?.(progress);
  return { ...progress, finalizedNow };
}

/** At start-up: finalizes every ended period still open, for every MSP (catch-up). */
export async function catchUp(deps: Deps): Promise<{ mspId: string; finalized: Period[] }[]> {
  const done: { mspId: string; finalized: Period[] }[] = [];
  for (const mspId of await deps.store.usage.msps()) {
    const { finalized } = await finalizeDue(deps, { mspId });
    if (finalized.length > 0) {
      await markMspDirty(deps, mspId);
      done.push({ mspId, finalized });
    }
  }
  return done;
}
