-- Up Migration

-- Every business table carries org_id. The API works as role fleetcore_app with app.org_id set
-- for the transaction; row-level security confines it to that organisation.
DO $$ BEGIN
  CREATE ROLE fleetcore_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
GRANT fleetcore_app TO CURRENT_USER;

CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,64}$'),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  name text NOT NULL,
  -- argon2id PHC string
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('superadmin', 'admin', 'manager', 'dispatcher', 'driver', 'analyst')),
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ru', 'kk', 'tr')),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- One login per e-mail in an installation: login looks a user up by e-mail before the org is known.
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  -- SHA-256 of the opaque token; the token itself is never stored
  token_hash bytea NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE vehicle_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL,
  -- rated consumption, litres per 100 km
  rated_consumption_l_100km numeric(6, 2),
  -- overspeed limit for this type, km/h
  speed_limit_kmh numeric(5, 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);

CREATE TABLE vehicles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  plate text,
  vin text,
  vehicle_type_id uuid REFERENCES vehicle_types(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, plate)
);
CREATE INDEX vehicles_org_idx ON vehicles (org_id);

CREATE TABLE devices (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{3,64}$'),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE SET NULL,
  name text,
  -- argon2id PHC string of the device secret
  secret_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_connected_at timestamptz
);
CREATE INDEX devices_org_idx ON devices (org_id);
CREATE UNIQUE INDEX devices_vehicle_key ON devices (vehicle_id) WHERE vehicle_id IS NOT NULL;

-- A vehicle's last known state, kept by the engine.
CREATE TABLE vehicle_state (
  vehicle_id uuid PRIMARY KEY REFERENCES vehicles(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  device_id text,
  time timestamptz NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  speed_mps real,
  heading_deg real,
  odometer_m double precision,
  fuel_level_pct real,
  ignition boolean,
  battery_v real,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  actor_user_id uuid,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_org_at_idx ON audit_log (org_id, at DESC);

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON organisations USING (id = app_org_id());
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'refresh_tokens', 'vehicle_types', 'vehicles', 'devices', 'vehicle_state', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fleetcore_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO fleetcore_app;
GRANT EXECUTE ON FUNCTION app_org_id() TO fleetcore_app;

-- Down Migration
DROP TABLE audit_log, vehicle_state, devices, vehicles, vehicle_types, refresh_tokens, users, organisations;
DROP FUNCTION app_org_id();
