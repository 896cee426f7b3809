-- Operations telemetry (issue 15).
-- The outbox carries attention and month-end events too, and each event keeps
-- when it happened (its first due time), which the webhook body states.
ALTER TABLE outbox DROP CONSTRAINT outbox_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_type_check
  CHECK (type IN ('organization.created', 'sync.attention', 'period.finalized'));
ALTER TABLE outbox ADD COLUMN occurred_at timestamptz;
UPDATE outbox SET occurred_at = next_attempt_at;
ALTER TABLE outbox ALTER COLUMN occurred_at SET NOT NULL;

-- When a dirty agreement first became due (after its coalescing wait): a retry's
-- backoff keeps it, so the sync lag counts from here.
ALTER TABLE sync_queue ADD COLUMN first_due timestamptz;
UPDATE sync_queue SET first_due = not_before;
ALTER TABLE sync_queue ALTER COLUMN first_due SET NOT NULL;
CREATE INDEX sync_queue_first_due ON sync_queue (first_due);
