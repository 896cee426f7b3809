import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import { measureBacklog } from "../../../application/telemetry/backlog.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { bearerAuth } from "../middleware/bearer_auth.ts";
import { PROBLEM_MEDIA_TYPE, ProblemSchema } from "../answers/problem.ts";

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
    401: {
      description:
        "With METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>` is missing or wrong",
      content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
    },
  },
});

/** The Prometheus text format. */
export interface MetricsText {
  render(): string;
}

/**
 * `GET /metrics` (ids and counts only, never a secret; it lists every MSP id): open like
 * `/healthz`, or with `token` (METRICS_TOKEN) only for that bearer token.
 */
export function registerMetricsRoute(
  app: ApiApp,
  deps: Deps,
  registry: MetricsText,
  options: { token: string | null },
): void {
  if (options.token !== null) app.use("/metrics", bearerAuth([options.token]));
  app.openapi(metricsRoute, async (c) => {
    // The queue gauges are sampled on each scrape, so they are never stale.
    await measureBacklog(deps);
    return c.text(registry.render(), 200, { "Content-Type": PROMETHEUS_TEXT });
  });
}
