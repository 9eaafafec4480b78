-- Up Migration

-- Driver tickets (issue 15, seed 001): a problem a driver raises from the portal (a breakdown, an
-- accident, damage, a fuel card or document problem), which managers work through a queue.
CREATE TABLE tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  -- Counted per organisation ("#12"), given under an advisory lock by the API.
  number integer NOT NULL CHECK (number > 0),
  type text NOT NULL CHECK (type IN ('breakdown', 'accident', 'damage', 'fuel_card', 'document', 'other')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text CHECK (description IS NULL OR length(description) <= 4000),
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  -- The driver record of the raiser (or, raised by the office, the vehicle's driver then).
  driver_id uuid REFERENCES drivers(id) ON DELETE SET NULL,
  raised_by uuid REFERENCES users(id) ON DELETE SET NULL,
  lat double precision CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
  located_at timestamptz,
  -- 'given' by the raiser, or the 'vehicle''s last reported position.
  location_source text CHECK (location_source IS NULL OR location_source IN ('given', 'vehicle')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'rejected')),
  assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  sla_due_at timestamptz NOT NULL,
  maintenance_task_id uuid REFERENCES maintenance_tasks(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  CHECK ((lat IS NULL) = (lon IS NULL)),
  UNIQUE (org_id, number)
);
CREATE INDEX tickets_queue_idx ON tickets (org_id, status, sla_due_at);
CREATE INDEX tickets_vehicle_idx ON tickets (vehicle_id);
CREATE INDEX tickets_driver_idx ON tickets (driver_id) WHERE driver_id IS NOT NULL;

-- A ticket's history: raised, status changes, comments, assignments, photos, the repair made of it.
CREATE TABLE ticket_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('created', 'status', 'comment', 'assignment', 'photo', 'repair')),
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  from_status text,
  to_status text,
  comment text CHECK (comment IS NULL OR length(comment) <= 4000),
  assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  -- No foreign key: the history keeps saying a photo was added after the file is deleted.
  document_id uuid,
  maintenance_task_id uuid REFERENCES maintenance_tasks(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tickets', 'ticket_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON tickets, ticket_events TO fleetcore_app;

-- Photos of a ticket are documents (entity_type 'ticket'), uploaded through the documents API
-- (after 1734780000000_tasks.sql, which added 'task').
ALTER TABLE documents DROP CONSTRAINT documents_entity_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_entity_type_check CHECK (entity_type IN
  ('vehicle', 'driver', 'maintenance', 'contract', 'expense', 'penalty', 'task', 'ticket'));

-- Each photo stored on a ticket is a 'photo' event of its history, whoever uploaded it and however.
CREATE FUNCTION ticket_photo_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_events (org_id, ticket_id, kind, actor_id, document_id, created_at)
  VALUES (NEW.org_id, NEW.entity_id, 'photo', NEW.uploaded_by, NEW.id, NEW.uploaded_at);
  UPDATE tickets SET updated_at = now() WHERE id = NEW.entity_id;
  RETURN NEW;
END $$;
CREATE TRIGGER documents_ticket_photo AFTER INSERT ON documents
  FOR EACH ROW WHEN (NEW.entity_type = 'ticket') EXECUTE FUNCTION ticket_photo_event();

-- Down Migration
DROP TRIGGER documents_ticket_photo ON documents;
DROP FUNCTION ticket_photo_event();
DELETE FROM documents WHERE entity_type = 'ticket';
ALTER TABLE documents DROP CONSTRAINT documents_entity_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_entity_type_check CHECK (entity_type IN
  ('vehicle', 'driver', 'maintenance', 'contract', 'expense', 'penalty', 'task'));
DROP TABLE ticket_events, tickets;
