-- Up Migration

-- The roles of the permission table (contract/src/roles.ts): the installation's super admin is
-- now called "owner", and a read-only "viewer" joins.
ALTER TABLE users DROP CONSTRAINT users_role_check;
UPDATE users SET role = 'owner' WHERE role = 'superadmin';
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('owner', 'admin', 'manager', 'dispatcher', 'driver', 'viewer', 'analyst'));

-- Down Migration
ALTER TABLE users DROP CONSTRAINT users_role_check;
UPDATE users SET role = 'superadmin' WHERE role = 'owner';
UPDATE users SET role = 'analyst' WHERE role = 'viewer';
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('superadmin', 'admin', 'manager', 'dispatcher', 'driver', 'analyst'));
