import * as v from "valibot";
import type { SyncLine, SyncLines } from "../../application/ports/sync_lines.ts";
import { PRODUCT_KINDS } from "../../domain/product_mapping.ts";
import { lineKey, SYNC_STATUSES } from "../../domain/sync_line.ts";
import { instant, integer, parseRows, type Queryable } from "./rows.ts";

const LineRow = v.object({
  agreement_id: integer,
  product_id: v.nullable(integer),
  kind: v.picklist(PRODUCT_KINDS),
  period: v.string(),
  final: v.boolean(),
  desired_quantity: integer,
  written_quantity: v.nullable(integer),
  addition_id: v.nullable(integer),
  status: v.picklist(SYNC_STATUSES),
  reason: v.nullable(v.string()),
  updated_at: instant,
});

function toLine(row: v.InferOutput<typeof LineRow>): SyncLine {
  return {
    agreementId: row.agreement_id,
    productId: row.product_id,
    kind: row.kind,
    period: row.period,
    final: row.final,
    desiredQuantity: row.desired_quantity,
    writtenQuantity: row.written_quantity,
    additionId: row.addition_id,
    status: row.status,
    reason: row.reason,
    updatedAt: row.updated_at,
  };
}

/** As the memory adapter sorts them. */
function sorted(rows: readonly unknown[]): SyncLine[] {
  return parseRows(LineRow, rows, "sync_lines").map(toLine)
    .sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
}

export function postgresSyncLines(sql: Queryable): SyncLines {
  return {
    list: async (mspId) => sorted(await sql`SELECT * FROM sync_lines WHERE msp_id = ${mspId}`),
    forAgreement: async (mspId, agreementId) =>
      sorted(
        await sql`
          SELECT * FROM sync_lines WHERE msp_id = ${mspId} AND agreement_id = ${agreementId}`,
      ),
    forAgreements: async (mspId, agreementIds) =>
      sorted(
        await sql`
          SELECT * FROM sync_lines
          WHERE msp_id = ${mspId} AND agreement_id = ANY(${[...agreementIds]}::bigint[])`,
      ),
    save: async (mspId, l) => {
      await sql`
        INSERT INTO sync_lines (msp_id, line_key, agreement_id, product_id, kind, period,
          final, desired_quantity, written_quantity, addition_id, status, reason, updated_at)
        VALUES (${mspId}, ${lineKey(l)}, ${l.agreementId}, ${l.productId}, ${l.kind}, ${l.period},
          ${l.final}, ${l.desiredQuantity}, ${l.writtenQuantity}, ${l.additionId}, ${l.status}, ${l.reason},
          ${l.updatedAt})
        ON CONFLICT (msp_id, line_key) DO UPDATE SET
          agreement_id = EXCLUDED.agreement_id, product_id = EXCLUDED.product_id,
          kind = EXCLUDED.kind, period = EXCLUDED.period, final = EXCLUDED.final,
          desired_quantity = EXCLUDED.desired_quantity,
          written_quantity = EXCLUDED.written_quantity, addition_id = EXCLUDED.addition_id,
          status = EXCLUDED.status, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at`;
    },
    prune: async (mspId, agreementId, keep) => {
      // The keys travel as one JSON array: an empty list needs no special case.
      await sql`
        DELETE FROM sync_lines
        WHERE msp_id = ${mspId} AND agreement_id = ${agreementId}
          AND line_key NOT IN (SELECT jsonb_array_elements_text(${sql.json([...keep])}::jsonb))`;
    },
    record: async (mspId, { agreementId, lines, audit }) => {
      const stray = lines?.find((l) => l.agreementId !== agreementId);
      if (stray) {
        throw new Error(
          `Cannot record a line of agreement ${stray.agreementId} in a push of agreement ${agreementId}`,
        );
      }
      // One statement; audit entries are inserted in order, so their ids keep it. The DELETE sees
      // the rows as they were, and removes only keys not saved.
      const rows = (lines ?? []).map((l) => ({ ...l, lineKey: lineKey(l) }));
      await sql`
        WITH input AS (
          SELECT * FROM jsonb_to_recordset(${sql.json(rows)}::jsonb) AS x(
            "lineKey" text, "agreementId" bigint, "productId" bigint, kind text, period text,
            final boolean, "desiredQuantity" integer, "writtenQuantity" integer,
            "additionId" bigint, status text, reason text, "updatedAt" timestamptz)
        ), saved AS (
          INSERT INTO sync_lines (msp_id, line_key, agreement_id, product_id, kind, period,
            final, desired_quantity, written_quantity, addition_id, status, reason, updated_at)
          SELECT ${mspId}, "lineKey", "agreementId", "productId", kind, period, final,
            "desiredQuantity", "writtenQuantity", "additionId", status, reason, "updatedAt"
          FROM input
          ON CONFLICT (msp_id, line_key) DO UPDATE SET
            agreement_id = EXCLUDED.agreement_id, product_id = EXCLUDED.product_id,
            kind = EXCLUDED.kind, period = EXCLUDED.period, final = EXCLUDED.final,
            desired_quantity = EXCLUDED.desired_quantity,
            written_quantity = EXCLUDED.written_quantity, addition_id = EXCLUDED.addition_id,
            status = EXCLUDED.status, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at
        ), pruned AS (
          DELETE FROM sync_lines
          WHERE ${lines !== null} AND msp_id = ${mspId} AND agreement_id = ${agreementId}
            AND line_key NOT IN (SELECT "lineKey" FROM input)
        ), entries AS (
          SELECT e.value, e.n FROM jsonb_array_elements(${sql.json([...audit])}::jsonb)
            WITH ORDINALITY AS e(value, n)
        )
        INSERT INTO audit_log (msp_id, at, action, agreement_id, product_id, addition_id,
          period, old_quantity, new_quantity, message)
        SELECT ${mspId}, (value->>'at')::timestamptz, value->>'action',
          (value->>'agreementId')::bigint, (value->>'productId')::bigint,
          (value->>'additionId')::bigint, value->>'period', (value->>'oldQuantity')::integer,
          (value->>'newQuantity')::integer, value->>'message'
        FROM entries ORDER BY n`;
    },
  };
}
