import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../middleware/app_env.ts";
import { jsonAnswer } from "../openapi/openapi_helpers.ts";

const TAG = "Operations";

/** What `/readyz` asks: database reachable, migrations applied. */
export type Readiness = () => Promise<{ ok: boolean; detail?: string }>;

const Health = z.object({ status: z.literal("ok") }).openapi("Health");
const Ready = z.object({
  status: z.enum(["ready", "unavailable"]),
  detail: z.string().optional(),
}).openapi("Readiness");

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: [TAG],
  summary: "The process is up",
  responses: { 200: jsonAnswer(Health, "Up") },
});

const readyz = createRoute({
  method: "get",
  path: "/readyz",
  tags: [TAG],
  summary: "Ready to serve: database reachable, migrations applied",
  responses: {
    200: jsonAnswer(Ready, "Ready"),
    503: jsonAnswer(Ready, "Not ready; `detail` says why"),
  },
});

/** `/healthz` and `/readyz`, open to everyone (no token). */
export function registerOperationRoutes(
  app: ApiApp,
  options: { readiness: Readiness; onReadinessError: (error: unknown) => void },
): void {
  app.openapi(healthz, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyz, async (c) => {
    let result: { ok: boolean; detail?: string };
    try {
      result = await options.readiness();
    } catch (error) {
      options.onReadinessError(error);
      result = { ok: false, detail: "readiness check failed" };
    }
    const detail = result.detail === undefined ? {} : { detail: result.detail };
    return result.ok
      ? c.json({ status: "ready" as const, ...detail }, 200)
      : c.json({ status: "unavailable" as const, ...detail }, 503);
  });
}
