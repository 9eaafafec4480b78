-- Up Migration
-- The organisation's logo (drawn at the top of every PDF): the key of its PNG in the documents
-- store, and when it was last changed (the dashboard's cache key). No new table: one logo per
-- organisation, on the row row-level security already confines.
ALTER TABLE organisations
  ADD COLUMN logo_key text CHECK (logo_key IS NULL OR length(logo_key) BETWEEN 1 AND 300),
  ADD COLUMN logo_updated_at timestamptz;

-- Down Migration
ALTER TABLE organisations DROP COLUMN logo_updated_at, DROP COLUMN logo_key;
