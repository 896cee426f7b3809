-- Setup links and the sessions they open. Only SHA-256 hashes of the tokens
-- are kept, so the table opens nothing if it leaks.
CREATE TABLE setup_links (
  hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  msp_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX setup_links_expires_at ON setup_links (expires_at);

CREATE TABLE setup_sessions (
  hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  msp_id text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX setup_sessions_expires_at ON setup_sessions (expires_at);
