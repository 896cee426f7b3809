-- What each period's own ledger entries say about an organization, kept as
-- entries arrive (addToSummary in domain/period_summary.ts), so readers never
-- scan the ledger. Keys order entries as compareEntries does: milliseconds
-- since 1970 zero-padded to 15 characters, '|', the event id; compared with
-- COLLATE "C". The ledger stays the record; `deno task figures:verify`
-- recomputes open periods from it.
CREATE TABLE period_summaries (
  msp_id text NOT NULL,
  organization_id text NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  has_usage boolean NOT NULL,
  max_licenses integer CHECK (max_licenses >= 0),
  max_servers integer CHECK (max_servers >= 0),
  -- plan id -> key of the first entry of the period that set it
  plans jsonb NOT NULL CHECK (jsonb_typeof(plans) = 'object'),
  last_licenses integer,
  last_licenses_key text COLLATE "C",
  last_servers integer,
  last_servers_key text COLLATE "C",
  last_plan text,
  last_plan_key text COLLATE "C",
  PRIMARY KEY (msp_id, organization_id, period)
);

-- The summaries of the ledger as it stands, in one set-based pass.
WITH keyed AS (
  SELECT msp_id, organization_id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS period,
    licenses, servers, plan_id,
    lpad(floor(extract(epoch FROM occurred_at) * 1000)::bigint::text, 15, '0') || '|' || event_id
      COLLATE "C" AS key
  FROM usage_ledger
), plans AS (
  SELECT msp_id, organization_id, period, jsonb_object_agg(plan_id, first_key) AS plans
  FROM (
    SELECT msp_id, organization_id, period, plan_id, min(key) AS first_key
    FROM keyed WHERE plan_id IS NOT NULL
    GROUP BY msp_id, organization_id, period, plan_id
  ) firsts
  GROUP BY msp_id, organization_id, period
)
INSERT INTO period_summaries
SELECT k.msp_id, k.organization_id, k.period,
  bool_or(k.licenses IS NOT NULL OR k.servers IS NOT NULL),
  max(k.licenses), max(k.servers),
  coalesce(min(p.plans::text)::jsonb, '{}'::jsonb),
  (array_agg(k.licenses ORDER BY k.key DESC) FILTER (WHERE k.licenses IS NOT NULL))[1],
  max(k.key) FILTER (WHERE k.licenses IS NOT NULL),
  (array_agg(k.servers ORDER BY k.key DESC) FILTER (WHERE k.servers IS NOT NULL))[1],
  max(k.key) FILTER (WHERE k.servers IS NOT NULL),
  (array_agg(k.plan_id ORDER BY k.key DESC) FILTER (WHERE k.plan_id IS NOT NULL))[1],
  max(k.key) FILTER (WHERE k.plan_id IS NOT NULL)
FROM keyed k
LEFT JOIN plans p USING (msp_id, organization_id, period)
GROUP BY k.msp_id, k.organization_id, k.period;
