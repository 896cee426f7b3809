import type { Recorded } from "../../application/ports/usage_ledger.ts";
import { periodOf } from "../../domain/period.ts";
import { entryKey } from "../../domain/period_summary.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import { summaryUpsert } from "./period_summaries.ts";
import type { Queryable } from "./rows.ts";

/**
 * One statement at READ COMMITTED, so concurrent reports never fail on a
 * serialization conflict: each step is a row lock or an upsert that waits
 * its turn. The MSP's msp_periods row is read FOR SHARE: a finalization
 * updates it first, so a report waiting on it re-reads the new last final
 * period (and is refused), and a report before it is complete when the
 * finalization reads the figures.
 */
export async function recordReport(
  sql: Queryable,
  mspId: string,
  e: LedgerEntry,
  options: { accept: boolean; notBefore: Date },
): Promise<Recorded> {
  const period = periodOf(e.occurredAt);
  const key = entryKey(e);
  const [row] = await sql`
    WITH msp AS (
      SELECT last_final FROM msp_periods WHERE msp_id = ${mspId} FOR SHARE
    ), org AS (
      SELECT 1 FROM organizations WHERE msp_id = ${mspId} AND id = ${e.organizationId}
    ), dup AS (
      SELECT 1 FROM usage_ledger WHERE msp_id = ${mspId} AND event_id = ${e.eventId}
    ), go AS (
      SELECT 1 WHERE ${options.accept} AND EXISTS (SELECT 1 FROM org)
        AND NOT EXISTS (SELECT 1 FROM dup)
        AND NOT EXISTS (SELECT 1 FROM msp WHERE last_final >= ${period})
    ), ins AS (
      INSERT INTO usage_ledger (msp_id, event_id, organization_id, occurred_at,
        licenses, servers, plan_id)
      SELECT ${mspId}, ${e.eventId}, ${e.organizationId}, ${e.occurredAt},
        ${e.licenses}::integer, ${e.servers}::integer, ${e.planId}::text
      FROM go
      ON CONFLICT (msp_id, event_id) DO NOTHING
      RETURNING 1
    ), summary AS (
      ${summaryUpsert(sql, mspId, e)}
    ), dirty AS (
      INSERT INTO sync_queue (msp_id, agreement_id, version, attempts, not_before, first_due)
      SELECT m.msp_id, m.agreement_id, 1, 0, ${options.notBefore}, ${options.notBefore}
      FROM company_mappings m, ins
      WHERE m.msp_id = ${mspId} AND m.organization_id = ${e.organizationId}
      ON CONFLICT (msp_id, agreement_id) DO UPDATE SET version = sync_queue.version + 1
    ), plan AS (
      -- currentPlan(): the plan set last, by entry key, whatever its path
      UPDATE organizations o SET plan_id = ${e.planId}::text
      FROM ins
      WHERE ${e.planId}::text IS NOT NULL AND o.msp_id = ${mspId} AND o.id = ${e.organizationId}
        AND o.plan_id <> ${e.planId}::text
        AND NOT EXISTS (SELECT 1 FROM period_summaries p
          WHERE p.msp_id = ${mspId} AND p.organization_id = ${e.organizationId}
            AND p.last_plan_key > ${key})
    )
    SELECT (SELECT count(*) FROM ins)::int AS inserted,
      EXISTS (SELECT 1 FROM org) AS known,
      EXISTS (SELECT 1 FROM dup) AS duplicate,
      (SELECT last_final FROM msp) AS last_final`;
  const lastFinal = (row.last_final as string | null) ?? null;
  const closed = !options.accept || (lastFinal !== null && period <= lastFinal);
  const outcome: Recorded["outcome"] = row.inserted === 1
    ? "recorded"
    : !row.known
    ? "unknown-organization"
    : row.duplicate || !closed
    ? "duplicate" // a concurrent report with the same eventId stored it first
    : "not-recorded";
  return { outcome, lastFinal };
}
