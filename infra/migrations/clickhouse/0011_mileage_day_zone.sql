-- Daily distance is kept per day of the organisation's time zone (settings.timezone, docs/rules.md
-- "Days"); until now the engine kept UTC days. Each row says which zone its `day` is in: rows
-- written before this column existed are UTC days (the default), rows after it the zone the
-- engine summed them in. A replay of a range (`vehicles replay`) rewrites its days in the
-- organisation's current zone.
ALTER TABLE daily_mileage
    ADD COLUMN IF NOT EXISTS time_zone LowCardinality(String) DEFAULT 'UTC' COMMENT 'IANA time zone of `day` (UTC: written before local days)';
ALTER TABLE daily_mileage_driver
    ADD COLUMN IF NOT EXISTS time_zone LowCardinality(String) DEFAULT 'UTC' COMMENT 'IANA time zone of `day` (UTC: written before local days)'
