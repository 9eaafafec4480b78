-- Up Migration

-- fuel_entries had its primary key only, so every count (the refuels list's total, the fuel page's
-- and home's "waiting for a check" banner) read the whole table: 4 ms for 27,000 refuels of which
-- 324 were unchecked. Counts of an organisation's refuels, of its anomalies and of those unchecked
-- now read an index.
CREATE INDEX fuel_entries_org_idx ON fuel_entries (org_id);
CREATE INDEX fuel_entries_anomaly_idx ON fuel_entries (org_id) WHERE anomaly;
CREATE INDEX fuel_entries_unchecked_idx ON fuel_entries (org_id) WHERE anomaly_status = 'unchecked';

-- Down Migration
DROP INDEX fuel_entries_unchecked_idx;
DROP INDEX fuel_entries_anomaly_idx;
DROP INDEX fuel_entries_org_idx;
