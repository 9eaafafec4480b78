-- Retention (issue 11, docs/analytics.md "Retention"). Until now positions, trips, daily distances
-- and fuel events were kept forever (only dead_letters had a TTL: 30 days). Defaults: raw positions
-- 13 months, the engine's derived rows 10 years. An organisation's own retention (settings
-- positionsRetentionMonths, aggregatesRetentionYears) replaces these with one TTL rule per distinct
-- value (api/src/analytics/retention.ts). Expired rows go at the next merge; the TTL is not
-- rewritten into existing parts now (materialize_ttl_after_modify = 0).
ALTER TABLE positions MODIFY TTL toDateTime(time) + toIntervalMonth(13) SETTINGS materialize_ttl_after_modify = 0;
ALTER TABLE trips MODIFY TTL toDateTime(start_time) + toIntervalYear(10) SETTINGS materialize_ttl_after_modify = 0;
ALTER TABLE daily_mileage MODIFY TTL day + toIntervalYear(10) SETTINGS materialize_ttl_after_modify = 0;
ALTER TABLE daily_mileage_driver MODIFY TTL day + toIntervalYear(10) SETTINGS materialize_ttl_after_modify = 0;
ALTER TABLE fuel_events MODIFY TTL toDateTime(time) + toIntervalYear(10) SETTINGS materialize_ttl_after_modify = 0
