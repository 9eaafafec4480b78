-- Up Migration

-- A vehicle's cover photo (documents, issue 8): one of its photos, shown on the vehicles' card view.
ALTER TABLE documents ADD COLUMN cover boolean NOT NULL DEFAULT false;
ALTER TABLE documents ADD CONSTRAINT documents_cover_is_vehicle_photo
  CHECK (NOT cover OR (entity_type = 'vehicle' AND kind = 'photo' AND thumbnail_key IS NOT NULL));
-- At most one cover per vehicle.
CREATE UNIQUE INDEX documents_one_cover_idx ON documents (org_id, entity_id) WHERE cover;
-- The org-wide list searches file names and sorts by upload time.
CREATE INDEX documents_uploaded_idx ON documents (org_id, uploaded_at DESC);

-- Down Migration
DROP INDEX documents_uploaded_idx;
DROP INDEX documents_one_cover_idx;
ALTER TABLE documents DROP CONSTRAINT documents_cover_is_vehicle_photo;
ALTER TABLE documents DROP COLUMN cover;
