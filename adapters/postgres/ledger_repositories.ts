import * as v from "valibot";
import type { Period } from "../../domain/period.ts";
import type { Statement } from "../../domain/statement.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import type { Statements } from "../../application/ports/statements.ts";
import type { UsageLedger } from "../../application/ports/usage_ledger.ts";
import { appendWithSummary, readPeriodInputs } from "./period_summaries.ts";
import { recordAlone } from "./record_report.ts";
import {
  atomically,
  byText,
  instant,
  integer,
  parseRow,
  parseRows,
  type Queryable,
} from "./rows.ts";

const EntryRow = v.object({
  event_id: v.string(),
  organization_id: v.string(),
  occurred_at: instant,
  licenses: v.nullable(integer),
  servers: v.nullable(integer),
  plan_id: v.nullable(v.string()),
});

function toEntry(row: v.InferOutput<typeof EntryRow>): LedgerEntry {
  return {
    eventId: row.event_id,
    organizationId: row.organization_id,
    occurredAt: row.occurred_at,
    licenses: row.licenses,
    servers: row.servers,
    planId: row.plan_id,
  };
}

/** `record` is the pool's group commit when given, else one statement per report. */
export function postgresUsageLedger(
  sql: Queryable,
  record: UsageLedger["record"] = (mspId, entry, options) =>
    recordAlone(sql, { mspId, entry, ...options }),
): UsageLedger {
  return {
    append: (mspId, e) => appendWithSummary(sql, mspId, e),
    record,
    periodInputs: (mspId, period, organizationIds) =>
      readPeriodInputs(sql, { mspId, period, organizationIds }),
    entries: async (mspId, organizationId) => {
      const rows = await sql`
        SELECT * FROM usage_ledger
        WHERE msp_id = ${mspId} AND organization_id = ${organizationId}`;
      return parseRows(EntryRow, rows, "usage_ledger").map(toEntry);
    },
    firstPeriod: async (mspId) => {
      // From the period summaries (has_usage is isUsage() of domain/usage.ts over the period's
      // entries): a few rows per organization and month, never the ledger.
      const [row] = await sql`
        SELECT min(period) AS first FROM period_summaries
        WHERE msp_id = ${mspId} AND has_usage`;
      return parseRow(v.object({ first: v.nullable(v.string()) }), row, "period_summaries").first;
    },
    msps: async () => {
      // Every ledger entry has its period's summary row: a few rows per organization and month to
      // read, not every entry.
      const rows = await sql`SELECT DISTINCT msp_id FROM period_summaries`;
      return parseRows(v.object({ msp_id: v.string() }), rows, "period_summaries")
        .map((r) => r.msp_id).sort();
    },
  };
}

const StatementRow = v.object({
  organization_id: v.string(),
  period: v.string(),
  plan_id: v.string(),
  licenses: integer,
  servers: integer,
  final: v.boolean(),
  finalized_at: v.nullable(instant),
});

function toStatement(row: v.InferOutput<typeof StatementRow>): Statement {
  return {
    organizationId: row.organization_id,
    period: row.period,
    planId: row.plan_id,
    licenses: row.licenses,
    servers: row.servers,
    final: row.final,
    finalizedAt: row.finalized_at,
  };
}

async function writeStatements(
  sql: Queryable,
  input: { mspId: string; period: Period; chunk: readonly Statement[] },
): Promise<void> {
  const { mspId, period, chunk } = input;
  const misplaced = chunk.find((s) => s.period !== period);
  if (misplaced) {
    throw new Error(
      `Cannot finalize ${period} with a statement of ${misplaced.period} ` +
        `(organization "${misplaced.organizationId}")`,
    );
  }
  if (chunk.length === 0) return;
  const rows = chunk.map((s) => ({
    organization_id: s.organizationId,
    plan_id: s.planId,
    licenses: s.licenses,
    servers: s.servers,
    final: s.final,
    finalized_at: s.finalizedAt?.toISOString() ?? null,
  }));
  await sql`
    INSERT INTO statements (msp_id, period, organization_id, plan_id, licenses, servers,
      final, finalized_at)
    SELECT ${mspId}, ${period}, s.organization_id, s.plan_id, s.licenses, s.servers,
      s.final, s.finalized_at
    FROM jsonb_to_recordset(${sql.json(rows)}::jsonb) AS s(
      organization_id text, plan_id text, licenses integer, servers integer,
      final boolean, finalized_at timestamptz)`;
}

export function postgresStatements(sql: Queryable): Statements {
  return {
    isFinalized: async (mspId, period) => {
      const rows = await sql`
        SELECT 1 FROM finalized_periods WHERE msp_id = ${mspId} AND period = ${period}`;
      return rows.length > 0;
    },
    finalize: (mspId, period, chunks) =>
      // All or nothing: in a transaction of its own on the pool, in a savepoint inside one.
      atomically(sql, async (tx) => {
        const opened = await tx`
          INSERT INTO finalized_periods (msp_id, period) VALUES (${mspId}, ${period})
          ON CONFLICT DO NOTHING RETURNING 1`;
        if (opened.length === 0) return false; // final already: the chunks are never read
        for await (const chunk of chunks) await writeStatements(tx, { mspId, period, chunk });
        return true;
      }),
    list: async (mspId, period, organizationIds) => {
      const rows = organizationIds === undefined
        ? await sql`SELECT * FROM statements WHERE msp_id = ${mspId} AND period = ${period}`
        : await sql`
          SELECT * FROM statements WHERE msp_id = ${mspId} AND period = ${period}
            AND organization_id = ANY(${[...organizationIds]}::text[])`;
      return parseRows(StatementRow, rows, "statements").map(toStatement)
        .sort(byText((s) => s.organizationId));
    },
    closeForReports: async (mspId, period) => {
      // The row lock makes reports being recorded finish first (they hold it FOR SHARE).
      await sql`
        INSERT INTO msp_periods (msp_id, last_final) VALUES (${mspId}, ${period})
        ON CONFLICT (msp_id) DO UPDATE
        SET last_final = GREATEST(msp_periods.last_final, excluded.last_final)`;
    },
    lastFinalized: async (mspId) => {
      const [row] = await sql`
        SELECT max(period) AS last FROM finalized_periods WHERE msp_id = ${mspId}`;
      const LastRow = v.object({ last: v.nullable(v.string()) });
      const last: Period | null = parseRow(LastRow, row, "finalized_periods").last;
      return last;
    },
  };
}
