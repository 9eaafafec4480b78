-- Up Migration

-- Concox/Jimi GT06 trackers (issue 14) are known by their IMEI, like Teltonika ones: the protocol is
-- allowed on devices and among the unknown devices seen.
ALTER TABLE devices DROP CONSTRAINT devices_protocol_check,
  ADD CONSTRAINT devices_protocol_check CHECK (protocol IN ('fleetcore', 'teltonika', 'osmand', 'gt06'));
ALTER TABLE unknown_devices DROP CONSTRAINT unknown_devices_protocol_check,
  ADD CONSTRAINT unknown_devices_protocol_check CHECK (protocol IN ('teltonika', 'osmand', 'gt06'));

-- Down Migration

DELETE FROM unknown_devices WHERE protocol = 'gt06';
DELETE FROM devices WHERE protocol = 'gt06';
ALTER TABLE unknown_devices DROP CONSTRAINT unknown_devices_protocol_check,
  ADD CONSTRAINT unknown_devices_protocol_check CHECK (protocol IN ('teltonika', 'osmand'));
ALTER TABLE devices DROP CONSTRAINT devices_protocol_check,
  ADD CONSTRAINT devices_protocol_check CHECK (protocol IN ('fleetcore', 'teltonika', 'osmand'));
