-- Waypost central server: stations, staff, devices, sessions and the replicated documents.
-- Runs on PostgreSQL 15+ and PGlite alike: no extensions, plain SQL.

CREATE TABLE stations (
  code          text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,16}$'),
  name          text NOT NULL,
  division_code text NOT NULL CHECK (division_code ~ '^[0-9]{6}$'),
  kind          text NOT NULL CHECK (kind IN ('window', 'van', 'outlet', 'centre')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
  id              text PRIMARY KEY,
  username        text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  role            text NOT NULL CHECK (role IN ('clerk', 'van', 'supervisor', 'admin')),
  station_code    text NOT NULL REFERENCES stations (code),
  password_hash   text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  id           text PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  secret_hash  bytea NOT NULL,
  label        text,
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at   timestamptz
);

-- One-time enrolment codes, stored hashed; burnt by the enrolment that uses them.
CREATE TABLE enrolment_codes (
  code_hash    bytea PRIMARY KEY,
  station_code text NOT NULL REFERENCES stations (code),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  device_id    text
);

-- A login on a device: the family of its rotating refresh tokens.
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  staff_id      text NOT NULL REFERENCES staff (id),
  device_id     text NOT NULL REFERENCES devices (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  revoke_reason text
);

CREATE TABLE refresh_tokens (
  token_hash bytea PRIMARY KEY,
  session_id text NOT NULL REFERENCES sessions (id),
  issued_at  timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Replicated documents of every synced collection. Pull order is (txid, seq): txid is the
-- writing transaction's id, so a reader can hold back rows of transactions still running.
CREATE SEQUENCE document_seq;
CREATE TABLE documents (
  collection    text NOT NULL,
  id            text NOT NULL,
  station_id    text NOT NULL,
  to_station_id text,
  doc           jsonb NOT NULL,
  doc_hash      bytea NOT NULL,
  deleted       boolean NOT NULL DEFAULT false,
  txid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  seq           bigint NOT NULL DEFAULT nextval('document_seq'),
  device_id     text NOT NULL,
  written_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);
CREATE INDEX documents_order ON documents (collection, txid, seq);
CREATE INDEX documents_station_order ON documents (collection, station_id, txid, seq);
CREATE INDEX documents_to_station_order ON documents (collection, to_station_id, txid, seq)
  WHERE to_station_id IS NOT NULL;
CREATE INDEX documents_media_sha ON documents ((doc ->> 'sha256')) WHERE collection = 'media';
CREATE INDEX documents_event_application ON documents ((doc ->> 'applicationId'))
  WHERE collection = 'events';

-- A waybill number belongs to one waybill, whichever device printed it.
CREATE TABLE waybill_numbers (
  waybill_no text PRIMARY KEY,
  waybill_id text NOT NULL
);
CREATE INDEX waybill_numbers_waybill ON waybill_numbers (waybill_id);

CREATE TABLE number_counters (
  service_indicator text PRIMARY KEY CHECK (service_indicator ~ '^[A-Z]{2}$'),
  next_serial       bigint NOT NULL CHECK (next_serial BETWEEN 0 AND 100000000)
);

CREATE TABLE number_blocks (
  id                text PRIMARY KEY,
  device_id         text NOT NULL REFERENCES devices (id),
  station_code      text NOT NULL REFERENCES stations (code),
  staff_id          text NOT NULL,
  service_indicator text NOT NULL,
  first_serial      bigint NOT NULL,
  count             integer NOT NULL CHECK (count > 0),
  allocated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX number_blocks_device ON number_blocks (device_id, service_indicator, first_serial);

-- Documents refused on their own merits, kept (encrypted) with the reason for a supervisor.
CREATE TABLE quarantine (
  id           bigserial PRIMARY KEY,
  collection   text NOT NULL,
  doc_id       text NOT NULL,
  device_id    text NOT NULL,
  staff_id     text NOT NULL,
  code         text NOT NULL,
  reason       text NOT NULL,
  field        text,
  payload      bytea NOT NULL,
  payload_hash bytea NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (collection, doc_id, payload_hash, code)
);

-- Append-only server audit trail: who did what to which record. Never personal data.
CREATE TABLE audit (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  staff_id   text,
  device_id  text,
  station_id text,
  action     text NOT NULL,
  collection text,
  doc_id     text,
  detail     text
);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit is append-only';
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- Public status query: keyed hash of acceptanceNo + birthDate → application.
CREATE TABLE track_index (
  lookup         bytea NOT NULL,
  application_id text NOT NULL,
  PRIMARY KEY (lookup, application_id)
);
CREATE INDEX track_index_application ON track_index (application_id);

-- Working-day calendar data published after a release (holiday schedules come out each
-- winter), merged over the packaged seed in import order.
CREATE TABLE calendar_updates (
  id          bigserial PRIMARY KEY,
  data        jsonb NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- Operator-set configuration served to clients (e.g. SLA tiers per province).
CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
