import type { FinalizationProgress } from "./finalize_period.ts";
import type { Period } from "../../domain/period.ts";

/** The progress of one finalization run, as kept in memory by this process. */
export interface TrackedFinalization extends FinalizationProgress {
  readonly startedAt: Date;
}

/** The latest finalization run of each period in this process (not shared between instances). */
export interface FinalizationTracker {
  /** Starts tracking a new run; its reports win over those of any earlier run of the period. */
  start(period: Period, at: Date): FinalizationRun;
  latest(period: Period): TrackedFinalization | undefined;
}

/** One run: reports progress, or is forgotten when it failed before reporting any. */
export interface FinalizationRun {
  report(progress: FinalizationProgress): void;
  abandon(): void;
}

/**
 * Records the start-up catch-up as a finished run of each period it
 * finalized, over the MSPs it finalized. It writes no line itself (the sync
 * loop pushes the finals next), so its lines written and failed are 0.
 */
export function trackCatchUp(
  tracker: FinalizationTracker,
  caught: readonly { mspId: string; finalized: readonly Period[] }[],
  times: { startedAt: Date; finishedAt: Date },
): void {
  for (const period of new Set(caught.flatMap((c) => c.finalized))) {
    const msps = caught.filter((c) => c.finalized.includes(period)).length;
    tracker.start(period, times.startedAt).report({
      period,
      mspsDone: msps,
      mspsTotal: msps,
      linesWritten: 0,
      linesFailed: 0,
      estimatedMsLeft: 0,
      finishedAt: times.finishedAt,
    });
  }
}

/** A tracker backed by a Map. */
export function createFinalizationTracker(): FinalizationTracker {
  const runs = new Map<Period, { run: number; progress?: TrackedFinalization }>();
  let counter = 0;
  return {
    start(period, startedAt) {
      const run = ++counter;
      const previous = runs.get(period);
      runs.set(period, { run, progress: previous?.progress });
      let reported = false;
      return {
        report(progress) {
          const current = runs.get(period);
          if (current?.run !== run) return;
          reported = true;
          runs.set(period, { run, progress: { ...progress, startedAt } });
        },
        abandon() {
          if (runs.get(period)?.run === run && !reported) {
            runs.set(period, { run, progress: previous?.progress });
          }
        },
      };
    },
    latest: (period) => runs.get(period)?.progress,
  };
}
