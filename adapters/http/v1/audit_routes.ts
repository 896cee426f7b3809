import { z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import { AUDIT_ACTIONS, type AuditEntry } from "../../../application/ports/audit_log.ts";
import { auditLog } from "../../../application/views/period_reads.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { Instant, instant, jsonAnswer, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { MspParams } from "../openapi/params.ts";

const AuditSchema = z.object({
  id: z.int().openapi({ description: "Pass the last one as `before` for the next page" }),
  at: Instant,
  action: z.enum(AUDIT_ACTIONS),
  agreementId: z.int().nullable(),
  productId: z.int().nullable(),
  additionId: z.int().nullable(),
  period: z.string().nullable(),
  oldQuantity: z.int().nullable(),
  newQuantity: z.int().nullable(),
  message: z.string(),
}).openapi("AuditEntry");

const Page = z.object({
  before: z.coerce.number().int().positive().optional().openapi({
    description: "Only entries with a smaller id",
  }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

function view(e: AuditEntry): z.infer<typeof AuditSchema> {
  return { ...e, at: instant(e.at) };
}

const audit = v1Route({
  method: "get",
  path: "/v1/msps/{msp}/audit",
  tags: ["Sync"],
  summary: "Every write to ConnectWise, drift found, adoption and failure; newest first",
  request: { params: MspParams, query: Page },
  responses: { 200: jsonAnswer(listOf(AuditSchema), "A page of the audit log") },
});

export function registerAuditRoutes(app: ApiApp, deps: Deps): void {
  app.openapi(audit, async (c) => {
    const { msp } = c.req.valid("param");
    const { before, limit } = c.req.valid("query");
    const items = await auditLog(deps, { mspId: msp, before, limit });
    return c.json({ items: items.map(view) }, 200);
  });
}
