import assert from "node:assert/strict";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import {
  finalizePreviousMonth,
  MONTHLY_CRON_NAME,
  MONTHLY_SCHEDULE,
} from "../../../adapters/scheduler/monthly_finalization.ts";
import { startSyncLoop } from "../../../adapters/scheduler/sync_loop.ts";
import { testApp } from "../../support/test_app.ts";
import { createFinalizationTracker } from "../../../application/month_end/finalization_tracker.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization, quantityOf } from "../../support/setup.ts";

/** One Lite organization of msp-a, mapped, with one usage report. */
async function liteWorldWithReport(input: { now: string; at: string; licenses: number }) {
  const w = await testWorld({ now: input.now });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, {
    mspId: "msp-a",
    organizationId: "o1",
    eventId: "e1",
    occurredAt: new Date(input.at),
    licenses: input.licenses,
    servers: 0,
  });
  return w;
}

Deno.test("scheduler: the monthly finalization runs on the 1st, shortly after 00:00 UTC", () => {
  const [minute, hour, day, month, weekday] = MONTHLY_SCHEDULE.split(" ");
  assert.deepEqual([hour, day, month, weekday], ["0", "1", "*", "*"]);
  assert.ok(Number(minute) < 30);
  // Deno.cron refuses other characters at registration, which would stop the service starting.
  assert.match(MONTHLY_CRON_NAME, /^[A-Za-z0-9\s_-]+$/);
});

Deno.test("scheduler: the monthly run finalizes the month that just ended", async () => {
  const w = await liteWorldWithReport({
    now: "2026-10-10T00:00:00Z",
    at: "2026-10-09T00:00:00Z",
    licenses: 3,
  });
  w.clock.set("2026-11-01T00:05:00Z");
  await finalizePreviousMonth(w.deps, { owner: "cron" });
  assert.equal(await w.store.statements.isFinalized("msp-a", "2026-10"), true);
  assert.equal(await w.store.statements.isFinalized("msp-a", "2026-11"), false);
});

Deno.test("scheduler: after the monthly run, GET /v1/periods/{period}/finalization answers its record", async () => {
  const w = await liteWorldWithReport({
    now: "2026-11-10T00:00:00Z",
    at: "2026-11-09T00:00:00Z",
    licenses: 4,
  });
  const finalizations = createFinalizationTracker();
  const app = testApp(w.deps, {
    apiTokens: ["scheduler-token-0123456789"],
    workerId: "http",
    finalizations,
  });
  w.clock.set("2026-12-01T00:05:00Z");
  await finalizePreviousMonth(w.deps, { owner: "cron", tracker: finalizations });
  const res = await app.request("/v1/periods/2026-11/finalization", {
    headers: { Authorization: "Bearer scheduler-token-0123456789" },
  });
  assert.equal(res.status, 200);
  const record = await res.json();
  assert.deepEqual(
    [record.period, record.mspsDone, record.mspsTotal, record.linesFailed, record.finishedAt],
    ["2026-11", 1, 1, 0, "2026-12-01T00:05:00.000Z"],
  );
  assert.ok(record.linesWritten >= 1, "the final figures were written");
  assert.deepEqual(quantityOf(w, 1000, 11), [4]);
});

Deno.test("scheduler: the sync loop pushes a report without anyone asking", async () => {
  const w = await liteWorldWithReport({
    now: "2026-11-10T00:00:00Z",
    at: "2026-11-09T00:00:00Z",
    licenses: 6,
  });
  w.clock.advance(2_000);
  const loop = startSyncLoop(w.deps, { owner: "loop", intervalMs: 5 });
  try {
    for (let i = 0; i < 200 && quantityOf(w, 1000, 11).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await loop.stop();
  }
  assert.deepEqual(quantityOf(w, 1000, 11), [6]);
});
