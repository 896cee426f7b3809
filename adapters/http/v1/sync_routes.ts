import { z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import { type NamedSyncLine, namedSyncLines } from "../../../application/views/names.ts";
import { resumeLine } from "../../../application/lines/resume_line.ts";
import { PRODUCT_KINDS } from "../../../domain/product_mapping.ts";
import { SYNC_STATUSES } from "../../../domain/sync_line.ts";
import { SYNC_NOW_WAIT_MS, syncNow } from "../../../application/push/sync_now.ts";
import { previewSync } from "../../../application/views/preview.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { Instant, instant, jsonAnswer, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { MspLineParams, MspParams } from "../openapi/params.ts";

const TAG = "Sync";
const PATH = "/v1/msps/{msp}/sync";

const SyncLineSchema = z.object({
  agreementId: z.int(),
  agreementName: z.string().nullable().openapi({
    description: "As ConnectWise named it when a company was mapped to it (no ConnectWise read); " +
      "null when no mapping of the agreement kept a name",
  }),
  productId: z.int().nullable().openapi({ description: "null: the plan has no product here" }),
  productIdentifier: z.string().nullable().openapi({
    description: "The mapped catalog product's identifier; null when no plan maps it now",
  }),
  kind: z.enum(PRODUCT_KINDS),
  period: z.string().openapi({ example: "2026-11" }),
  final: z.boolean().openapi({ description: "Carries the final figures of its period" }),
  desiredQuantity: z.int(),
  writtenQuantity: z.int().nullable(),
  additionId: z.int().nullable(),
  status: z.enum(SYNC_STATUSES).openapi({
    description: "in-sync; pending: a change not yet written; held: a final waits for its " +
      "invoice (or figures for the invoice before theirs); waiting: an adopted addition is " +
      "left as it is until an organization on the agreement reports usage; blocked; failed",
  }),
  reason: z.string().nullable(),
  nextInvoiceDate: Instant.nullable().openapi({
    description: "When ConnectWise next invoices the agreement (as last read); what the " +
      "additions hold then is what the invoice bills",
  }),
  updatedAt: Instant,
}).openapi("SyncLine");

const PreviewSchema = z.object({
  agreementId: z.int(),
  productId: z.int(),
  additionId: z.int().nullable(),
  currentQuantity: z.int().nullable(),
  newQuantity: z.int(),
  action: z.enum(["create", "adopt", "update", "none", "blocked"]),
  reason: z.string().nullable(),
}).openapi("SyncPreviewLine");

const SummarySchema = z.object({
  agreements: z.int().openapi({ description: "Agreements pushed" }),
  written: z.int().openapi({ description: "Additions written" }),
  failed: z.int().openapi({ description: "Additions whose write failed" }),
  skipped: z.int(),
  pending: z.int().openapi({
    description: "Lines whose change is still not written (another worker's push under way, " +
      "a retry waiting)",
  }),
  held: z.int().openapi({
    description: "Lines holding a month's final until ConnectWise invoices it",
  }),
  blocked: z.int().openapi({ description: "Lines blocked, each with its reason" }),
}).openapi("SyncSummary");

function lineView(l: NamedSyncLine): z.infer<typeof SyncLineSchema> {
  return {
    agreementId: l.agreementId,
    agreementName: l.agreementName,
    productId: l.productId,
    productIdentifier: l.productIdentifier,
    kind: l.kind,
    period: l.period,
    final: l.final,
    desiredQuantity: l.desiredQuantity,
    writtenQuantity: l.writtenQuantity,
    additionId: l.additionId,
    status: l.status,
    reason: l.reason,
    nextInvoiceDate: l.nextInvoiceDate && instant(l.nextInvoiceDate),
    updatedAt: instant(l.updatedAt),
  };
}

const lines = v1Route({
  method: "get",
  path: PATH,
  tags: [TAG],
  summary: "Every sync line: desired and written quantity per agreement addition",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(listOf(SyncLineSchema), "The sync lines") },
});

const preview = v1Route({
  method: "get",
  path: `${PATH}/preview`,
  tags: [TAG],
  summary: "What a sync would write now (reads ConnectWise, writes nothing)",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(listOf(PreviewSchema), "One line per agreement addition") },
}, { problems: [404, 422, 502] });

const run = v1Route({
  method: "post",
  path: PATH,
  tags: [TAG],
  summary: "Push the MSP's agreements now (no coalescing wait); answers once the pushes are done",
  description: "Every mapped agreement is pushed now (a push writes only what differs), and " +
    `one another worker is pushing is waited for (up to ${SYNC_NOW_WAIT_MS / 1_000} s). The ` +
    "lines then show what was written; `pending` counts lines whose change is still not written.",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(SummarySchema, "What the sync did") },
}, { problems: [404] });

const resume = v1Route({
  method: "post",
  path: `${PATH}/lines/{agreementId}/{productId}/resume`,
  tags: [TAG],
  summary: "Resume a line blocked because its addition was cancelled or deleted in ConnectWise",
  description: "The service never recreates such an addition (nor adopts another) by itself. " +
    "Resuming drops the cancelled or deleted addition; the next push adopts a single active " +
    "addition of the product or creates one.",
  request: { params: MspLineParams },
  responses: { 204: { description: "Resumed: the agreement is queued for a push" } },
}, { problems: [404] });

/** Sync state, preview, an immediate sync and resuming a line. */
export function registerSyncRoutes(app: ApiApp, deps: Deps, options: { workerId: string }): void {
  app.openapi(lines, async (c) => {
    const items = await namedSyncLines(deps, c.req.valid("param").msp);
    return c.json({ items: items.map(lineView) }, 200);
  });
  app.openapi(preview, async (c) => {
    return c.json({ items: await previewSync(deps, c.req.valid("param").msp) }, 200);
  });
  app.openapi(run, async (c) => {
    const { msp } = c.req.valid("param");
    return c.json(await syncNow(deps, { mspId: msp, owner: options.workerId }), 200);
  });
  app.openapi(resume, async (c) => {
    const { msp, agreementId, productId } = c.req.valid("param");
    await resumeLine(deps, { mspId: msp, agreementId, productId });
    return c.body(null, 204);
  });
}
