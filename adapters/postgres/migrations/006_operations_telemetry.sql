-- Operations telemetry (issue 15).
-- Each outbound event keeps when it happened (its first due time), which the
-- webhook body states. (Its new types reach outbox_type_check through
-- enum_checks.ts, fed from EVENT_TYPES.)
ALTER TABLE outbox ADD COLUMN occurred_at timestamptz;
UPDATE outbox SET occurred_at = next_attempt_at;
ALTER TABLE outbox ALTER COLUMN occurred_at SET NOT NULL;

-- When a dirty agreement first became due (after its coalescing wait): a retry's
-- backoff keeps it, so the sync lag counts from here.
ALTER TABLE sync_queue ADD COLUMN first_due timestamptz;
UPDATE sync_queue SET first_due = not_before;
ALTER TABLE sync_queue ALTER COLUMN first_due SET NOT NULL;
CREATE INDEX sync_queue_first_due ON sync_queue (first_due);
