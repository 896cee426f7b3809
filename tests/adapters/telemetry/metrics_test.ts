import assert from "node:assert/strict";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { testApp } from "../../support/test_app.ts";
import { createServiceTelemetry } from "../../../adapters/telemetry/service_telemetry.ts";
import { telemetryWorld } from "./otel_capture.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { parseMetrics, valueOf } from "./prometheus_text.ts";

const TOKEN = "metrics-test-token-0123456789";
const MSP = "msp-a";

async function meteredWorld() {
  const w = await telemetryWorld("2026-10-20T12:00:00Z");
  const { deps, telemetry } = w;
  const app = testApp(deps, {
    apiTokens: [TOKEN],
    workerId: "t",
    metrics: telemetry.registry,
  });
  const report = (org: string, body: unknown) =>
    app.request(`/v1/msps/${MSP}/organizations/${org}/usage`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  const scrape = async () => {
    const res = await app.request("/metrics");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("Content-Type") ?? "", /^text\/plain; version=0\.0\.4/);
    return parseMetrics(await res.text());
  };
  return { ...w, deps, app, report, scrape };
}

Deno.test("/metrics parses as Prometheus text and its counts move with the work", async () => {
  const w = await meteredWorld();
  try {
    await connectAndMapProducts({ deps: w.deps, credentials: w.credentials });
    await mappedOrganization({ deps: w.deps }, { id: "o1", planId: "core" });
    w.clock.advance(5_000);
    await drainSync(w.deps, { owner: "t" }); // the mapping's own push, before any usage
    const before = await w.scrape();
    const pushesBefore = valueOf(before, "psa_sync_pushes_total", { outcome: "ok" });
    assert.equal(valueOf(before, "psa_sync_usage_reports_total"), 0);
    assert.equal(valueOf(before, "psa_sync_dirty_agreements"), 0);
    const probeCalls = valueOf(before, "psa_sync_connectwise_calls_total", { msp_id: MSP });
    assert.ok(probeCalls > 0, "connecting called ConnectWise");

    const usage = (eventId: string, licenses: number) => ({
      eventId,
      occurredAt: "2026-10-20T11:00:00Z",
      licenses,
      servers: 1,
    });
    assert.equal((await w.report("o1", usage("e1", 5))).status, 202);
    assert.equal((await w.report("o1", usage("e2", 6))).status, 202);
    assert.equal((await w.report("o1", usage("e2", 6))).status, 202);
    const unknown = await w.report("nobody", usage("e3", 1));
    assert.equal(unknown.status, 404);
    const unknownCode = (await unknown.json()).code;
    assert.equal((await w.report("o1", { eventId: "e4", licenses: -1 })).status, 400);

    w.clock.advance(5_000); // 4 s past the coalescing wait
    const reported = await w.scrape();
    const reports = (labels: Record<string, string>) =>
      valueOf(reported, "psa_sync_usage_reports_total", labels);
    assert.equal(reports({ outcome: "accepted" }), 2);
    assert.equal(reports({ outcome: "duplicate" }), 1);
    assert.equal(reports({ outcome: "refused", reason: unknownCode }), 1);
    assert.equal(reports({ outcome: "refused", reason: "invalid-request" }), 1);
    assert.equal(valueOf(reported, "psa_sync_dirty_agreements"), 1);
    assert.equal(valueOf(reported, "psa_sync_sync_lag_seconds"), 4);

    await drainSync(w.deps, { owner: "t" });
    const pushed = await w.scrape();
    assert.equal(valueOf(pushed, "psa_sync_pushes_total", { outcome: "ok" }), pushesBefore + 1);
    assert.equal(valueOf(pushed, "psa_sync_writes_total", { outcome: "written" }), 2);
    const calls = valueOf(pushed, "psa_sync_connectwise_calls_total", { msp_id: MSP });
    assert.ok(calls >= probeCalls + 3, `${calls} calls after the push`);
    assert.ok(valueOf(pushed, "psa_sync_connectwise_calls_total", { status: "201" }) >= 2);
    const durations = pushed.get("psa_sync_connectwise_call_duration_seconds");
    assert.equal(durations?.type, "HISTOGRAM");
    assert.ok(valueOf(pushed, "psa_sync_connectwise_call_duration_seconds") >= 1);
    assert.equal(valueOf(pushed, "psa_sync_dirty_agreements"), 0);
    assert.equal(valueOf(pushed, "psa_sync_sync_lag_seconds"), 0);

    w.clock.set("2026-11-01T00:05:00Z");
    const res = await w.app.request("/v1/periods/2026-10/finalize", {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 200);
    const monthEnd = await w.scrape();
    const period = { period: "2026-10" };
    assert.equal(valueOf(monthEnd, "psa_sync_month_end_msps_total", period), 1);
    assert.equal(valueOf(monthEnd, "psa_sync_month_end_msps_done", period), 1);
    assert.ok(valueOf(monthEnd, "psa_sync_pushes_total", { outcome: "ok" }) >= pushesBefore + 2);
  } finally {
    await w.close();
  }
});

Deno.test("/metrics escapes label values so the text stays parseable", () => {
  const telemetry = createServiceTelemetry();
  telemetry.count("pushes", { outcome: 'a "quoted"\\back\nslash' });
  const families = parseMetrics(telemetry.registry.render());
  const [sample] = families.get("psa_sync_pushes_total")!.metrics;
  assert.equal(sample.labels?.outcome, 'a "quoted"\\back\nslash');
  assert.equal(sample.value, "1");
});

Deno.test("the same instruments are exported through OpenTelemetry", async () => {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ readers: [reader] });
  const telemetry = createServiceTelemetry({ meter: provider.getMeter("psa-sync") });
  telemetry.count("usage_reports", { outcome: "accepted", reason: "" }, 3);
  telemetry.gauge("dirty_agreements", {}, 7);
  telemetry.exchange({ msp_id: MSP, method: "GET", route: "GET /x", status: 429 }, 0.2);
  await reader.forceFlush();
  const exported = exporter.getMetrics().flatMap((r) => r.scopeMetrics).flatMap((s) => s.metrics);
  const point = (name: string) => exported.find((m) => m.descriptor.name === name)?.dataPoints[0];
  assert.equal(point("psa_sync.usage_reports")?.value, 3);
  assert.equal(point("psa_sync.dirty_agreements")?.value, 7);
  assert.deepEqual(point("psa_sync.connectwise_calls")?.attributes, {
    msp_id: MSP,
    method: "GET",
    route: "GET /x",
    status: 429,
  });
  assert.equal(
    (point("psa_sync.connectwise_seconds")?.value as { count: number } | undefined)?.count,
    1,
  );
  await provider.shutdown();
});
