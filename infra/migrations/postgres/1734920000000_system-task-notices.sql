-- Up Migration

-- A task the system opens (a DTC's repair, issue 15) is told to its people as one a manager creates
-- is: its assignee and team, else the organisation's usual recipients. Tasks made through the API are
-- told when they are made (the column's default marks them); the DTC trigger leaves the mark empty and
-- wakes the notifications worker, which tells and marks each under the row's lock.
ALTER TABLE tasks ADD COLUMN opening_notified_at timestamptz DEFAULT now();
CREATE INDEX tasks_opening_untold_idx ON tasks (created_at) WHERE opening_notified_at IS NULL;

CREATE OR REPLACE FUNCTION open_tasks_on_dtc() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE m record; task_id uuid;
BEGIN
  FOR m IN
    SELECT t.id, t.name, t.default_priority, t.default_duration_minutes, t.default_team_id,
      trg->>'to' AS to_status
    FROM task_templates t CROSS JOIN LATERAL jsonb_array_elements(t.triggers) trg
    WHERE t.org_id = NEW.org_id AND t.archived_at IS NULL AND trg->>'on' = 'dtc'
      AND NOT EXISTS (SELECT 1 FROM tasks k WHERE k.template_id = t.id AND k.vehicle_id = NEW.vehicle_id
                      AND k.closed_at IS NULL)
    ORDER BY t.created_at
  LOOP
    INSERT INTO tasks (org_id, template_id, title, priority, status, due_at, team_id, vehicle_id, driver_id,
      opening_notified_at)
    VALUES (NEW.org_id, m.id, left(m.name || ': ' || NEW.key, 200), m.default_priority, m.to_status,
      now() + make_interval(mins => m.default_duration_minutes), m.default_team_id, NEW.vehicle_id,
      (SELECT a.driver_id FROM driver_assignments a WHERE a.org_id = NEW.org_id
         AND a.vehicle_id = NEW.vehicle_id AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
       ORDER BY a.starts_at DESC LIMIT 1), NULL)
    RETURNING id INTO task_id;
    INSERT INTO task_events (org_id, task_id, kind, cause, to_status)
    VALUES (NEW.org_id, task_id, 'created',
      jsonb_build_object('alertId', NEW.id, 'alertType', NEW.type, 'geofenceId', NULL, 'code', NEW.key,
                         'openedAt', NEW.opened_at),
      m.to_status);
    -- Wakes the notifications worker, which tells the task's people (api/src/tasks/taskDeadlines.ts).
    PERFORM pg_notify('fleet_task_deadlines', NEW.org_id::text);
  END LOOP;
  RETURN NULL;
END $$;

-- Down Migration
CREATE OR REPLACE FUNCTION open_tasks_on_dtc() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE m record; task_id uuid;
BEGIN
  FOR m IN
    SELECT t.id, t.name, t.default_priority, t.default_duration_minutes, t.default_team_id,
      trg->>'to' AS to_status
    FROM task_templates t CROSS JOIN LATERAL jsonb_array_elements(t.triggers) trg
    WHERE t.org_id = NEW.org_id AND t.archived_at IS NULL AND trg->>'on' = 'dtc'
      AND NOT EXISTS (SELECT 1 FROM tasks k WHERE k.template_id = t.id AND k.vehicle_id = NEW.vehicle_id
                      AND k.closed_at IS NULL)
    ORDER BY t.created_at
  LOOP
    INSERT INTO tasks (org_id, template_id, title, priority, status, due_at, team_id, vehicle_id, driver_id)
    VALUES (NEW.org_id, m.id, left(m.name || ': ' || NEW.key, 200), m.default_priority, m.to_status,
      now() + make_interval(mins => m.default_duration_minutes), m.default_team_id, NEW.vehicle_id,
      (SELECT a.driver_id FROM driver_assignments a WHERE a.org_id = NEW.org_id
         AND a.vehicle_id = NEW.vehicle_id AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
       ORDER BY a.starts_at DESC LIMIT 1))
    RETURNING id INTO task_id;
    INSERT INTO task_events (org_id, task_id, kind, cause, to_status)
    VALUES (NEW.org_id, task_id, 'created',
      jsonb_build_object('alertId', NEW.id, 'alertType', NEW.type, 'geofenceId', NULL, 'code', NEW.key,
                         'openedAt', NEW.opened_at),
      m.to_status);
  END LOOP;
  RETURN NULL;
END $$;
DROP INDEX tasks_opening_untold_idx;
ALTER TABLE tasks DROP COLUMN opening_notified_at;
