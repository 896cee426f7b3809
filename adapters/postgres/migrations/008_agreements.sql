-- The agreements organizations are mapped to, as last read from ConnectWise:
-- how they are invoiced (their terms) and when their next invoice date last
-- moved (the reads around it bracket when the invoice was made). check_at is
-- when the terms are read again; claims take due rows across MSPs.
CREATE TABLE agreements (
  msp_id text NOT NULL,
  agreement_id bigint NOT NULL,
  name text NOT NULL,
  company_id bigint NOT NULL,
  status text,
  cancelled boolean NOT NULL,
  billing_cycle text,
  start_date timestamptz,
  end_date timestamptz,
  no_ending_date boolean NOT NULL,
  bill_start_date timestamptz,
  next_invoice_date timestamptz,
  prorate boolean NOT NULL,
  parent_agreement_id bigint,
  read_at timestamptz NOT NULL,
  seen_since timestamptz NOT NULL,
  previous_next_invoice_date timestamptz,
  previous_read_at timestamptz,
  check_at timestamptz NOT NULL,
  PRIMARY KEY (msp_id, agreement_id)
);
CREATE INDEX agreements_check_at ON agreements (check_at);
