-- Up Migration

-- Service centres as verified partners (issue 16, seed 002). A centre is an organisation of kind
-- 'service_centre' whose users hold the centre roles; the installation's moderators verify it before
-- it may invite employees or be granted access to vehicles. A fleet organisation keeps every vehicle:
-- a centre sees one only through a grant the fleet gave (an invite code it redeemed, or a request
-- the fleet approved), scoped, time-limited and revocable.
ALTER TABLE organisations
  ADD COLUMN kind text NOT NULL DEFAULT 'fleet' CHECK (kind IN ('fleet', 'service_centre'));

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN
  ('owner', 'admin', 'manager', 'dispatcher', 'driver', 'viewer', 'analyst', 'moderator',
   'centre_owner', 'centre_manager', 'receptionist', 'mechanic'));

-- Plates are read per country (contract/src/vehicleIdentity.ts normalisePlate): the display form
-- stays in plate; plate_normalized (upper case, Cyrillic look-alikes as Latin, no spaces or dashes,
-- no country marking) is what search compares. Existing plates get the generic form.
ALTER TABLE vehicles
  ADD COLUMN plate_country char(2) CHECK (plate_country IS NULL OR plate_country ~ '^[A-Z]{2}$'),
  ADD COLUMN plate_normalized text CHECK (plate_normalized IS NULL OR length(plate_normalized) BETWEEN 1 AND 20);
UPDATE vehicles SET plate_normalized = NULLIF(left(regexp_replace(
    translate(upper(plate), 'АВЕКМНОРСТУХ', 'ABEKMHOPCTYX'), '[^A-Z0-9]', '', 'g'), 20), '')
  WHERE plate IS NOT NULL;
CREATE INDEX vehicles_plate_normalized_idx ON vehicles (plate_normalized) WHERE plate_normalized IS NOT NULL;

-- The centre's verification details and where moderation stands:
-- draft → submitted → approved | rejected (a rejected centre edits and submits again);
-- approved ↔ suspended.
CREATE TABLE service_centres (
  org_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
  -- The centre's id is its organisation's (documents name their record by an id column).
  id uuid GENERATED ALWAYS AS (org_id) STORED UNIQUE,
  -- ISO 3166-1 alpha-2: the plates the centre searches are read by this country's rules by default.
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  address text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
  phone text NOT NULL CHECK (length(phone) BETWEEN 3 AND 40),
  tax_id text NOT NULL CHECK (length(tax_id) BETWEEN 1 AND 40),
  legal_name text CHECK (legal_name IS NULL OR length(legal_name) BETWEEN 1 AND 200),
  registration_number text CHECK (registration_number IS NULL OR length(registration_number) BETWEEN 1 AND 60),
  website text CHECK (website IS NULL OR length(website) BETWEEN 1 AND 300),
  description text CHECK (description IS NULL OR length(description) <= 4000),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'suspended')),
  -- The moderator's reason for the last rejection or suspension.
  status_reason text CHECK (status_reason IS NULL OR length(status_reason) <= 2000),
  submitted_at timestamptz,
  approved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_centres_queue_idx ON service_centres (status, submitted_at);

-- Every moderation decision, kept for good (the centre reads those about itself).
CREATE TABLE centre_moderation_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  decision text NOT NULL CHECK (decision IN ('approve', 'reject', 'suspend', 'reinstate')),
  from_status text NOT NULL,
  to_status text NOT NULL,
  reason text CHECK (reason IS NULL OR length(reason) <= 2000),
  moderator_id uuid REFERENCES users(id) ON DELETE SET NULL,
  decided_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX centre_moderation_decisions_org_idx ON centre_moderation_decisions (org_id, decided_at);

-- Invite codes a fleet hands to a centre: only the SHA-256 of the code is stored; single use.
CREATE TABLE vehicle_access_invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  code_hash bytea NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('read', 'service')),
  -- When the grants made from the code end (null: until revoked).
  grant_valid_until timestamptz,
  expires_at timestamptz NOT NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  redeemed_at timestamptz,
  redeemed_by_org_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  redeemed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  revoked_at timestamptz,
  CHECK ((redeemed_at IS NULL) = (redeemed_by_org_id IS NULL))
);
CREATE INDEX vehicle_access_invites_org_idx ON vehicle_access_invites (org_id, created_at DESC);

