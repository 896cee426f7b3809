import * as v from "valibot";
import { type Period, periodOf } from "../../domain/period.ts";
import type { PeriodInputs } from "../../domain/period_inputs.ts";
import { entryKey, type Keyed, type PeriodSummary } from "../../domain/period_summary.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import { integer, parseRows, type Queryable } from "./rows.ts";

/** One statement; false when the MSP already has the event id. */
export async function appendWithSummary(
  sql: Queryable,
  mspId: string,
  e: LedgerEntry,
): Promise<boolean> {
  const [row] = await sql`
    WITH stored AS (
      INSERT INTO usage_ledger (msp_id, event_id, organization_id, occurred_at,
        licenses, servers, plan_id)
      VALUES (${mspId}, ${e.eventId}, ${e.organizationId}, ${e.occurredAt},
        ${e.licenses}, ${e.servers}, ${e.planId})
      ON CONFLICT (msp_id, event_id) DO NOTHING
      RETURNING msp_id, organization_id, ${periodOf(e.occurredAt)}::text AS period,
        ${entryKey(e)}::text COLLATE "C" AS key, licenses, servers, plan_id
    ), ${sql.unsafe(SUMMARY_FROM_STORED)}
    SELECT (SELECT count(*) FROM stored)::int AS inserted`;
  return row.inserted === 1;
}

const last = (field: "licenses" | "servers" | "plan_id") =>
  `(array_agg(${field} ORDER BY key DESC) FILTER (WHERE ${field} IS NOT NULL))[1],
        max(key) FILTER (WHERE ${field} IS NOT NULL)`;
const later = (field: "licenses" | "servers" | "plan") => {
  const k = `last_${field}_key`;
  return `excluded.${k} IS NOT NULL AND (s.${k} IS NULL OR excluded.${k} > s.${k})`;
};

/**
 * `addToSummary` over the rows of CTE `stored` (msp_id, organization_id, period, key COLLATE "C",
 * licenses, servers, plan_id). Every part is a max, a first or a last by key, so one statement's
 * rows fold together first (an upsert may touch a row once) and concurrent statements commute;
 * summaries are upserted in key order, so two statements lock them in the same order.
 */
export const SUMMARY_FROM_STORED = `
    first_keys AS (
      SELECT msp_id, organization_id, period, jsonb_object_agg(plan_id, key) AS plans
      FROM (
        SELECT msp_id, organization_id, period, plan_id, min(key) AS key
        FROM stored WHERE plan_id IS NOT NULL
        GROUP BY msp_id, organization_id, period, plan_id
      ) firsts
      GROUP BY msp_id, organization_id, period
    ), folded AS (
      SELECT msp_id, organization_id, period,
        bool_or(licenses IS NOT NULL OR servers IS NOT NULL) AS has_usage,
        max(licenses) AS max_licenses, max(servers) AS max_servers,
        ${last("licenses")}, ${last("servers")}, ${last("plan_id")}
      FROM stored
      GROUP BY msp_id, organization_id, period
    ), summary AS (
      INSERT INTO period_summaries AS s (msp_id, organization_id, period, has_usage,
        max_licenses, max_servers, last_licenses, last_licenses_key,
        last_servers, last_servers_key, last_plan, last_plan_key, plans)
      SELECT f.*, coalesce(k.plans, '{}'::jsonb)
      FROM folded f LEFT JOIN first_keys k USING (msp_id, organization_id, period)
      ORDER BY f.msp_id, f.organization_id, f.period
      ON CONFLICT (msp_id, organization_id, period) DO UPDATE SET
        has_usage = s.has_usage OR excluded.has_usage,
        max_licenses = GREATEST(s.max_licenses, excluded.max_licenses),
        max_servers = GREATEST(s.max_servers, excluded.max_servers),
        plans = CASE WHEN excluded.plans = '{}'::jsonb THEN s.plans ELSE (
          SELECT jsonb_object_agg(plan, first_key) FROM (
            SELECT plan, min(first_key COLLATE "C") AS first_key
            FROM (SELECT * FROM jsonb_each_text(s.plans)
              UNION ALL SELECT * FROM jsonb_each_text(excluded.plans)) both_maps(plan, first_key)
            GROUP BY plan
          ) merged) END,
        last_licenses = CASE WHEN ${later("licenses")} THEN excluded.last_licenses
          ELSE s.last_licenses END,
        last_licenses_key = CASE WHEN ${later("licenses")} THEN excluded.last_licenses_key
          ELSE s.last_licenses_key END,
        last_servers = CASE WHEN ${later("servers")} THEN excluded.last_servers
          ELSE s.last_servers END,
        last_servers_key = CASE WHEN ${later("servers")} THEN excluded.last_servers_key
          ELSE s.last_servers_key END,
        last_plan = CASE WHEN ${later("plan")} THEN excluded.last_plan ELSE s.last_plan END,
        last_plan_key = CASE WHEN ${later("plan")} THEN excluded.last_plan_key
          ELSE s.last_plan_key END
      RETURNING 1
    )`;

