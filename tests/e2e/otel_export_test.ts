import assert from "node:assert/strict";
import { childDatabase } from "../faults/service_children.ts";
import { startService } from "./service_process.ts";

const TOKEN = "otel-export-token-0123456789";

/** An OTLP/HTTP (JSON) receiver on 127.0.0.1, standing in for a collector. */
function fakeCollector() {
  const received: { path: string; body: string }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    received.push({ path: new URL(req.url).pathname, body: await req.text() });
    return Response.json({});
  });
  const text = (path: string) =>
    received.filter((r) => r.path === path).map((r) => r.body).join("\n");
  return { server, text, url: `http://127.0.0.1:${server.addr.port}` };
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

Deno.test("OTEL_DENO=true: the service exports its spans and metrics over OTLP, never the token", async () => {
  const collector = fakeCollector();
  const db = await childDatabase();
  const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
  const service = await startService({
    ...db.env,
    API_TOKENS: TOKEN,
    CONNECTWISE_CLIENT_ID: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
    ENCRYPTION_KEY: key,
    HOME: Deno.env.get("HOME") ?? "/tmp",
    OTEL_DENO: "true",
    OTEL_SERVICE_NAME: "psa-sync",
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_METRIC_EXPORT_INTERVAL: "500",
  }, { timeoutMs: 120_000 }); // the embedded database starts slowly on a busy machine
  try {
    const res = await fetch(`${service.url}/v1/msps/m1/organizations/nobody/usage`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      signal: AbortSignal.timeout(60_000),
      body: JSON.stringify({
        eventId: "e1",
        occurredAt: new Date().toISOString(),
        licenses: 1,
        servers: 0,
      }),
    });
    assert.equal(res.status, 404, await res.text());
    await until(() => collector.text("/v1/traces").includes("psa-sync.report_usage"), "the span");
    await until(
      () => collector.text("/v1/metrics").includes("psa_sync.usage_reports"),
      "the metric",
    );
    const traces = collector.text("/v1/traces");
    assert.match(traces, /organization-not-found/, "the refusal's code is on the span");
    for (const [what, text] of [["traces", traces], ["logs", collector.text("/v1/logs")]]) {
      assert.ok(!text.includes(TOKEN), `${what} carry the bearer token`);
    }
  } finally {
    // Its graceful shutdown is not what this test is about; a busy machine must not hang it.
    await service.stop({ kill9: true });
    await collector.server.shutdown();
    await db.close();
  }
});
