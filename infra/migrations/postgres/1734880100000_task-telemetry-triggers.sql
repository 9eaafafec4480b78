-- Up Migration

-- More telemetry for task templates (issue 15): "ignition off inside the task's geofence for N
-- minutes" and "a DTC appears on the vehicle: open a task from the template".

-- When the ignition scan (api/src/tasks/ignitionTriggers.ts) first saw the task's vehicle parked
-- with the ignition off inside the task's fence; cleared when it moves or the ignition comes on.
ALTER TABLE tasks ADD COLUMN ignition_off_since timestamptz;

-- A DTC alert newly opened for a vehicle (by the engine) opens, for every live template of the
-- organisation with a `dtc` trigger, a task for that vehicle in the trigger's state, named after the
-- template and the code, with the template's priority, duration and team and the vehicle's driver
-- now; its first history event names the alert. A vehicle with an open task of that template gets
-- none more (one repair at a time). In the alert's transaction, so a re-derived alert (restart,
-- replay) finds its old row, inserts nothing and opens nothing twice.
CREATE FUNCTION open_tasks_on_dtc() RETURNS trigger
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
CREATE TRIGGER alerts_open_tasks AFTER INSERT ON alerts FOR EACH ROW
  WHEN (NEW.type = 'dtc' AND NEW.vehicle_id IS NOT NULL)
  EXECUTE FUNCTION open_tasks_on_dtc();

-- Down Migration
DROP TRIGGER alerts_open_tasks ON alerts;
DROP FUNCTION open_tasks_on_dtc();
ALTER TABLE tasks DROP COLUMN ignition_off_since;