const keyed = <T extends v.GenericSchema>(value: T) =>
  v.nullable(v.object({ value, key: v.string() }));

const InputsRow = v.object({
  organization_id: v.string(),
  summary: v.nullable(v.object({
    has_usage: v.boolean(),
    max_licenses: v.nullable(integer),
    max_servers: v.nullable(integer),
    plans: v.record(v.string(), v.string()),
    last_licenses: keyed(integer),
    last_servers: keyed(integer),
    last_plan: keyed(v.string()),
  })),
  carried_licenses: v.nullable(integer),
  carried_servers: v.nullable(integer),
  carried_plan: v.nullable(v.string()),
  first_plan: v.nullable(v.string()),
  usage_before: v.boolean(),
});

/**
 * The period's row and, per field, the latest earlier value: each an index lookup, so the cost is
 * flat in history.
 */
export async function readPeriodInputs(
  sql: Queryable,
  input: { mspId: string; period: Period; organizationIds: readonly string[] },
): Promise<PeriodInputs[]> {
  const { mspId, period } = input;
  const earlier = (column: string) =>
    sql.unsafe(`(SELECT p.${column} FROM period_summaries p
      WHERE p.msp_id = o.msp_id AND p.organization_id = o.organization_id
        AND p.period < o.period AND p.${column} IS NOT NULL
      ORDER BY p.period DESC LIMIT 1)`);
  const rows = await sql`
    SELECT o.organization_id,
      CASE WHEN c.msp_id IS NULL THEN NULL ELSE jsonb_build_object(
        'has_usage', c.has_usage, 'max_licenses', c.max_licenses,
        'max_servers', c.max_servers, 'plans', c.plans,
        'last_licenses', ${pair("licenses")}, 'last_servers', ${pair("servers")},
        'last_plan', ${pair("plan")}) END AS summary,
      ${earlier("last_licenses")} AS carried_licenses,
      ${earlier("last_servers")} AS carried_servers,
      ${earlier("last_plan")} AS carried_plan,
      (SELECT e.key FROM (
          SELECT p.plans FROM period_summaries p
          WHERE p.msp_id = o.msp_id AND p.organization_id = o.organization_id
            AND p.plans <> '{}'::jsonb
          ORDER BY p.period LIMIT 1
        ) f, jsonb_each_text(f.plans) e
        ORDER BY e.value COLLATE "C" LIMIT 1) AS first_plan,
      EXISTS (SELECT 1 FROM period_summaries p
        WHERE p.msp_id = o.msp_id AND p.organization_id = o.organization_id
          AND p.period <= o.period AND p.has_usage) AS usage_before
    FROM (
      SELECT ${mspId}::text AS msp_id, ids.organization_id, ${period}::text AS period
      FROM unnest(${[...input.organizationIds]}::text[]) AS ids(organization_id)
    ) o
    LEFT JOIN period_summaries c ON c.msp_id = o.msp_id
      AND c.organization_id = o.organization_id AND c.period = o.period`;
  return parseRows(InputsRow, rows, "period_summaries").map((r) => ({
    organizationId: r.organization_id,
    summary: r.summary === null ? null : toSummary(r.summary),
    carried: { licenses: r.carried_licenses, servers: r.carried_servers, planId: r.carried_plan },
    firstPlanId: r.first_plan,
    usageBefore: r.usage_before,
  }));

  function pair(field: string) {
    return sql.unsafe(`CASE WHEN c.last_${field} IS NULL THEN NULL ELSE
      jsonb_build_object('value', c.last_${field}, 'key', c.last_${field}_key) END`);
  }
}

function toSummary(row: NonNullable<v.InferOutput<typeof InputsRow>["summary"]>): PeriodSummary {
  const k = <T>(x: { value: T; key: string } | null): Keyed<T> | null => x;
  return {
    hasUsage: row.has_usage,
    maxLicenses: row.max_licenses,
    maxServers: row.max_servers,
    plans: row.plans,
    lastLicenses: k(row.last_licenses),
    lastServers: k(row.last_servers),
    lastPlan: k(row.last_plan),
  };
}
