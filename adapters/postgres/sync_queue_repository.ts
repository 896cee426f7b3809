import * as v from "valibot";
import type { Backlog, DirtyAgreement, SyncQueue } from "../../application/ports/sync_queue.ts";
import { instant, integer, parseRows, type Queryable } from "./rows.ts";

const ClaimedRow = v.object({
  msp_id: v.string(),
  agreement_id: integer,
  version: integer,
  attempts: integer,
  not_before: instant,
});

/**
 * `FOR UPDATE SKIP LOCKED`: concurrent workers split the due entries instead of waiting on one.
 * Times come from the caller's clock, not the database's.
 */
export function postgresSyncQueue(sql: Queryable): SyncQueue {
  return {
    markDirty: async (mspId, agreementId, notBefore) => {
      // An entry already waiting keeps its notBefore: reports coalesce.
      await sql`
        INSERT INTO sync_queue (msp_id, agreement_id, version, attempts, not_before, first_due)
        VALUES (${mspId}, ${agreementId}, 1, 0, ${notBefore}, ${notBefore})
        ON CONFLICT (msp_id, agreement_id) DO UPDATE SET version = sync_queue.version + 1`;
    },
    markMappedDirty: async (mspId, notBefore, options = {}) => {
      const advance = options.advance ?? false;
      const rows = await sql`
        INSERT INTO sync_queue (msp_id, agreement_id, version, attempts, not_before, first_due)
        SELECT DISTINCT msp_id, agreement_id, 1, 0, ${notBefore}::timestamptz,
          ${notBefore}::timestamptz
        FROM company_mappings WHERE msp_id = ${mspId}
        ON CONFLICT (msp_id, agreement_id) DO UPDATE SET version = sync_queue.version + 1,
          not_before = CASE WHEN ${advance}
            THEN least(sync_queue.not_before, EXCLUDED.not_before)
            ELSE sync_queue.not_before END
        RETURNING agreement_id`;
      return parseRows(v.object({ agreement_id: integer }), rows, "sync_queue")
        .map((r) => r.agreement_id).sort((x, y) => x - y);
    },
    queued: async (mspId) => {
      const rows = await sql`
        SELECT agreement_id, not_before, lease_until FROM sync_queue
        WHERE msp_id = ${mspId} ORDER BY agreement_id`;
      return parseRows(QueuedRow, rows, "sync_queue").map((r) => ({
        agreementId: r.agreement_id,
        notBefore: r.not_before,
        leaseUntil: r.lease_until,
      }));
    },
    claim: async (owner, { now, leaseMs, limit, mspId }) => {
      const until = new Date(now.getTime() + leaseMs);
      const rows = await sql`
        WITH due AS (
          SELECT msp_id, agreement_id FROM sync_queue
          WHERE not_before <= ${now} AND (lease_until IS NULL OR lease_until <= ${now})
            AND (${mspId ?? null}::text IS NULL OR msp_id = ${mspId ?? null})
          ORDER BY not_before, msp_id, agreement_id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE sync_queue q SET lease_owner = ${owner}, lease_until = ${until}
        FROM due WHERE q.msp_id = due.msp_id AND q.agreement_id = due.agreement_id
        RETURNING q.msp_id, q.agreement_id, q.version, q.attempts, q.not_before`;
      return parseRows(ClaimedRow, rows, "sync_queue")
        .sort((a, b) =>
          a.not_before.getTime() - b.not_before.getTime() ||
          a.msp_id.localeCompare(b.msp_id) || a.agreement_id - b.agreement_id
        )
        .map((r): DirtyAgreement => ({
          mspId: r.msp_id,
          agreementId: r.agreement_id,
          version: r.version,
          attempts: r.attempts,
        }));
    },
    dueMsps: async ({ now, limit, excluding }) => {
      const rows = await sql`
        SELECT msp_id FROM sync_queue
        WHERE not_before <= ${now} AND (lease_until IS NULL OR lease_until <= ${now})
          AND NOT (msp_id = ANY(${excluding as string[]}::text[]))
        GROUP BY msp_id
        ORDER BY min(not_before), msp_id
        LIMIT ${limit}`;
      return parseRows(v.object({ msp_id: v.string() }), rows, "sync_queue").map((r) => r.msp_id);
    },
    renew: async (owner, { now, leaseMs }) => {
      // Only leases still running: one that ran out may already be another worker's.
      const renewed = await sql`
        UPDATE sync_queue SET lease_until = ${new Date(now.getTime() + leaseMs)}
        WHERE lease_owner = ${owner} AND lease_until > ${now}`;
      return renewed.count;
    },
    complete: async (owner, items) => {
      if (items.length === 0) return;
      // Deleted when nothing changed since the claim; otherwise the lease is released so the newer
      // change is pushed on the next claim.
      const claimed = items.map((i) => ({
        mspId: i.mspId,
        agreementId: i.agreementId,
        version: i.version,
      }));
      await sql`
        WITH claimed AS (
          SELECT * FROM jsonb_to_recordset(${sql.json(claimed)}::jsonb)
            AS c("mspId" text, "agreementId" bigint, version bigint)
        ), gone AS (
          DELETE FROM sync_queue q USING claimed c
          WHERE q.msp_id = c."mspId" AND q.agreement_id = c."agreementId"
            AND q.lease_owner = ${owner} AND q.version = c.version
          RETURNING q.msp_id, q.agreement_id
        )
        UPDATE sync_queue q SET lease_owner = NULL, lease_until = NULL, attempts = 0
        FROM claimed c
        WHERE q.msp_id = c."mspId" AND q.agreement_id = c."agreementId"
          AND q.lease_owner = ${owner}
          AND NOT EXISTS (
            SELECT 1 FROM gone g WHERE g.msp_id = q.msp_id AND g.agreement_id = q.agreement_id
          )`;
    },
    retry: async (owner, item, retryAt) => {
      await sql`
        UPDATE sync_queue SET lease_owner = NULL, lease_until = NULL,
          not_before = ${retryAt}, attempts = attempts + 1
        WHERE msp_id = ${item.mspId} AND agreement_id = ${item.agreementId}
          AND lease_owner = ${owner}`;
    },
    release: async (owner, items) => {
      if (items.length === 0) return;
      const ids = items.map((i) => ({ mspId: i.mspId, agreementId: i.agreementId }));
      await sql`
        UPDATE sync_queue q SET lease_owner = NULL, lease_until = NULL
        FROM jsonb_to_recordset(${sql.json(ids)}::jsonb) AS i("mspId" text, "agreementId" bigint)
        WHERE q.msp_id = i."mspId" AND q.agreement_id = i."agreementId"
          AND q.lease_owner = ${owner}`;
    },
    backlog: async () => {
      const [row] = await sql`
        SELECT count(*)::int AS dirty, min(first_due) AS oldest FROM sync_queue`;
      const parsed = v.parse(BacklogRow, row);
      return { dirty: parsed.dirty, oldestDue: parsed.oldest } satisfies Backlog;
    },
  };
}

const BacklogRow = v.object({ dirty: integer, oldest: v.nullable(instant) });
const QueuedRow = v.object({
  agreement_id: integer,
  not_before: instant,
  lease_until: v.nullable(instant),
});
