import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/deps.ts";
import { measureBacklog } from "../../../application/observability/backlog.ts";
import type { PrometheusRegistry } from "../../telemetry/prometheus_registry.ts";
import type { ApiApp } from "../app_env.ts";

/** The media type of the Prometheus text exposition format. */
export const PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

const metricsRoute = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["Operations"],
  summary: "Metrics in the Prometheus text format",
  description: "Usage reports by outcome and reason, pushes and writes by outcome, ConnectWise " +
    "calls by MSP and status with their duration, dirty agreements, sync lag, month-end " +
    "progress. The same instruments are exported through OpenTelemetry with OTEL_DENO=true.",
  responses: {
    200: {
      description: "The current values",
      content: { "text/plain": { schema: z.string() } },
    },
  },
});

/** `GET /metrics`, open like `/healthz` (ids and counts only, never a secret). */
export function registerMetricsRoute(app: ApiApp, deps: Deps, registry: PrometheusRegistry): void {
  app.openapi(metricsRoute, async (c) => {
    // The queue gauges are sampled on each scrape, so they are never stale.
    await measureBacklog(deps);
    return c.text(registry.render(), 200, { "Content-Type": PROMETHEUS_TEXT });
  });
}
