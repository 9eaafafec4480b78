-- Up Migration
-- The device's model (e.g. FMC130): a Teltonika device's IO elements are read with its model's map
-- (ingest/src/teltonika/ioMaps.ts, docs/devices.md). Free text up to 32 characters; null = generic map.
ALTER TABLE devices ADD COLUMN model text CHECK (model IS NULL OR length(model) BETWEEN 1 AND 32);

-- Down Migration
ALTER TABLE devices DROP COLUMN model;
