import type { Recorded, UsageLedger } from "../../application/ports/usage_ledger.ts";
import { isFinalized, periodOf } from "../../domain/period.ts";
import { entryKey } from "../../domain/period_summary.ts";
import * as v from "valibot";
import { type LedgerEntry, reportDifferences } from "../../domain/usage.ts";
import { groupCommit } from "./group_commit.ts";
import { SUMMARY_FROM_STORED } from "./period_summaries.ts";
import { instant, integer, type Queryable } from "./rows.ts";

/** One usage report to record, as `UsageLedger.record` takes it. */
export interface ReportToRecord {
  readonly mspId: string;
  readonly entry: LedgerEntry;
  readonly accept: boolean;
  readonly notBefore: Date;
}

/**
 * What recording one report of a batch did; `busy` when its MSP's period row
 * was locked by a finalization and the batch did not wait for it (the report
 * is then untouched and must be recorded again, waiting).
 */
export type BatchOutcome = Recorded | "busy";

/**
 * The statement of `recordReports`, one text for each way of meeting a
 * finalization's lock on msp_periods: built once, not at every call (it is
 * sent with every batch of usage reports), and prepared once per connection.
 */
function recordStatement(lock: "FOR SHARE" | "FOR SHARE SKIP LOCKED"): string {
  return `
    WITH input AS (
      -- jsonb_to_recordset, not unnest of arrays: the planner estimates both the
      -- same for any batch, so the prepared statement keeps one generic plan
      -- instead of planning every batch again.
      SELECT idx, msp_id, event_id, organization_id, occurred_at, licenses, servers, plan_id,
        accept, not_before, period, key COLLATE "C" AS key
      FROM jsonb_to_recordset($1::jsonb) AS t(idx integer, msp_id text,
        event_id text, organization_id text, occurred_at timestamptz, licenses integer,
        servers integer, plan_id text, accept boolean, not_before timestamptz, period text,
        key text)
    ), msp AS (
      -- Every lookup below is a LATERAL probe of a primary key or unique index with
      -- LIMIT 1, which the planner cannot turn into a scan of the table: the
      -- statement's cost follows the batch, never the size of the ledger.
      SELECT x.msp_id, p.last_final, p.msp_id IS NULL AND e.present AS busy
      FROM (SELECT DISTINCT msp_id FROM input ORDER BY msp_id) x
      LEFT JOIN LATERAL (
        SELECT mp.msp_id, mp.last_final FROM msp_periods mp
        WHERE mp.msp_id = x.msp_id LIMIT 1 ${lock}
      ) p ON true
      -- a row the lock skipped is held by a finalization (never when waiting)
      LEFT JOIN LATERAL (
        SELECT true AS present FROM msp_periods mp WHERE mp.msp_id = x.msp_id LIMIT 1
      ) e ON true
    ), checked AS (
      SELECT i.*, m.last_final, coalesce(m.busy, false) AS busy,
        coalesce(k.known, false) AS known, coalesce(d.duplicate, false) AS duplicate,
        d.stored_organization_id, d.stored_occurred_at, d.stored_licenses, d.stored_servers,
        d.stored_plan_id
      FROM input i
      JOIN msp m ON m.msp_id = i.msp_id
      LEFT JOIN LATERAL (
        SELECT true AS known FROM organizations o
        WHERE o.msp_id = i.msp_id AND o.id = i.organization_id LIMIT 1
      ) k ON true
      LEFT JOIN LATERAL (
        -- the stored report with this eventId, for the caller to compare with this one
        SELECT true AS duplicate, l.organization_id AS stored_organization_id,
          l.occurred_at AS stored_occurred_at, l.licenses AS stored_licenses,
          l.servers AS stored_servers, l.plan_id AS stored_plan_id
        FROM usage_ledger l
        WHERE l.msp_id = i.msp_id AND l.event_id = i.event_id LIMIT 1
      ) d ON true
    ), go AS (
      SELECT * FROM checked
      -- isFinalized() of domain/period.ts, decided here under the msp_periods row lock
      WHERE accept AND known AND NOT duplicate AND NOT busy
        AND (last_final IS NULL OR last_final < period)
    ), ins AS (
      INSERT INTO usage_ledger (msp_id, event_id, organization_id, occurred_at,
        licenses, servers, plan_id)
      SELECT msp_id, event_id, organization_id, occurred_at, licenses, servers, plan_id
      FROM go ORDER BY msp_id, event_id
      ON CONFLICT (msp_id, event_id) DO NOTHING
      RETURNING msp_id, event_id
    ), stored AS (
      SELECT go.* FROM go JOIN ins USING (msp_id, event_id)
    ), ${SUMMARY_FROM_STORED}, dirty AS (
      INSERT INTO sync_queue (msp_id, agreement_id, version, attempts, not_before, first_due)
      SELECT s.msp_id, m.agreement_id, 1, 0, min(s.not_before), min(s.not_before)
      FROM stored s
      CROSS JOIN LATERAL (
        SELECT cm.agreement_id FROM company_mappings cm
        WHERE cm.msp_id = s.msp_id AND cm.organization_id = s.organization_id LIMIT 1
      ) m
      GROUP BY s.msp_id, m.agreement_id
      ORDER BY s.msp_id, m.agreement_id
      ON CONFLICT (msp_id, agreement_id) DO UPDATE SET version = sync_queue.version + 1
    ), plan AS (
      -- currentPlan() of domain/plan_history.ts: a report that is the latest plan
      -- record by entry key sets the organization's plan
      UPDATE organizations o SET plan_id = p.plan_id
      FROM (
        SELECT DISTINCT ON (msp_id, organization_id) msp_id, organization_id, plan_id, key
        FROM stored WHERE plan_id IS NOT NULL
        ORDER BY msp_id, organization_id, key DESC
      ) p
      LEFT JOIN LATERAL (
        -- a plan set later by another entry, of any period of the organization's
        SELECT true AS later FROM period_summaries ps
        WHERE ps.msp_id = p.msp_id AND ps.organization_id = p.organization_id
          AND ps.last_plan_key > p.key LIMIT 1
      ) l ON true
      WHERE o.msp_id = p.msp_id AND o.id = p.organization_id AND o.plan_id <> p.plan_id
        AND l.later IS NULL
    )
    SELECT c.idx, s.idx IS NOT NULL AS inserted, c.known, c.duplicate, c.busy, c.last_final,
      c.stored_organization_id, c.stored_occurred_at, c.stored_licenses, c.stored_servers,
      c.stored_plan_id
    FROM checked c LEFT JOIN stored s ON s.idx = c.idx
    ORDER BY c.idx`;
}

