-- Up Migration
-- A geofence alert is one open alert per vehicle and fence: a vehicle entering the fence again while
-- its earlier entry's alert is still open (an info alert nobody resolved) bumps that alert's
-- occurrences instead of inserting a row, so `alerts_advance_tasks` (AFTER INSERT) never heard of the
-- second visit and the tasks made since did not move. A new occurrence is an occurrences increase
-- (AlertSink counts one only for a crossing later than the alert's last one; a re-derived crossing
-- changes nothing): the same function runs for it.
CREATE TRIGGER alerts_advance_tasks_on_repeat AFTER UPDATE OF occurrences ON alerts FOR EACH ROW
  WHEN (NEW.occurrences > OLD.occurrences AND NEW.type IN ('geofence_enter', 'geofence_exit')
        AND NEW.vehicle_id IS NOT NULL)
  EXECUTE FUNCTION advance_tasks_on_alert();

-- Down Migration
DROP TRIGGER alerts_advance_tasks_on_repeat ON alerts;
