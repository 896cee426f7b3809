import { z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { statementRows } from "../../../application/views/statement_rows.ts";
import { namedStatement } from "../../../application/views/names.ts";
import { NotFoundError } from "../../../domain/errors.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import type {
  FinalizationTracker,
  TrackedFinalization,
} from "../../../application/month_end/finalization_tracker.ts";
import { Instant, instant, jsonAnswer, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { MspPeriodParams, PeriodParams } from "../openapi/params.ts";
import { STATEMENT_CSV_HEADER, statementCsv } from "../answers/statement_csv.ts";

const TAG = "Periods";

const StatementSchema = z.object({
  organizationId: z.string(),
  organizationName: z.string().nullable().openapi({
    description: "null when the organization is not known any more",
  }),
  agreementName: z.string().nullable().openapi({
    description: "The agreement the organization is mapped to, as named when it was mapped; " +
      "null when unmapped or mapped before names were kept",
  }),
  companyName: z.string().nullable().openapi({ description: "That agreement's company" }),
  plan: z.string().openapi({ description: "The billed plan's id (highest tier of the period)" }),
  licenses: z.int(),
  servers: z.int(),
  final: z.boolean(),
  finalizedAt: Instant.nullable(),
}).openapi("StatementLine");

const ProgressSchema = z.object({
  period: z.string(),
  mspsDone: z.int(),
  mspsTotal: z.int(),
  linesWritten: z.int(),
  linesFailed: z.int(),
  estimatedMsLeft: z.int().nullable().openapi({
    description: "Estimated milliseconds left (mean time per MSP so far); null before the first",
  }),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
}).openapi("FinalizationProgress");

const FinalizeSummary = ProgressSchema.extend({
  finalizedNow: z.int().openapi({ description: "MSPs whose period became final in this run" }),
}).openapi("FinalizationSummary");

function progressView(p: TrackedFinalization): z.infer<typeof ProgressSchema> {
  const { period, mspsDone, mspsTotal, linesWritten, linesFailed, estimatedMsLeft } = p;
  const times = { startedAt: instant(p.startedAt), finishedAt: instant(p.finishedAt) };
  return { period, mspsDone, mspsTotal, linesWritten, linesFailed, estimatedMsLeft, ...times };
}

const statement = v1Route({
  method: "get",
  path: "/v1/msps/{msp}/periods/{period}",
  tags: [TAG],
  summary: "A period's statement: final figures once finalized, running ones before",
  description: "With `Accept: text/csv`: RFC 4180 CSV, one row per organization with its " +
    `company, agreement and billed products (columns ${STATEMENT_CSV_HEADER.join(", ")}); ` +
    "a cell starting with =, +, - or @ is prefixed with ' so no spreadsheet runs it.",
  request: { params: MspPeriodParams },
  responses: {
    200: {
      description: "One line per organization",
      content: {
        "application/json": { schema: listOf(StatementSchema) },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

const finalize = v1Route({
  method: "post",
  path: "/v1/periods/{period}/finalize",
  tags: [TAG],
  summary: "Finalize the period for every MSP (the monthly schedule); idempotent",
  description: "422 `period-not-ended` for a period that has not ended.",
  request: { params: PeriodParams },
  responses: { 200: jsonAnswer(FinalizeSummary, "The finished run") },
}, { problems: [422] });

const progress = v1Route({
  method: "get",
  path: "/v1/periods/{period}/finalization",
  tags: [TAG],
  summary: "Progress of the latest finalization run of the period in this process",
  request: { params: PeriodParams },
  responses: { 200: jsonAnswer(ProgressSchema, "The latest run's progress") },
}, { problems: [404] });

/** JSON stays the default. */
function wantsCsv(accept: string | undefined): boolean {
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? "");
}

export function registerPeriodRoutes(
  app: ApiApp,
  deps: Deps,
  options: { workerId: string; tracker: FinalizationTracker },
): void {
  const { workerId, tracker } = options;
  app.openapi(statement, async (c) => {
    const { msp, period } = c.req.valid("param");
    if (wantsCsv(c.req.header("Accept"))) {
      const csv = statementCsv(await statementRows(deps, { mspId: msp, period }));
      return c.text(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": `attachment; filename="statement-${msp}-${period}.csv"`,
      });
    }
    const items = await namedStatement(deps, { mspId: msp, period });
    return c.json({
      items: items.map((s) => ({
        organizationId: s.organizationId,
        organizationName: s.organizationName,
        agreementName: s.agreementName,
        companyName: s.companyName,
        plan: s.planId,
        licenses: s.licenses,
        servers: s.servers,
        final: s.final,
        finalizedAt: instant(s.finalizedAt),
      })),
    }, 200);
  });
  app.openapi(finalize, async (c) => {
    const { period } = c.req.valid("param");
    const startedAt = deps.clock.now();
    const run = tracker.start(period, startedAt);
    try {
      const result = await finalizePeriod(deps, {
        period,
        owner: workerId,
        onProgress: run.report,
      });
      const summary = progressView({ ...result, startedAt });
      return c.json({ ...summary, finalizedNow: result.finalizedNow }, 200);
    } catch (error) {
      run.abandon();
      throw error;
    }
  });
  app.openapi(progress, (c) => {
    const { period } = c.req.valid("param");
    const latest = tracker.latest(period);
    if (!latest) {
      throw new NotFoundError(
        "finalization-not-found",
        `No finalization of ${period} ran in this process`,
      );
    }
    return c.json(progressView(latest), 200);
  });
}
