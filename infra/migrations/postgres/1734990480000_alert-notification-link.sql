-- Up Migration
-- A notification about an alert opens that alert (its page, /alerts/:id, with its facts, history and
-- actions), not the list of its vehicle's alerts where the reader had to find it again.
CREATE OR REPLACE FUNCTION notify_alert_opened() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO notification_events (org_id, dedupe_key, type, severity, title, vehicle_id, alert_id, link)
  VALUES (NEW.org_id, 'alert:' || NEW.id, NEW.type, NEW.severity, NEW.type, NEW.vehicle_id, NEW.id,
    '/alerts/' || NEW.id)
  ON CONFLICT (org_id, dedupe_key) DO NOTHING;
  PERFORM pg_notify('fleet_notification_events', NEW.org_id::text);
  RETURN NULL;
END $$;
UPDATE notification_events SET link = '/alerts/' || alert_id
  WHERE alert_id IS NOT NULL AND dedupe_key = 'alert:' || alert_id;

-- Down Migration
UPDATE notification_events SET link =
    CASE WHEN vehicle_id IS NULL THEN '/alerts' ELSE '/alerts?vehicleId=' || vehicle_id END
  WHERE alert_id IS NOT NULL AND dedupe_key = 'alert:' || alert_id;
CREATE OR REPLACE FUNCTION notify_alert_opened() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO notification_events (org_id, dedupe_key, type, severity, title, vehicle_id, alert_id, link)
  VALUES (NEW.org_id, 'alert:' || NEW.id, NEW.type, NEW.severity, NEW.type, NEW.vehicle_id, NEW.id,
    CASE WHEN NEW.vehicle_id IS NULL THEN '/alerts' ELSE '/alerts?vehicleId=' || NEW.vehicle_id END)
  ON CONFLICT (org_id, dedupe_key) DO NOTHING;
  PERFORM pg_notify('fleet_notification_events', NEW.org_id::text);
  RETURN NULL;
END $$;
