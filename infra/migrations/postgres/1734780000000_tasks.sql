-- Up Migration

-- Tasks and workflows (issue 15, seed 004). A template is a state machine an admin defines: its
-- states ([{key, label, initial?, final?}]), the allowed transitions ([{from, to, requires}]) and the
-- telemetry triggers ([{on: 'geofence_enter' | 'geofence_exit', to}]). The API validates the machine
-- before it is stored (api/src/tasks/validateMachine.ts); the columns keep it as written.
CREATE TABLE task_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  default_priority text NOT NULL DEFAULT 'normal' CHECK (default_priority IN ('low', 'normal', 'high', 'urgent')),
  -- minutes from creation to the due time when a task from the template names none
  default_duration_minutes integer CHECK (default_duration_minutes BETWEEN 1 AND 525600),
  default_team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  states jsonb NOT NULL,
  transitions jsonb NOT NULL,
  triggers jsonb NOT NULL DEFAULT '[]',
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_templates_org_idx ON task_templates (org_id, name);

-- A task: from a template (its machine) or ad hoc (template_id null: open -> in_progress -> done /
-- cancelled). status is a state key of the machine; closed_at is set when it reaches a final state.
CREATE TABLE tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  template_id uuid REFERENCES task_templates(id) ON DELETE RESTRICT,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL CHECK (length(status) BETWEEN 1 AND 40),
  due_at timestamptz,
  assignee_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE SET NULL,
  driver_id uuid REFERENCES drivers(id) ON DELETE SET NULL,
  geofence_id uuid REFERENCES geofences(id) ON DELETE SET NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  -- the due-soon notice was raised (once per due time)
  due_notified_for timestamptz
);
CREATE INDEX tasks_org_status_idx ON tasks (org_id, closed_at, due_at);
CREATE INDEX tasks_vehicle_open_idx ON tasks (vehicle_id) WHERE closed_at IS NULL;
CREATE INDEX tasks_assignee_idx ON tasks (assignee_user_id) WHERE assignee_user_id IS NOT NULL;

-- A task's history: status changes, comments, attachments and assignments. actor_user_id is the
-- person; null with a cause ({alertId, alertType, geofenceId}) is the system acting on telemetry.
CREATE TABLE task_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  kind text NOT NULL CHECK (kind IN ('created', 'status_change', 'comment', 'attachment', 'assignment')),
  actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  cause jsonb,
  from_status text,
  to_status text,
  comment text CHECK (comment IS NULL OR length(comment) <= 4000),
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX task_events_task_idx ON task_events (task_id, at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['task_templates', 'tasks', 'task_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON task_templates, tasks, task_events TO fleetcore_app;

-- Evidence of a task (photos, documents, a signature) lives in the documents store.
ALTER TABLE documents DROP CONSTRAINT documents_entity_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_entity_type_check CHECK (entity_type IN
  ('vehicle', 'driver', 'maintenance', 'contract', 'expense', 'penalty', 'task'));

-- Telemetry enrichment: a geofence alert newly opened for a vehicle (by the engine) moves the open
-- tasks linked to that vehicle and fence whose template has a trigger for the alert's type to the
-- trigger's state, with a history event by the system naming the alert. It runs in the transaction
-- that wrote the alert, so a task never misses the alert nor moves twice for it: a re-derived alert
-- (restart, replay) finds its old row and inserts nothing.
CREATE FUNCTION advance_tasks_on_alert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT k.id, k.status AS from_status, trg->>'to' AS to_status,
      EXISTS (SELECT 1 FROM jsonb_array_elements(m.states) s
              WHERE s->>'key' = trg->>'to' AND (s->>'final')::boolean IS TRUE) AS final
    FROM tasks k
    JOIN task_templates m ON m.id = k.template_id
    CROSS JOIN LATERAL jsonb_array_elements(m.triggers) trg
    WHERE k.org_id = NEW.org_id AND k.vehicle_id = NEW.vehicle_id AND k.closed_at IS NULL
      AND k.geofence_id::text = NEW.key AND trg->>'on' = NEW.type AND k.status <> trg->>'to'
    ORDER BY k.created_at
    FOR UPDATE OF k
  LOOP
    UPDATE tasks SET status = t.to_status, updated_at = now(),
      closed_at = CASE WHEN t.final THEN now() ELSE NULL END
    WHERE id = t.id;
    INSERT INTO task_events (org_id, task_id, kind, cause, from_status, to_status)
    VALUES (NEW.org_id, t.id, 'status_change',
      jsonb_build_object('alertId', NEW.id, 'alertType', NEW.type, 'geofenceId', NEW.key,
                         'openedAt', NEW.opened_at),
      t.from_status, t.to_status);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER alerts_advance_tasks AFTER INSERT ON alerts FOR EACH ROW
  WHEN (NEW.type IN ('geofence_enter', 'geofence_exit') AND NEW.vehicle_id IS NOT NULL)
  EXECUTE FUNCTION advance_tasks_on_alert();

-- Down Migration
DROP TRIGGER alerts_advance_tasks ON alerts;
DROP FUNCTION advance_tasks_on_alert();
DELETE FROM documents WHERE entity_type = 'task';
ALTER TABLE documents DROP CONSTRAINT documents_entity_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_entity_type_check CHECK (entity_type IN
  ('vehicle', 'driver', 'maintenance', 'contract', 'expense', 'penalty'));
DROP TABLE task_events, tasks, task_templates;