const RECORD_WAITING = recordStatement("FOR SHARE");
const RECORD_SKIPPING = recordStatement("FOR SHARE SKIP LOCKED");

/**
 * Records usage reports in one statement at READ COMMITTED: each step is a
 * row lock or an upsert that waits its turn, so none fails on a
 * serialization conflict. Each MSP's msp_periods row is read FOR SHARE, so a
 * report and its month's finalization never interleave; with `wait: false`
 * (a group commit) a row a finalization holds is skipped and its MSP's
 * reports answer `busy`, so one MSP's month end holds up no other MSP. No
 * (MSP, eventId) pair may repeat: the statement could not tell which stored the row.
 */
export async function recordReports(
  sql: Queryable,
  reports: readonly ReportToRecord[],
  options: { wait: boolean },
): Promise<BatchOutcome[]> {
  const rows = reports.map((r, idx) => ({
    idx,
    msp_id: r.mspId,
    event_id: r.entry.eventId,
    organization_id: r.entry.organizationId,
    occurred_at: r.entry.occurredAt.toISOString(),
    licenses: r.entry.licenses,
    servers: r.entry.servers,
    plan_id: r.entry.planId,
    accept: r.accept,
    not_before: r.notBefore.toISOString(),
    period: periodOf(r.entry.occurredAt),
    key: entryKey(r.entry),
  }));
  const answers = await sql.unsafe(
    options.wait ? RECORD_WAITING : RECORD_SKIPPING,
    [sql.json(rows)],
    { prepare: true },
  );
  return await Promise.all(answers.map(async (row, i): Promise<BatchOutcome> => {
    if (row.busy) return "busy";
    const lastFinal = (row.last_final as string | null) ?? null;
    const closed = !reports[i].accept || isFinalized(rows[i].period, lastFinal);
    if (row.inserted) return { outcome: "recorded", lastFinal };
    if (!row.known) return { outcome: "unknown-organization", lastFinal };
    if (!row.duplicate && closed) return { outcome: "not-recorded", lastFinal };
    // The eventId is known: stored before this statement began, or by a concurrent report
    // (its insert met the row once that report committed); then the row is read now.
    const stored = row.duplicate
      ? storedEntry(row, reports[i].entry.eventId)
      : await readStored(sql, reports[i]);
    const differences = reportDifferences(stored, reports[i].entry);
    return differences.length === 0
      ? { outcome: "duplicate", lastFinal }
      : { outcome: "event-id-reused", lastFinal, differences };
  }));
}

