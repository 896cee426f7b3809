-- The audit log records when an addition the service owns is found cancelled
-- or deleted in ConnectWise (`addition-gone`): its line is blocked until the
-- MSP resumes it. The column's CHECK from 001 is replaced with the longer list.

ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
  CHECK (action IN ('create', 'update', 'adopt', 'drift', 'failure', 'finalize', 'addition-gone'));
