-- Up Migration

-- Photos a service centre takes on a visit (issue 16: "work items … photos"): evidence both sides
-- read (the vehicle's organisation and the centre), so not `documents`, whose rows are one
-- organisation's. Never deleted, like the visit and its items.
CREATE TABLE service_visit_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id uuid NOT NULL REFERENCES service_visits(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  centre_org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  mime_type text NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 bytea NOT NULL,
  storage_key text NOT NULL UNIQUE,
  thumbnail_key text,
  uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX service_visit_photos_visit_idx ON service_visit_photos (visit_id, uploaded_at);

ALTER TABLE service_visit_photos ENABLE ROW LEVEL SECURITY;
CREATE POLICY both_sides ON service_visit_photos
  USING (org_id = (SELECT app_org_id()) OR centre_org_id = (SELECT app_org_id()))
  WITH CHECK (org_id = (SELECT app_org_id()) OR centre_org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT ON service_visit_photos TO fleetcore_app;