const StoredRow = v.object({
  stored_organization_id: v.string(),
  stored_occurred_at: instant,
  stored_licenses: v.nullable(integer),
  stored_servers: v.nullable(integer),
  stored_plan_id: v.nullable(v.string()),
});

function storedEntry(row: unknown, eventId: string): LedgerEntry {
  const r = v.parse(StoredRow, row);
  return {
    eventId,
    organizationId: r.stored_organization_id,
    occurredAt: r.stored_occurred_at,
    licenses: r.stored_licenses,
    servers: r.stored_servers,
    planId: r.stored_plan_id,
  };
}

async function readStored(sql: Queryable, report: ReportToRecord): Promise<LedgerEntry> {
  const [row] = await sql`
    SELECT organization_id AS stored_organization_id, occurred_at AS stored_occurred_at,
      licenses AS stored_licenses, servers AS stored_servers, plan_id AS stored_plan_id
    FROM usage_ledger WHERE msp_id = ${report.mspId} AND event_id = ${report.entry.eventId}`;
  if (!row) throw new Error(`usage_ledger: no row for eventId "${report.entry.eventId}"`);
  return storedEntry(row, report.entry.eventId);
}

/**
 * Group commit of usage reports on the pool: at most 128 in one statement,
 * one statement at a time, and a batch waits up to 2 ms for the callers of
 * the one before it to come back (docs/performance.md says how these were chosen).
 */
export const REPORT_BATCH = { maxBatch: 128, maxInFlight: 1, lingerMs: 2 } as const;

/**
 * Group commit of usage reports on a connection of their own, on which
 * postgres.js pipelines the statements: while one batch runs, the next is
 * on its way once it holds 8 reports (each statement has a fixed cost). One
 * connection runs them in order, so they never wait on each other's row locks.
 */
export const PIPELINED_REPORT_BATCH = {
  maxBatch: 128,
  maxInFlight: 2,
  minBesideRunning: 8,
  lingerMs: 0,
} as const;

/** Where `groupCommitRecorder` sends its batches. */
export interface RecorderOptions {
  /**
   * A client with one connection (`max: 1`) for the batches, pipelined
   * (`PIPELINED_REPORT_BATCH`); without it they run on `sql` (`REPORT_BATCH`).
   * A report that must wait for its MSP's finalization always runs on `sql`,
   * so it never holds up the batches behind it.
   */
  readonly ingest?: Queryable;
}

/**
 * `UsageLedger.record`: concurrent reports go through a group commit
 * (`recordReports` for each batch, one round trip and one commit for all of
 * them, instead of one per report), on `options.ingest` when given, else on
 * `sql`. A report whose MSP is being finalized, or whose batch failed (the
 * ingest connection lost included), is recorded again alone on `sql`,
 * waiting for its turn: one bad report, one MSP's month end or a broken
 * ingest connection never fails or holds up the others.
 */
export function groupCommitRecorder(
  sql: Queryable,
  options: RecorderOptions = {},
): UsageLedger["record"] {
  const target = options.ingest ?? sql;
  const batching = options.ingest ? PIPELINED_REPORT_BATCH : REPORT_BATCH;
  const alone = (report: ReportToRecord) => recordAlone(sql, report);
  const batched = groupCommit<ReportToRecord, BatchOutcome>(async (batch) => {
    try {
      const outcomes = await recordReports(target, batch, { wait: false });
      return outcomes.map((value) => ({ status: "fulfilled", value }));
    } catch (error) {
      if (batch.length === 1 && target === sql) return [{ status: "rejected", reason: error }];
      return await Promise.allSettled(batch.map(alone));
    }
  }, { key: (r) => `${r.mspId}\n${r.entry.eventId}`, ...batching });
  return async (mspId, entry, options) => {
    const report = { mspId, entry, ...options };
    const outcome = await batched(report);
    return outcome === "busy" ? await alone(report) : outcome;
  };
}

/** One report in a statement of its own, waiting for its MSP's period row. */
export async function recordAlone(sql: Queryable, report: ReportToRecord): Promise<Recorded> {
  const [outcome] = await recordReports(sql, [report], { wait: true });
  if (outcome === "busy") throw new Error("A report recorded alone cannot be busy");
  return outcome;
}
