import assert from "node:assert/strict";
import {
  createFinalizationTracker,
  trackCatchUp,
} from "../../../application/month_end/finalization_tracker.ts";

const AT = new Date("2026-12-01T00:00:00Z");
const progress = (mspsDone: number, finishedAt: Date | null = null) => ({
  period: "2026-11",
  mspsDone,
  mspsTotal: 3,
  linesWritten: mspsDone * 2,
  linesFailed: 0,
  estimatedMsLeft: finishedAt ? 0 : 1_000 * (3 - mspsDone),
  finishedAt,
});

Deno.test("the latest run's reports win; a run that failed before reporting is forgotten", () => {
  const tracker = createFinalizationTracker();
  assert.equal(tracker.latest("2026-11"), undefined);
  const first = tracker.start("2026-11", AT);
  first.report(progress(1));
  const second = tracker.start("2026-11", AT);
  first.report(progress(3, AT)); // a late report of the older run changes nothing
  assert.equal(tracker.latest("2026-11")?.mspsDone, 1);
  second.report(progress(2));
  assert.deepEqual(tracker.latest("2026-11"), { ...progress(2), startedAt: AT });
  const failed = tracker.start("2026-11", AT);
  failed.abandon();
  assert.equal(tracker.latest("2026-11")?.mspsDone, 2, "the previous run's progress stays");
  assert.equal(tracker.latest("2026-10"), undefined);
});

Deno.test("the start-up catch-up is recorded as a finished run of each period it finalized", () => {
  const tracker = createFinalizationTracker();
  const end = new Date("2026-12-01T00:00:02Z");
  trackCatchUp(tracker, [
    { mspId: "msp-a", finalized: ["2026-10", "2026-11"] },
    { mspId: "msp-b", finalized: ["2026-11"] },
  ], { startedAt: AT, finishedAt: end });
  const run = {
    linesWritten: 0,
    linesFailed: 0,
    estimatedMsLeft: 0,
    finishedAt: end,
    startedAt: AT,
  };
  assert.deepEqual(tracker.latest("2026-11"), {
    period: "2026-11",
    mspsDone: 2,
    mspsTotal: 2,
    ...run,
  });
  assert.deepEqual(tracker.latest("2026-10"), {
    period: "2026-10",
    mspsDone: 1,
    mspsTotal: 1,
    ...run,
  });
});
