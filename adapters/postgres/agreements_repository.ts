import * as v from "valibot";
import type { AgreementRecord, Agreements } from "../../application/ports/agreements.ts";
import { instant, integer, parseRows, type Queryable } from "./rows.ts";

const AgreementRow = v.object({
  agreement_id: integer,
  name: v.string(),
  company_id: integer,
  status: v.nullable(v.string()),
  cancelled: v.boolean(),
  billing_cycle: v.nullable(v.string()),
  start_date: v.nullable(instant),
  end_date: v.nullable(instant),
  no_ending_date: v.boolean(),
  bill_start_date: v.nullable(instant),
  next_invoice_date: v.nullable(instant),
  prorate: v.boolean(),
  parent_agreement_id: v.nullable(integer),
  read_at: instant,
  seen_since: instant,
  previous_next_invoice_date: v.nullable(instant),
  previous_read_at: v.nullable(instant),
});

function toRecord(r: v.InferOutput<typeof AgreementRow>): AgreementRecord {
  return {
    terms: {
      id: r.agreement_id,
      name: r.name,
      companyId: r.company_id,
      status: r.status,
      cancelled: r.cancelled,
      billingCycle: r.billing_cycle,
      startDate: r.start_date,
      endDate: r.end_date,
      noEndingDate: r.no_ending_date,
      billStartDate: r.bill_start_date,
      nextInvoiceDate: r.next_invoice_date,
      prorate: r.prorate,
      parentAgreementId: r.parent_agreement_id,
    },
    watch: {
      nextInvoiceDate: r.next_invoice_date,
      readAt: r.read_at,
      seenSince: r.seen_since,
      previous: r.previous_read_at === null
        ? null
        : { nextInvoiceDate: r.previous_next_invoice_date, readAt: r.previous_read_at },
    },
  };
}

export function postgresAgreements(sql: Queryable): Agreements {
  return {
    get: async (mspId, agreementIds) =>
      parseRows(
        AgreementRow,
        await sql`
          SELECT * FROM agreements
          WHERE msp_id = ${mspId} AND agreement_id = ANY(${[...agreementIds]}::bigint[])`,
        "agreements",
      ).map(toRecord),
    save: async (mspId, records, checkAt) => {
      if (records.length === 0) return;
      const rows = records.map(({ terms: t, watch: w }) => ({
        id: t.id,
        name: t.name,
        companyId: t.companyId,
        status: t.status,
        cancelled: t.cancelled,
        billingCycle: t.billingCycle,
        startDate: t.startDate,
        endDate: t.endDate,
        noEndingDate: t.noEndingDate,
        billStartDate: t.billStartDate,
        nextInvoiceDate: w.nextInvoiceDate,
        prorate: t.prorate,
        parentAgreementId: t.parentAgreementId,
        readAt: w.readAt,
        seenSince: w.seenSince,
        previousNextInvoiceDate: w.previous?.nextInvoiceDate ?? null,
        previousReadAt: w.previous?.readAt ?? null,
      }));
      await sql`
        INSERT INTO agreements (msp_id, agreement_id, name, company_id, status, cancelled,
          billing_cycle, start_date, end_date, no_ending_date, bill_start_date,
          next_invoice_date, prorate, parent_agreement_id, read_at, seen_since,
          previous_next_invoice_date, previous_read_at, check_at)
        SELECT ${mspId}, id, name, "companyId", status, cancelled, "billingCycle", "startDate",
          "endDate", "noEndingDate", "billStartDate", "nextInvoiceDate", prorate,
          "parentAgreementId", "readAt", "seenSince", "previousNextInvoiceDate",
          "previousReadAt", ${checkAt}::timestamptz
        FROM jsonb_to_recordset(${sql.json(rows)}::jsonb) AS x(
          id bigint, name text, "companyId" bigint, status text, cancelled boolean,
          "billingCycle" text, "startDate" timestamptz, "endDate" timestamptz,
          "noEndingDate" boolean, "billStartDate" timestamptz, "nextInvoiceDate" timestamptz,
          prorate boolean, "parentAgreementId" bigint, "readAt" timestamptz,
          "seenSince" timestamptz, "previousNextInvoiceDate" timestamptz,
          "previousReadAt" timestamptz)
        ON CONFLICT (msp_id, agreement_id) DO UPDATE SET
          name = EXCLUDED.name, company_id = EXCLUDED.company_id, status = EXCLUDED.status,
          cancelled = EXCLUDED.cancelled, billing_cycle = EXCLUDED.billing_cycle,
          start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
          no_ending_date = EXCLUDED.no_ending_date, bill_start_date = EXCLUDED.bill_start_date,
          next_invoice_date = EXCLUDED.next_invoice_date, prorate = EXCLUDED.prorate,
          parent_agreement_id = EXCLUDED.parent_agreement_id, read_at = EXCLUDED.read_at,
          seen_since = EXCLUDED.seen_since,
          previous_next_invoice_date = EXCLUDED.previous_next_invoice_date,
          previous_read_at = EXCLUDED.previous_read_at, check_at = EXCLUDED.check_at`;
    },
    claimDue: async ({ now, checkAt, limit }) => {
      const rows = await sql`
        WITH due AS (
          SELECT a.msp_id, a.agreement_id, a.check_at FROM agreements a
          JOIN connections c ON c.msp_id = a.msp_id AND c.attention IS NULL
          WHERE a.check_at <= ${now}
            AND EXISTS (SELECT 1 FROM company_mappings m
              WHERE m.msp_id = a.msp_id AND m.agreement_id = a.agreement_id)
          ORDER BY a.check_at, a.msp_id, a.agreement_id
          LIMIT ${limit}
          FOR UPDATE OF a SKIP LOCKED
        )
        UPDATE agreements a SET check_at = ${checkAt}
        FROM due WHERE a.msp_id = due.msp_id AND a.agreement_id = due.agreement_id
        RETURNING a.msp_id, a.agreement_id, due.check_at AS was`;
      return parseRows(
        v.object({ msp_id: v.string(), agreement_id: integer, was: instant }),
        rows,
        "agreements",
      ).sort((a, b) =>
        a.was.getTime() - b.was.getTime() || a.msp_id.localeCompare(b.msp_id) ||
        a.agreement_id - b.agreement_id
      ).map((r) => ({ mspId: r.msp_id, agreementId: r.agreement_id }));
    },
  };
}
