-- Up Migration

-- Real trackers (issue 14): a device speaks a protocol. `fleetcore` devices (MQTT and HTTP with our
-- payloads) prove themselves with a secret; Teltonika and OsmAnd devices have no secret and are
-- known by the identifier they send (the IMEI, the OsmAnd app's id). An identifier is one physical
-- device, so it is unique in the installation for its protocol.
ALTER TABLE devices
  ADD COLUMN protocol text NOT NULL DEFAULT 'fleetcore'
    CHECK (protocol IN ('fleetcore', 'teltonika', 'osmand')),
  ADD COLUMN identifier text CHECK (identifier ~ '^[A-Za-z0-9._:-]{1,64}$'),
  ALTER COLUMN secret_hash DROP NOT NULL,
  ADD CONSTRAINT devices_identity_check CHECK (
    (protocol = 'fleetcore' AND identifier IS NULL AND secret_hash IS NOT NULL)
    OR (protocol <> 'fleetcore' AND identifier IS NOT NULL AND secret_hash IS NULL)
  );
CREATE UNIQUE INDEX devices_identifier_key ON devices (protocol, identifier) WHERE identifier IS NOT NULL;

-- Identifiers that connected without being provisioned. Which organisation such a device belongs to
-- cannot be told, so the table is installation-wide (no org_id, no RLS, no grant to fleetcore_app):
-- only the installation owner reads it and claims a device from it, through the system pool.
CREATE TABLE unknown_devices (
  protocol text NOT NULL CHECK (protocol IN ('teltonika', 'osmand')),
  identifier text NOT NULL CHECK (length(identifier) BETWEEN 1 AND 64),
  remote_address text NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  seen_count bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (protocol, identifier)
);
CREATE INDEX unknown_devices_last_seen_idx ON unknown_devices (last_seen_at DESC);
REVOKE ALL ON unknown_devices FROM fleetcore_app;

-- Down Migration

DROP TABLE unknown_devices;
DROP INDEX devices_identifier_key;
DELETE FROM devices WHERE protocol <> 'fleetcore';
ALTER TABLE devices
  DROP CONSTRAINT devices_identity_check,
  ALTER COLUMN secret_hash SET NOT NULL,
  DROP COLUMN identifier,
  DROP COLUMN protocol;
