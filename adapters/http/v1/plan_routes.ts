import { z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import { listPlans, savePlan } from "../../../application/figures/plans.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { jsonAnswer, jsonBody, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { plainText, PlanParams } from "../openapi/params.ts";

const TAG = "Plans";

const PlanSchema = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.int(),
  includesServers: z.boolean(),
}).openapi("Plan");

const PlanInput = z.strictObject({
  name: plainText(200),
  tier: z.int().min(0).max(1_000_000),
  includesServers: z.boolean(),
});

const putPlan = v1Route({
  method: "put",
  path: "/v1/plans/{plan}",
  tags: [TAG],
  summary: "Create or replace a plan of the platform's catalog (shared by all MSPs)",
  request: { params: PlanParams, body: jsonBody(PlanInput) },
  responses: { 200: jsonAnswer(PlanSchema, "The saved plan") },
}, { problems: [422] });

const getPlans = v1Route({
  method: "get",
  path: "/v1/plans",
  tags: [TAG],
  summary: "Every plan, cheapest first",
  responses: { 200: jsonAnswer(listOf(PlanSchema), "The plans") },
});

export function registerPlanRoutes(app: ApiApp, deps: Deps): void {
  app.openapi(putPlan, async (c) => {
    const { plan } = c.req.valid("param");
    const saved = await savePlan(deps, { id: plan, ...c.req.valid("json") });
    return c.json(saved, 200);
  });
  app.openapi(getPlans, async (c) => c.json({ items: await listPlans(deps) }, 200));
}
