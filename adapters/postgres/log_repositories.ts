import * as v from "valibot";
import {
  AUDIT_ACTIONS,
  type AuditEntry,
  type AuditLog,
} from "../../application/ports/audit_log.ts";
import { EVENT_TYPES, type OutboundEvent, type Outbox } from "../../application/ports/outbox.ts";
import { instant, integer, parseRows, type Queryable } from "./rows.ts";

const AuditRow = v.object({
  id: integer,
  at: instant,
  action: v.picklist(AUDIT_ACTIONS),
  agreement_id: v.nullable(integer),
  product_id: v.nullable(integer),
  addition_id: v.nullable(integer),
  period: v.nullable(v.string()),
  old_quantity: v.nullable(integer),
  new_quantity: v.nullable(integer),
  message: v.string(),
});

function toAuditEntry(row: v.InferOutput<typeof AuditRow>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    agreementId: row.agreement_id,
    productId: row.product_id,
    additionId: row.addition_id,
    period: row.period,
    oldQuantity: row.old_quantity,
    newQuantity: row.new_quantity,
    message: row.message,
  };
}

/** Its bigserial id is the paging cursor. */
export function postgresAuditLog(sql: Queryable): AuditLog {
  return {
    append: async (mspId, e) => {
      await sql`
        INSERT INTO audit_log (msp_id, at, action, agreement_id, product_id, addition_id,
          period, old_quantity, new_quantity, message)
        VALUES (${mspId}, ${e.at}, ${e.action}, ${e.agreementId}, ${e.productId},
          ${e.additionId}, ${e.period}, ${e.oldQuantity}, ${e.newQuantity}, ${e.message})`;
    },
    list: async (mspId, { before, limit }) => {
      const rows = await sql`
        SELECT * FROM audit_log
        WHERE msp_id = ${mspId} ${before === undefined ? sql`` : sql`AND id < ${before}`}
        ORDER BY id DESC
        LIMIT ${limit}`;
      return parseRows(AuditRow, rows, "audit_log").map(toAuditEntry);
    },
  };
}

const EventRow = v.object({
  id: v.string(),
  type: v.picklist(EVENT_TYPES),
  msp_id: v.string(),
  payload: v.record(v.string(), v.unknown()),
  attempts: integer,
  next_attempt_at: instant,
  occurred_at: instant,
});

function toEvent(row: v.InferOutput<typeof EventRow>): OutboundEvent {
  return {
    id: row.id,
    type: row.type,
    mspId: row.msp_id,
    payload: row.payload,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    occurredAt: row.occurred_at,
  };
}

/** Oldest due first. */
export function postgresOutbox(sql: Queryable): Outbox {
  return {
    add: async (e) => {
      // Same id again replaces the event, as the memory outbox does.
      await sql`
        INSERT INTO outbox (id, msp_id, type, payload, attempts, next_attempt_at, occurred_at)
        VALUES (${e.id}, ${e.mspId}, ${e.type}, ${sql.json(toJson(e.payload))}, 0,
          ${e.nextAttemptAt}, ${e.nextAttemptAt})
        ON CONFLICT (id) DO UPDATE SET msp_id = EXCLUDED.msp_id, type = EXCLUDED.type,
          payload = EXCLUDED.payload, attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at,
          occurred_at = EXCLUDED.occurred_at`;
    },
    due: async (now, limit) => {
      const rows = await sql`
        SELECT * FROM outbox WHERE next_attempt_at <= ${now}
        ORDER BY next_attempt_at, id
        LIMIT ${limit}`;
      return parseRows(EventRow, rows, "outbox").map(toEvent);
    },
    delivered: async (id) => {
      await sql`DELETE FROM outbox WHERE id = ${id}`;
    },
    retryLater: async (id, at) => {
      await sql`
        UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${at} WHERE id = ${id}`;
    },
  };
}

/** The payload as JSON will store it (dates become strings, undefined disappears). */
function toJson(payload: Record<string, unknown>): Parameters<Queryable["json"]>[0] {
  return JSON.parse(JSON.stringify(payload));
}
