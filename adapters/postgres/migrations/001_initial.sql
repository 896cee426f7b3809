-- The first schema. Every MSP-owned row carries msp_id in its key: nothing is
-- ever looked up across MSPs. Cross-table foreign keys are left out on purpose
-- where the application may save in any order (a mapping before its
-- organization); the memory adapter accepts those orders too.

CREATE TABLE plans (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (btrim(name) <> ''),
  tier integer NOT NULL CHECK (tier >= 0),
  includes_servers boolean NOT NULL
);

-- The private key is only ever stored sealed (AES-256-GCM); key_id names the
-- key it was sealed under so keys can be rotated.
CREATE TABLE connections (
  msp_id text PRIMARY KEY,
  site_url text NOT NULL CHECK (site_url ~ '^https?://'),
  company_id text NOT NULL,
  public_key text NOT NULL,
  private_key_ciphertext bytea NOT NULL,
  private_key_nonce bytea NOT NULL CHECK (octet_length(private_key_nonce) = 12),
  private_key_key_id text NOT NULL,
  codebase text NOT NULL,
  permissions jsonb NOT NULL CHECK (jsonb_typeof(permissions) = 'array'),
  connected_at timestamptz NOT NULL,
  attention text
);

-- A slot is either mapped (product id and identifier) or empty.
CREATE TABLE product_mappings (
  msp_id text NOT NULL,
  plan_id text NOT NULL,
  license_product_id bigint,
  license_identifier text,
  server_product_id bigint,
  server_identifier text,
  PRIMARY KEY (msp_id, plan_id),
  CHECK ((license_product_id IS NULL) = (license_identifier IS NULL)),
  CHECK ((server_product_id IS NULL) = (server_identifier IS NULL))
);

CREATE TABLE organizations (
  msp_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL CHECK (btrim(name) <> ''),
  plan_id text NOT NULL,
  license_type text NOT NULL CHECK (license_type IN ('standard', 'trial', 'nfr')),
  PRIMARY KEY (msp_id, id)
);

-- One mapping per organization; several organizations may share an agreement.
CREATE TABLE company_mappings (
  msp_id text NOT NULL,
  organization_id text NOT NULL,
  company_id bigint NOT NULL,
  agreement_id bigint NOT NULL,
  PRIMARY KEY (msp_id, organization_id)
);
CREATE INDEX company_mappings_agreement ON company_mappings (msp_id, agreement_id);

-- Append-only; the unique event id per MSP makes reporting idempotent.
CREATE TABLE usage_ledger (
  id bigserial PRIMARY KEY,
  msp_id text NOT NULL,
  event_id text NOT NULL,
  organization_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  licenses integer CHECK (licenses >= 0),
  servers integer CHECK (servers >= 0),
  plan_id text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT usage_ledger_event UNIQUE (msp_id, event_id)
);
CREATE INDEX usage_ledger_organization ON usage_ledger (msp_id, organization_id);

CREATE TABLE finalized_periods (
  msp_id text NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (msp_id, period)
);

CREATE TABLE statements (
  msp_id text NOT NULL,
  period text NOT NULL,
  organization_id text NOT NULL,
  plan_id text NOT NULL,
  licenses integer NOT NULL CHECK (licenses >= 0),
  servers integer NOT NULL CHECK (servers >= 0),
  final boolean NOT NULL,
  finalized_at timestamptz,
  PRIMARY KEY (msp_id, period, organization_id),
  FOREIGN KEY (msp_id, period) REFERENCES finalized_periods (msp_id, period)
);

-- A final statement is immutable: refuse any change to it, whoever asks.
CREATE FUNCTION refuse_statement_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'statements are immutable (period % of MSP %)', OLD.period, OLD.msp_id;
END
$$;
CREATE TRIGGER statements_immutable BEFORE UPDATE OR DELETE ON statements
  FOR EACH ROW EXECUTE FUNCTION refuse_statement_change();

-- line_key is lineKey() of application/ports/sync_lines.ts.
CREATE TABLE sync_lines (
  msp_id text NOT NULL,
  line_key text NOT NULL,
  agreement_id bigint NOT NULL,
  product_id bigint,
  kind text NOT NULL CHECK (kind IN ('license', 'server')),
  period text NOT NULL,
  final boolean NOT NULL,
  desired_quantity integer NOT NULL CHECK (desired_quantity >= 0),
  written_quantity integer CHECK (written_quantity >= 0),
  addition_id bigint,
  status text NOT NULL CHECK (status IN ('in-sync', 'pending', 'blocked', 'failed')),
  reason text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (msp_id, line_key)
);
CREATE INDEX sync_lines_agreement ON sync_lines (msp_id, agreement_id);

-- A lease is an owner and an expiry together, or neither.
CREATE TABLE sync_queue (
  msp_id text NOT NULL,
  agreement_id bigint NOT NULL,
  version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  not_before timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  PRIMARY KEY (msp_id, agreement_id),
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);
CREATE INDEX sync_queue_due ON sync_queue (not_before);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  msp_id text NOT NULL,
  at timestamptz NOT NULL,
  action text NOT NULL
    CHECK (action IN ('create', 'update', 'adopt', 'drift', 'failure', 'finalize')),
  agreement_id bigint,
  product_id bigint,
  addition_id bigint,
  period text,
  old_quantity integer,
  new_quantity integer,
  message text NOT NULL
);
CREATE INDEX audit_log_msp ON audit_log (msp_id, id DESC);

CREATE TABLE outbox (
  id text PRIMARY KEY,
  msp_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('organization.created')),
  payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL
);
CREATE INDEX outbox_due ON outbox (next_attempt_at);
