-- Up Migration

-- The application stops working as the owner the migrations run as (issue 12). It logs in as one of
-- two roles (platform/src/internal/loginRoles.ts sets their LOGIN and password at start):
--   fleetcore_app     every request of an organisation; row-level security applies, and as a
--                     member of no other role it cannot SET ROLE out of it;
--   fleetcore_system  the engine, ingest and cross-organisation look-ups; BYPASSRLS, but no
--                     superuser: it reads and writes data, never the schema.
-- Creating a BYPASSRLS role needs a superuser (the embedded PostgreSQL's owner is one; on a managed
-- server, create fleetcore_system once by hand with BYPASSRLS before the first start).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleetcore_system') THEN
    CREATE ROLE fleetcore_system NOLOGIN BYPASSRLS;
  END IF;
END
$$;
-- Whatever a migration grants the application role (tables, functions) the system role has too.
GRANT fleetcore_app TO fleetcore_system;
GRANT USAGE ON SCHEMA public TO fleetcore_system, fleetcore_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO fleetcore_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fleetcore_system;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO fleetcore_system;
-- Tables and sequences later migrations make are the system role's to use as well.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO fleetcore_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO fleetcore_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO fleetcore_system;
-- The system role keeps statistics fresh after bulk writes (the demo seed's ANALYZE): VACUUM and
-- ANALYZE need the table's owner, or pg_maintain (PostgreSQL 17+; older servers leave it to autovacuum).
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'GRANT pg_maintain TO fleetcore_system';
  END IF;
END
$$;
-- Neither may touch the record of applied migrations, nor create objects of its own.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON pgmigrations FROM fleetcore_app, fleetcore_system;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Down Migration
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'REVOKE pg_maintain FROM fleetcore_system';
  END IF;
END
$$;
GRANT CREATE ON SCHEMA public TO PUBLIC;
GRANT INSERT, UPDATE, DELETE ON pgmigrations TO fleetcore_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM fleetcore_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT, UPDATE ON SEQUENCES FROM fleetcore_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM fleetcore_system;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM fleetcore_system;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM fleetcore_system;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM fleetcore_system;
REVOKE USAGE ON SCHEMA public FROM fleetcore_system;
REVOKE fleetcore_app FROM fleetcore_system;
ALTER ROLE fleetcore_app NOLOGIN;
DROP ROLE fleetcore_system;
