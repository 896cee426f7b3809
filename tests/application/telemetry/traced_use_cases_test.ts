import assert from "node:assert/strict";
import { memoryTelemetry } from "../../../adapters/memory/memory_telemetry.ts";
import { measureBacklog } from "../../../application/telemetry/backlog.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";

const MSP = "msp-a";

async function world() {
  const w = await testWorld({ now: "2026-10-20T12:00:00Z" });
  const telemetry = memoryTelemetry();
  const deps = { ...w.deps, telemetry };
  await connectAndMapProducts({ deps });
  await mappedOrganization({ deps }, { id: "o1", planId: "core" });
  w.clock.advance(5_000);
  await drainSync(deps, { owner: "t" });
  return { ...w, deps, telemetry };
}

const report = (eventId: string, organizationId = "o1") => ({
  mspId: MSP,
  organizationId,
  eventId,
  occurredAt: new Date("2026-10-20T11:00:00Z"),
  licenses: 4,
  servers: 1,
});

Deno.test("telemetry: reports are counted by outcome and reason, each in its span", async () => {
  const w = await world();
  await reportUsage(w.deps, report("e1"));
  await reportUsage(w.deps, report("e1"));
  await assert.rejects(reportUsage(w.deps, report("e2", "nobody")), {
    code: "organization-not-found",
  });
  assert.equal(w.telemetry.counted("usage_reports", { outcome: "accepted" }), 1);
  assert.equal(w.telemetry.counted("usage_reports", { outcome: "duplicate" }), 1);
  assert.equal(
    w.telemetry.counted("usage_reports", { outcome: "refused", reason: "organization-not-found" }),
    1,
  );
  const spans = w.telemetry.spans.filter((s) => s.name === "psa-sync.report_usage");
  assert.deepEqual(spans.map((s) => [s.attributes.outcome, s.failed]), [
    ["accepted", false],
    ["duplicate", false],
    ["refused", true],
  ]);
});

Deno.test("telemetry: pushes and writes by outcome; backlog and month-end gauges", async () => {
  const w = await world();
  const pushesBefore = w.telemetry.counted("pushes", { outcome: "ok" });
  await reportUsage(w.deps, report("e1"));
  w.clock.advance(3_000);
  assert.deepEqual(await measureBacklog(w.deps), { dirty: 1, lagSeconds: 2 });
  assert.equal(w.telemetry.gauged("dirty_agreements"), 1);
  assert.equal(w.telemetry.gauged("sync_lag_seconds"), 2);
  await drainSync(w.deps, { owner: "t" });
  assert.equal(w.telemetry.counted("pushes", { outcome: "ok" }), pushesBefore + 1);
  assert.equal(w.telemetry.counted("writes", { outcome: "written" }), 2);
  assert.deepEqual(await measureBacklog(w.deps), { dirty: 0, lagSeconds: 0 });
  w.clock.set("2026-11-01T00:05:00Z");
  await finalizePeriod(w.deps, { period: "2026-10", owner: "cron" });
  assert.equal(w.telemetry.gauged("month_end_msps_done", { period: "2026-10" }), 1);
  assert.equal(w.telemetry.gauged("month_end_msps_total", { period: "2026-10" }), 1);
  const monthEnd = w.telemetry.spans.find((s) => s.name === "psa-sync.month_end");
  assert.deepEqual(monthEnd?.attributes, {
    msp_id: MSP,
    period: "2026-10",
    outcome: "finalized",
    periods_finalized: 1,
  });
});
