-- One row per MSP holding its latest finalized period. A usage report reads it
-- FOR SHARE in the statement that stores the report, and a finalization
-- updates it before it reads the figures: a report and its month's
-- finalization never interleave, so a report acknowledged is in the statement
-- and a report after it is refused. The row is made with the MSP's first
-- organization.
CREATE TABLE msp_periods (
  msp_id text PRIMARY KEY,
  last_final text CHECK (last_final ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);

INSERT INTO msp_periods (msp_id, last_final)
SELECT msp_id, max(period)
FROM (
  SELECT msp_id, NULL::text AS period FROM organizations
  UNION ALL
  SELECT msp_id, period FROM finalized_periods
) known
GROUP BY msp_id;
