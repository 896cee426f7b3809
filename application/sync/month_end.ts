import type { Period } from "../../domain/period.ts";
import { parsePeriod } from "../../domain/period.ts";
import type { Deps } from "../deps.ts";
import { monthEndGauges, tracedMonthEnd } from "../observability/month_end.ts";
import { assertEnded, finalizeDue } from "./finalize_statements.ts";
import { markMspDirty } from "./mark_dirty.ts";
import { drainSync } from "./worker.ts";

/** Progress of a finalization run, reported after each MSP. */
export interface FinalizationProgress {
  readonly period: Period;
  readonly mspsDone: number;
  readonly mspsTotal: number;
  readonly linesWritten: number;
  readonly linesFailed: number;
  readonly finishedAt: Date | null;
}

/**
 * Finalizes a period for every MSP (what the monthly schedule and
 * `POST /v1/periods/{period}/finalize` call): records the statements of every
 * open ended period up to it, then pushes the final figures through the sync
 * queue with `concurrency` workers, whose leases keep a racing run from
 * writing twice. Idempotent.
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
  let progress: FinalizationProgress = {
    period,
    mspsDone: 0,
    mspsTotal: msps.length,
    linesWritten: 0,
    linesFailed: 0,
    finishedAt: null,
  };
  let finalizedNow = 0;
  for (const mspId of msps) {
    const monthEnd = () => finalizeDue(deps, { mspId, until: period });
    const { finalized } = await tracedMonthEnd(deps, { mspId, period }, monthEnd);
    finalizedNow += finalized.includes(period) ? 1 : 0;
    await markMspDirty(deps, mspId);
    progress = { ...progress, mspsDone: progress.mspsDone + 1 };
    input.onProgress?.(progress);
  }
  const workers = Array.from(
    { length: input.concurrency ?? 8 },
    (_, i) => drainSync(deps, { owner: `${input.owner}#${i}` }),
  );
  for (const summary of await Promise.all(workers)) {
    progress = {
      ...progress,
      linesWritten: progress.linesWritten + summary.written,
      linesFailed: progress.linesFailed + summary.failed,
    };
  }
  progress = { ...progress, finishedAt: deps.clock.now() };
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
