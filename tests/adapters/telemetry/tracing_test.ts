import assert from "node:assert/strict";
import { trace } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { LogRecord } from "@logtape/logtape";
import { configureLogging } from "../../../adapters/logging/configure_logging.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { captureSpans, exportedText, telemetryWorld } from "./otel_capture.ts";

const captured = captureSpans();
const MSP = "msp-a";

async function tracedWorld() {
  const w = await telemetryWorld("2026-10-20T12:00:00Z");
  const { deps } = w;
  return { ...w, deps, world: { ...w, deps } };
}

function named(spans: ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((s) => s.name === name);
}

Deno.test("spans: report, push with ConnectWise calls as children, month end; never a secret", async () => {
  const records: LogRecord[] = [];
  await configureLogging({ level: "debug", json: true, sink: (r) => records.push(r) });
  const w = await tracedWorld();
  try {
    await connectAndMapProducts({ deps: w.deps, credentials: w.credentials });
    await mappedOrganization({ deps: w.deps }, { id: "o1", planId: "core" });
    captured.reset();
    records.length = 0;
    const report = {
      mspId: MSP,
      organizationId: "o1",
      eventId: "e1",
      occurredAt: new Date("2026-10-02T10:00:00Z"),
      licenses: 7,
      servers: 1,
    };
    await reportUsage(w.deps, report);
    await reportUsage(w.deps, report);
    w.clock.advance(5_000);
    await drainSync(w.deps, { owner: "t" });
    w.clock.set("2026-11-01T00:05:00Z");
    await finalizePeriod(w.deps, { period: "2026-10", owner: "cron", concurrency: 1 });
    const spans = captured.spans();

    const reports = named(spans, "psa-sync.report_usage");
    assert.deepEqual(reports.map((s) => [s.attributes.msp_id, s.attributes.outcome]), [
      [MSP, "accepted"],
      [MSP, "duplicate"],
    ]);
    assert.equal(reports[0].attributes.period, "2026-10");

    const [push] = named(spans, "psa-sync.push_agreement");
    assert.equal(push.attributes.agreement_id, 1000);
    assert.equal(push.attributes.period, "2026-10");
    assert.equal(push.attributes.outcome, "ok");
    assert.equal(push.attributes.written, 2);
    const children = spans.filter((s) =>
      s.parentSpanContext?.spanId === push.spanContext().spanId && s.name.startsWith("connectwise ")
    );
    assert.ok(children.length >= 3, `ConnectWise calls under the push: ${children.length}`);
    for (const child of children) {
      assert.equal(child.spanContext().traceId, push.spanContext().traceId);
      assert.equal(child.attributes.msp_id, MSP);
      assert.ok([200, 201].includes(Number(child.attributes["connectwise.status"])));
    }
    assert.ok(children.some((c) => c.attributes["http.request.method"] === "POST"));

    const monthEnds = named(spans, "psa-sync.month_end");
    assert.deepEqual(
      monthEnds.map((s) => [s.attributes.msp_id, s.attributes.period, s.attributes.outcome]),
      [
        [MSP, "2026-10", "finalized"],
      ],
    );

    const secrets = [
      w.credentials.privateKey,
      w.credentials.publicKey,
      btoa(`${w.credentials.companyId}+${w.credentials.publicKey}:${w.credentials.privateKey}`),
      "Basic ",
      "Bearer ",
    ];
    for (const span of spans) {
      const text = exportedText(span);
      for (const secret of secrets) assert.ok(!text.includes(secret), `${span.name}: ${secret}`);
      assert.ok(!/authorization/i.test(text), `${span.name} names an Authorization value`);
    }

    // Log records written inside a span carry its trace: a ConnectWise call's debug line.
    const callLogs = records.filter((r) => r.category.join(".") === "psa-sync.connectwise");
    assert.ok(callLogs.length > 0, "the ConnectWise client logged its calls");
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    for (const record of callLogs) {
      assert.match(String(record.properties.traceId), /^[0-9a-f]{32}$/);
      assert.ok(traceIds.has(String(record.properties.traceId)), "the trace id is an exported one");
    }
  } finally {
    await w.close();
  }
});

Deno.test("spans: a refused report marks its span with the error code, not the message", async () => {
  const w = await tracedWorld();
  try {
    await connectAndMapProducts({ deps: w.deps, credentials: w.credentials });
    await mappedOrganization({ deps: w.deps }, { id: "o1", planId: "lite" });
    captured.reset();
    let message = "";
    await assert.rejects(
      reportUsage(w.deps, {
        mspId: MSP,
        organizationId: "nobody",
        eventId: "e9",
        occurredAt: new Date("2026-10-02T10:00:00Z"),
        licenses: 1,
        servers: 0,
      }).catch((error) => {
        message = error.message;
        throw error;
      }),
    );
    assert.ok(message.length > 0);
    const [span] = named(captured.spans(), "psa-sync.report_usage");
    assert.equal(span.attributes.outcome, "refused");
    assert.equal(span.status.code, 2); // SpanStatusCode.ERROR
    assert.equal(span.attributes["error.type"], span.attributes.reason);
    assert.equal(span.status.message, span.attributes.reason);
    assert.ok(!exportedText(span).includes(message), "the message stays out");
  } finally {
    await w.close();
  }
});

Deno.test("spans: a usage report's span is a leaf, a child of the span active around it", async () => {
  const w = await tracedWorld();
  try {
    await connectAndMapProducts({ deps: w.deps, credentials: w.credentials });
    await mappedOrganization({ deps: w.deps }, { id: "o1", planId: "core" });
    captured.reset();
    let activeInside: string | undefined;
    const deps = {
      ...w.deps,
      store: {
        ...w.deps.store,
        usage: {
          ...w.deps.store.usage,
          record: (...args: Parameters<typeof w.deps.store.usage.record>) => {
            activeInside = trace.getActiveSpan()?.spanContext().spanId;
            return w.deps.store.usage.record(...args);
          },
        },
      },
    };
    await trace.getTracer("test").startActiveSpan("request", async (request) => {
      await reportUsage(deps, {
        mspId: MSP,
        organizationId: "o1",
        eventId: "leaf-1",
        occurredAt: new Date("2026-10-02T10:00:00Z"),
        licenses: 3,
        servers: 0,
      });
      request.end();
    });
    const [request] = named(captured.spans(), "request");
    const [report] = named(captured.spans(), "psa-sync.report_usage");
    assert.equal(report.attributes.outcome, "accepted");
    assert.equal(report.parentSpanContext?.spanId, request.spanContext().spanId);
    assert.equal(report.spanContext().traceId, request.spanContext().traceId);
    assert.equal(
      activeInside,
      request.spanContext().spanId,
      "the report's span is not the active one",
    );
  } finally {
    await w.close();
  }
});
