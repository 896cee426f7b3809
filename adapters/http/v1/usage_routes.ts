import { z } from "@hono/zod-openapi";
import { type Deps, telemetryOf } from "../../../application/ports/deps.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { jsonAnswer, jsonBody, v1Route } from "../openapi/openapi_helpers.ts";
import { Id, MspOrgParams, plainText } from "../openapi/params.ts";

const Count = z.int().min(0).max(1_000_000_000);

const UsageInput = z.strictObject({
  eventId: plainText(200).openapi({
    description: "Unique per MSP; makes it idempotent",
  }),
  occurredAt: z.iso.datetime({ offset: true }).openapi({ example: "2026-11-10T09:30:00Z" }),
  licenses: Count,
  servers: Count,
  planId: Id.optional().openapi({ description: "The plan from then on" }),
});

const Accepted = z.object({
  eventId: z.string(),
  duplicate: z.boolean().openapi({
    description: "True when this very report (same eventId and content) was stored before",
  }),
}).openapi("UsageAccepted");

const report = v1Route({
  method: "post",
  path: "/v1/msps/{msp}/organizations/{org}/usage",
  tags: ["Usage"],
  summary: "Report an organization's usage (durable on answer; pushed asynchronously)",
  description: "The same `eventId` with the same content again is 202 with `duplicate: true` " +
    "and changes nothing; with other content (organization, instant, counts, plan) it is 409 " +
    "`event-id-reused` and nothing is stored; 409 `period-finalized`; 422 `report-too-old` (before the previous month, or the previous " +
    "month once final: the detail names the oldest instant accepted now); 404 unknown organization.",
  request: { params: MspOrgParams, body: jsonBody(UsageInput) },
  responses: { 202: jsonAnswer(Accepted, "Recorded") },
}, { problems: [404, 409, 422] });

/** Usage reports from the platform. */
export function registerUsageRoutes(app: ApiApp, deps: Deps): void {
  // A report refused by the schema never reaches the use case, which counts all the others.
  app.use("/v1/msps/:msp/organizations/:org/usage", async (c, next) => {
    await next();
    if (c.req.method === "POST" && c.res.status === 400) {
      telemetryOf(deps).count("usage_reports", { outcome: "refused", reason: "invalid-request" });
    }
  });
  app.openapi(report, async (c) => {
    const { msp, org } = c.req.valid("param");
    const body = c.req.valid("json");
    const { duplicate } = await reportUsage(deps, {
      mspId: msp,
      organizationId: org,
      eventId: body.eventId,
      occurredAt: new Date(body.occurredAt),
      licenses: body.licenses,
      servers: body.servers,
      planId: body.planId,
    });
    return c.json({ eventId: body.eventId, duplicate }, 202);
  });
}
