-- Up Migration

-- Drivers become records of their own (issue 8). Until now a driver was a user with the driver
-- role, and driver_assignments.driver_id / alerts.driver_id referenced users. Every such user (and
-- every user an assignment or an alert names, whatever their role now) gets a driver record WITH
-- THE SAME id, so the ClickHouse rows keyed by driver id (daily_mileage_driver) and the alerts stay
-- valid; the users that still have the driver role keep it as their login (drivers.user_id).
INSERT INTO drivers (id, org_id, user_id, full_name, phone, email, status)
SELECT u.id, u.org_id,
       CASE WHEN u.role = 'driver' THEN u.id END,
       left(u.name, 200),
       CASE WHEN u.phone ~ '^\+[0-9 ()-]{6,24}$' THEN u.phone END,
       CASE WHEN u.email = lower(u.email) AND u.email LIKE '%_@_%' THEN u.email END,
       CASE WHEN u.disabled THEN 'terminated' ELSE 'active' END
FROM users u
WHERE u.role = 'driver'
   OR u.id IN (SELECT driver_id FROM driver_assignments)
   OR u.id IN (SELECT driver_id FROM alerts WHERE driver_id IS NOT NULL)
ON CONFLICT (id) DO NOTHING;

-- References move from users to drivers. A driver with assignments cannot be deleted (the API
-- answers 409 and offers "terminate" instead); an alert keeps its vehicle when its driver goes.
ALTER TABLE driver_assignments DROP CONSTRAINT driver_assignments_driver_id_fkey;
ALTER TABLE driver_assignments ADD CONSTRAINT driver_assignments_driver_id_fkey
  FOREIGN KEY (driver_id) REFERENCES drivers(id) ON DELETE RESTRICT;
CREATE INDEX driver_assignments_driver_idx ON driver_assignments (driver_id, starts_at);

ALTER TABLE alerts DROP CONSTRAINT alerts_driver_id_fkey;
ALTER TABLE alerts ADD CONSTRAINT alerts_driver_id_fkey
  FOREIGN KEY (driver_id) REFERENCES drivers(id) ON DELETE SET NULL;

-- Fuel cards bound to a driver (seed 003 step 3.2); a card may also stay bound to a vehicle.
ALTER TABLE fuel_cards ADD COLUMN driver_id uuid REFERENCES drivers(id) ON DELETE SET NULL;
CREATE INDEX fuel_cards_driver_idx ON fuel_cards (driver_id) WHERE driver_id IS NOT NULL;

-- Vehicles belong to a team like drivers do (seed 004).
ALTER TABLE vehicles ADD COLUMN team_id uuid REFERENCES teams(id) ON DELETE SET NULL;
CREATE INDEX vehicles_team_idx ON vehicles (team_id) WHERE team_id IS NOT NULL;

-- The "licence expiring within N days" filter and the expiry reminders.
CREATE INDEX drivers_licence_expiry_idx ON drivers (org_id, licence_expires_on)
  WHERE licence_expires_on IS NOT NULL;

-- Down Migration
DROP INDEX drivers_licence_expiry_idx;
ALTER TABLE vehicles DROP COLUMN team_id;
ALTER TABLE fuel_cards DROP COLUMN driver_id;
ALTER TABLE alerts DROP CONSTRAINT alerts_driver_id_fkey;
ALTER TABLE alerts ADD CONSTRAINT alerts_driver_id_fkey
  FOREIGN KEY (driver_id) REFERENCES users(id) ON DELETE SET NULL;
DROP INDEX driver_assignments_driver_idx;
ALTER TABLE driver_assignments DROP CONSTRAINT driver_assignments_driver_id_fkey;
ALTER TABLE driver_assignments ADD CONSTRAINT driver_assignments_driver_id_fkey
  FOREIGN KEY (driver_id) REFERENCES users(id) ON DELETE CASCADE;
