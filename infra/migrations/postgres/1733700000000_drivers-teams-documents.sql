-- Up Migration

-- The records other records point at (fleet records, issue 8): teams, drivers and documents.
-- Their APIs grow on top; every later records table references these.

-- A team groups vehicles and drivers (and the people who work with them).
CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text CHECK (description IS NULL OR length(description) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);

-- A driver is a person who drives the fleet's vehicles; a login (a user with the driver role) is
-- optional. Drivers that existed as users keep their id, so references to them stay valid.
CREATE TABLE drivers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid UNIQUE REFERENCES users(id) ON DELETE SET NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  employee_id text CHECK (employee_id IS NULL OR length(employee_id) BETWEEN 1 AND 64),
  phone text CHECK (phone IS NULL OR phone ~ '^\+[0-9 ()-]{6,24}$'),
  email text CHECK (email IS NULL OR (email = lower(email) AND email LIKE '%_@_%')),
  licence_number text CHECK (licence_number IS NULL OR length(licence_number) BETWEEN 1 AND 64),
  licence_categories text[] NOT NULL DEFAULT '{}',
  licence_expires_on date,
  medical_expires_on date,
  hired_on date,
  department text CHECK (department IS NULL OR length(department) <= 200),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on_leave', 'terminated')),
  team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  notes text CHECK (notes IS NULL OR length(notes) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, employee_id)
);
CREATE INDEX drivers_org_name_idx ON drivers (org_id, full_name);
CREATE INDEX drivers_team_idx ON drivers (team_id) WHERE team_id IS NOT NULL;

-- A file attached to a record. The bytes live in the storage (a local folder or S3) under
-- storage_key; a thumbnail of an image under thumbnail_key. entity_type/entity_id name the
-- record it belongs to (checked by the API inside the caller's organisation).
CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  entity_type text NOT NULL CHECK (entity_type IN
    ('vehicle', 'driver', 'maintenance', 'contract', 'expense', 'penalty')),
  entity_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN
    ('photo', 'scan', 'invoice', 'receipt', 'act', 'contract', 'licence', 'medical', 'insurance',
     'registration', 'other')),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  mime_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 bytea NOT NULL,
  storage_key text NOT NULL UNIQUE,
  thumbnail_key text,
  expires_on date,
  uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_entity_idx ON documents (org_id, entity_type, entity_id);
CREATE INDEX documents_expiry_idx ON documents (org_id, expires_on) WHERE expires_on IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams', 'drivers', 'documents'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON teams, drivers, documents TO fleetcore_app;

-- Down Migration
DROP TABLE documents, drivers, teams;
