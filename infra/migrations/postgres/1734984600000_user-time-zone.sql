-- Up Migration
-- A user's own time zone (IANA, validated by the API): the dashboard shows times in it, and quiet
-- hours are read in it; null: the organisation's `settings.timezone`. It was a notification
-- preference before (the zone of the quiet hours): the same concept, so it moves here and is kept once.
ALTER TABLE users ADD COLUMN time_zone text CHECK (time_zone IS NULL OR length(time_zone) BETWEEN 1 AND 64);
UPDATE users u SET time_zone = p.time_zone
  FROM notification_preferences p
  WHERE p.user_id = u.id AND p.time_zone IS NOT NULL;
ALTER TABLE notification_preferences DROP COLUMN time_zone;

-- Down Migration
ALTER TABLE notification_preferences ADD COLUMN time_zone text;
UPDATE notification_preferences p SET time_zone = u.time_zone FROM users u WHERE u.id = p.user_id;
ALTER TABLE users DROP COLUMN time_zone;
