-- Up Migration

-- The vehicle record of seed 000 §2 (issue 8): vehicle types become a universal catalogue plus each
-- organisation's own types; vehicles get every field of the registry, a status, rental terms; and
-- each vehicle keeps its ownership history.

-- Vehicle types: org_id NULL = the universal catalogue every organisation reads and only the
-- installation owner writes (through the system pool). An organisation writes only its own types.
ALTER TABLE vehicle_types ALTER COLUMN org_id DROP NOT NULL;
ALTER TABLE vehicle_types
  ADD COLUMN brand text CHECK (brand IS NULL OR length(brand) BETWEEN 1 AND 100),
  ADD COLUMN model text CHECK (model IS NULL OR length(model) BETWEEN 1 AND 100),
  ADD COLUMN fuel_type text CHECK (fuel_type IN ('gasoline', 'diesel', 'gas', 'electric', 'hybrid')),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- UNIQUE (org_id, name) does not compare NULLs: universal names get their own index.
CREATE UNIQUE INDEX vehicle_types_universal_name_key ON vehicle_types (name) WHERE org_id IS NULL;
DROP POLICY org_isolation ON vehicle_types;
CREATE POLICY universal_or_own_read ON vehicle_types FOR SELECT
  USING (org_id IS NULL OR org_id = app_org_id());
CREATE POLICY own_insert ON vehicle_types FOR INSERT WITH CHECK (org_id = app_org_id());
CREATE POLICY own_update ON vehicle_types FOR UPDATE
  USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY own_delete ON vehicle_types FOR DELETE USING (org_id = app_org_id());

-- Plates are stored normalised (upper case, single spaces) so uniqueness per organisation holds
-- whatever way they were typed.
UPDATE vehicles SET plate = upper(regexp_replace(btrim(plate), '\s+', ' ', 'g')) WHERE plate IS NOT NULL;
UPDATE vehicles SET vin = upper(btrim(vin)) WHERE vin IS NOT NULL;

ALTER TABLE vehicles
  ADD COLUMN brand text CHECK (brand IS NULL OR length(brand) BETWEEN 1 AND 100),
  ADD COLUMN model text CHECK (model IS NULL OR length(model) BETWEEN 1 AND 100),
  ADD COLUMN year smallint CHECK (year IS NULL OR year BETWEEN 1900 AND 2100),
  ADD COLUMN colour text CHECK (colour IS NULL OR length(colour) BETWEEN 1 AND 50),
  ADD COLUMN body_type text CHECK (body_type IN ('sedan', 'suv', 'truck', 'van', 'bus', 'minivan', 'pickup')),
  ADD COLUMN fuel_type text CHECK (fuel_type IN ('gasoline', 'diesel', 'gas', 'electric', 'hybrid')),
  ADD COLUMN engine_volume_l numeric(4, 1) CHECK (engine_volume_l > 0),
  ADD COLUMN transmission text CHECK (transmission IN ('manual', 'automatic', 'cvt', 'robot')),
  ADD COLUMN seats smallint CHECK (seats IS NULL OR seats BETWEEN 1 AND 200),
  ADD COLUMN purchased_on date,
  ADD COLUMN purchase_price numeric(14, 2) CHECK (purchase_price >= 0),
  ADD COLUMN purchase_currency char(3),
  ADD COLUMN status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'in_maintenance', 'reserved', 'rented', 'decommissioned')),
  ADD COLUMN status_changed_on date,
  ADD COLUMN department text CHECK (department IS NULL OR length(department) BETWEEN 1 AND 200),
  ADD COLUMN notes text CHECK (notes IS NULL OR length(notes) <= 4000),
  ADD COLUMN rental boolean NOT NULL DEFAULT false,
  ADD COLUMN rental_starts_on date,
  ADD COLUMN rental_ends_on date,
  ADD COLUMN rental_monthly_cost numeric(14, 2) CHECK (rental_monthly_cost >= 0),
  ADD COLUMN rental_currency char(3),
  ADD COLUMN lessor text CHECK (lessor IS NULL OR length(lessor) BETWEEN 1 AND 200),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT vehicles_purchase_currency CHECK (purchase_price IS NULL OR purchase_currency IS NOT NULL),
  ADD CONSTRAINT vehicles_rental_currency CHECK (rental_monthly_cost IS NULL OR rental_currency IS NOT NULL),
  ADD CONSTRAINT vehicles_rental_period CHECK (rental_ends_on IS NULL OR rental_starts_on IS NULL OR rental_ends_on >= rental_starts_on);

-- A VIN names one vehicle in the world: unique across the installation, not per organisation.
CREATE UNIQUE INDEX vehicles_vin_key ON vehicles (vin) WHERE vin IS NOT NULL;
CREATE INDEX vehicles_org_status_idx ON vehicles (org_id, status);
CREATE INDEX vehicles_org_rental_idx ON vehicles (org_id) WHERE rental;

-- Who owned a vehicle when: periods of one vehicle never overlap (an open end runs to today and on).
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE vehicle_ownerships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  owner_type text NOT NULL CHECK (owner_type IN ('company', 'leasing', 'individual', 'rental_company', 'other')),
  owner_name text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
  purchase_price numeric(14, 2) CHECK (purchase_price >= 0),
  sale_price numeric(14, 2) CHECK (sale_price >= 0),
  currency char(3),
  notes text CHECK (notes IS NULL OR length(notes) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((purchase_price IS NULL AND sale_price IS NULL) OR currency IS NOT NULL),
  CONSTRAINT vehicle_ownerships_no_overlap EXCLUDE USING gist (
    vehicle_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&
  )
);
CREATE INDEX vehicle_ownerships_vehicle_idx ON vehicle_ownerships (vehicle_id, starts_on);
ALTER TABLE vehicle_ownerships ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON vehicle_ownerships USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON vehicle_ownerships TO fleetcore_app;

-- Down Migration
DROP TABLE vehicle_ownerships;
DROP INDEX vehicles_org_rental_idx, vehicles_org_status_idx, vehicles_vin_key;
ALTER TABLE vehicles
  DROP CONSTRAINT vehicles_purchase_currency, DROP CONSTRAINT vehicles_rental_currency,
  DROP CONSTRAINT vehicles_rental_period,
  DROP COLUMN brand, DROP COLUMN model, DROP COLUMN year, DROP COLUMN colour, DROP COLUMN body_type,
  DROP COLUMN fuel_type, DROP COLUMN engine_volume_l, DROP COLUMN transmission, DROP COLUMN seats,
  DROP COLUMN purchased_on, DROP COLUMN purchase_price, DROP COLUMN purchase_currency, DROP COLUMN status,
  DROP COLUMN status_changed_on, DROP COLUMN department, DROP COLUMN notes, DROP COLUMN rental,
  DROP COLUMN rental_starts_on, DROP COLUMN rental_ends_on, DROP COLUMN rental_monthly_cost,
  DROP COLUMN rental_currency, DROP COLUMN lessor, DROP COLUMN updated_at;
DROP POLICY universal_or_own_read ON vehicle_types;
DROP POLICY own_insert ON vehicle_types;
DROP POLICY own_update ON vehicle_types;
DROP POLICY own_delete ON vehicle_types;
DELETE FROM vehicle_types WHERE org_id IS NULL;
DROP INDEX vehicle_types_universal_name_key;
ALTER TABLE vehicle_types DROP COLUMN brand, DROP COLUMN model, DROP COLUMN fuel_type, DROP COLUMN updated_at;
ALTER TABLE vehicle_types ALTER COLUMN org_id SET NOT NULL;
CREATE POLICY org_isolation ON vehicle_types USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