CREATE TABLE vehicle_access_invite_vehicles (
  invite_id uuid NOT NULL REFERENCES vehicle_access_invites(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  PRIMARY KEY (invite_id, vehicle_id)
);

-- A centre's request for access to a vehicle it found by search; the vehicle's organisation decides.
CREATE TABLE vehicle_access_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The vehicle's organisation (the one that decides).
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  centre_org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('read', 'service')),
  message text CHECK (message IS NULL OR length(message) <= 1000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
  requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
  decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
  decided_at timestamptz,
  reason text CHECK (reason IS NULL OR length(reason) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX vehicle_access_requests_one_pending
  ON vehicle_access_requests (centre_org_id, vehicle_id) WHERE status = 'pending';
CREATE INDEX vehicle_access_requests_org_idx ON vehicle_access_requests (org_id, status, created_at DESC);
CREATE INDEX vehicle_access_requests_centre_idx ON vehicle_access_requests (centre_org_id, created_at DESC);

-- Access a fleet gave a centre to one vehicle. Active while not revoked and now is in
-- [valid_from, valid_until); revoking is immediate and final (a new grant is a new row).
CREATE TABLE vehicle_access_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The vehicle's organisation (the one that grants and may revoke).
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  centre_org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  -- 'read': the vehicle's card; 'service': also record visits and propose changes.
  scope text NOT NULL CHECK (scope IN ('read', 'service')),
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  source text NOT NULL CHECK (source IN ('invite_code', 'request')),
  invite_id uuid REFERENCES vehicle_access_invites(id) ON DELETE SET NULL,
  request_id uuid REFERENCES vehicle_access_requests(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > valid_from),
  CHECK (org_id <> centre_org_id)
);
CREATE INDEX vehicle_access_grants_centre_idx ON vehicle_access_grants (centre_org_id, vehicle_id)
  WHERE revoked_at IS NULL;
CREATE INDEX vehicle_access_grants_org_idx ON vehicle_access_grants (org_id, vehicle_id);

-- Every plate/VIN search a centre makes, found or not: the per-user rate limit counts these rows
-- and moderators read suspicious patterns from them.
CREATE TABLE vehicle_search_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('plate', 'vin')),
  -- The query as normalised (plate per country, VIN upper case without separators).
  query text NOT NULL CHECK (length(query) BETWEEN 1 AND 40),
  country char(2),
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE SET NULL,
  found boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX vehicle_search_log_user_idx ON vehicle_search_log (user_id, at);
CREATE INDEX vehicle_search_log_at_idx ON vehicle_search_log (at);

-- A centre's rows are its own; a grant or request is visible to both its organisations.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_centres', 'centre_moderation_decisions', 'vehicle_access_invites',
                           'vehicle_access_invite_vehicles', 'vehicle_search_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()))', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['vehicle_access_grants', 'vehicle_access_requests'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY both_sides ON %I USING (org_id = (SELECT app_org_id()) OR centre_org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()) OR centre_org_id = (SELECT app_org_id()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON service_centres, centre_moderation_decisions,
  vehicle_access_invites, vehicle_access_invite_vehicles, vehicle_access_requests,
  vehicle_access_grants, vehicle_search_log TO fleetcore_app;

-- A centre's verification documents (registration certificate, licence…) are documents of entity
-- type 'service_centre', uploaded through the documents API (after 1734790000000_tickets.sql).
ALTER TABLE documents DROP CONSTRAINT documents_entity_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_entity_type_check CHECK (entity_type IN
  ('vehicle', 'driver', 'maintenance', 'contract', 'expense', 'penalty', 'task', 'ticket', 'service_centre'));

-- Down Migration
DELETE FROM documents WHERE entity_type = 'service_centre';
ALTER TABLE documents DROP CONSTRAINT documents_entity_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_entity_type_check CHECK (entity_type IN
  ('vehicle', 'driver', 'maintenance', 'contract', 'expense', 'penalty', 'task', 'ticket'));
DROP TABLE vehicle_search_log, vehicle_access_grants, vehicle_access_requests,
  vehicle_access_invite_vehicles, vehicle_access_invites, centre_moderation_decisions, service_centres;
DELETE FROM organisations WHERE kind = 'service_centre';
DELETE FROM users WHERE role = 'moderator';
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('owner', 'admin', 'manager', 'dispatcher', 'driver', 'viewer', 'analyst'));
ALTER TABLE organisations DROP COLUMN kind;
DROP INDEX vehicles_plate_normalized_idx;
ALTER TABLE vehicles DROP COLUMN plate_normalized, DROP COLUMN plate_country;
