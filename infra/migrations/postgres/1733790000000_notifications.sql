-- Up Migration

-- Notifications (issue 9): something worth telling people (an alert raised, later an expiry check)
-- becomes ONE notification event per organisation and dedupe key; a worker fans each event out to
-- the users who should see it (in-app rows) and to the channels they chose (an outbox of deliveries).

-- One event per (organisation, dedupe key): raising the same occurrence again (an engine restart, a
-- replay, a daily check run twice) finds the row it made before and notifies nobody twice.
CREATE TABLE notification_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
  type text NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
  -- a dashboard path ("/alerts?vehicleId=…"), never an absolute URL
  link text CHECK (link IS NULL OR link LIKE '/%'),
  -- the vehicle it is about: a driver is told only about their own vehicle's events
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE CASCADE,
  alert_id uuid REFERENCES alerts(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- set by the worker in the transaction that wrote the event's notifications and deliveries
  fanned_out_at timestamptz,
  UNIQUE (org_id, dedupe_key)
);
CREATE INDEX notification_events_pending_idx ON notification_events (created_at) WHERE fanned_out_at IS NULL;

-- A user's in-app notification, read or unread.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES notification_events(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_user_idx ON notifications (org_id, user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- The organisation's channels, configured by an admin. Secrets (SMTP password, bot token) are
-- sealed with AES-256-GCM by the API (`v1.<iv>.<tag>.<data>`, the organisation's id authenticated),
-- never stored or answered in the clear.
CREATE TABLE notification_settings (
  org_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
  email_enabled boolean NOT NULL DEFAULT false,
  smtp_host text CHECK (smtp_host IS NULL OR length(smtp_host) BETWEEN 1 AND 253),
  smtp_port integer CHECK (smtp_port IS NULL OR smtp_port BETWEEN 1 AND 65535),
  smtp_secure boolean NOT NULL DEFAULT false,
  smtp_user text CHECK (smtp_user IS NULL OR length(smtp_user) <= 320),
  smtp_password_sealed text,
  smtp_from text CHECK (smtp_from IS NULL OR length(smtp_from) <= 320),
  telegram_enabled boolean NOT NULL DEFAULT false,
  telegram_token_sealed text,
  telegram_chat_ids text[] NOT NULL DEFAULT '{}',
  telegram_api_url text CHECK (telegram_api_url IS NULL OR telegram_api_url ~ '^https?://'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Webhook endpoints: every event (or the listed types) is POSTed as JSON signed with the secret.
CREATE TABLE notification_webhooks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  secret_sealed text NOT NULL,
  -- null: every type
  types text[],
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_webhooks_org_idx ON notification_webhooks (org_id);

-- A user's choices: which types on which channel (null: every type), a personal Telegram chat,
-- and quiet hours (local time in `time_zone`, else the organisation's) when only critical ones go out.
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  in_app_types text[],
  email_enabled boolean NOT NULL DEFAULT true,
  email_types text[],
  telegram_enabled boolean NOT NULL DEFAULT false,
  telegram_chat_id text CHECK (telegram_chat_id IS NULL OR telegram_chat_id ~ '^-?[0-9]{1,20}$|^@[A-Za-z0-9_]{5,32}$'),
  telegram_types text[],
  quiet_from time,
  quiet_to time,
  time_zone text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);

-- The durable outbox: one row per (event, channel, target). The worker claims due rows with
-- FOR UPDATE SKIP LOCKED, sends, and marks them sent; a crash between sending and marking sends
-- again (at least once), with the row's id as the idempotency key in the payload.
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES notification_events(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'telegram', 'webhook')),
  -- an e-mail address, a Telegram chat id, or a webhook's id
  target text NOT NULL,
  webhook_id uuid REFERENCES notification_webhooks(id) ON DELETE CASCADE,
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (event_id, channel, target)
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';

-- Every attempt at a delivery, for the delivery log (per webhook endpoint in the dashboard).
CREATE TABLE notification_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  outbox_id uuid NOT NULL REFERENCES notification_outbox(id) ON DELETE CASCADE,
  webhook_id uuid REFERENCES notification_webhooks(id) ON DELETE CASCADE,
  channel text NOT NULL,
  attempt integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  ok boolean NOT NULL,
  status_code integer,
  error text,
  duration_ms integer NOT NULL
);
CREATE INDEX notification_attempts_webhook_idx ON notification_attempts (webhook_id, at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['notification_events', 'notifications', 'notification_settings',
    'notification_webhooks', 'notification_preferences', 'notification_outbox', 'notification_attempts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_events, notifications, notification_settings,
  notification_webhooks, notification_preferences, notification_outbox, notification_attempts TO fleetcore_app;

-- Every alert that is newly opened (by the engine or by an API action) becomes a notification
-- event in the same transaction, so none is lost between the alert and the worker. A re-derived
-- alert finds its old row (alerts_identity_key) and inserts nothing, so nothing is raised twice.
CREATE FUNCTION notify_alert_opened() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO notification_events (org_id, dedupe_key, type, severity, title, vehicle_id, alert_id, link)
  VALUES (NEW.org_id, 'alert:' || NEW.id, NEW.type, NEW.severity, NEW.type, NEW.vehicle_id, NEW.id,
    CASE WHEN NEW.vehicle_id IS NULL THEN '/alerts' ELSE '/alerts?vehicleId=' || NEW.vehicle_id END)
  ON CONFLICT (org_id, dedupe_key) DO NOTHING;
  PERFORM pg_notify('fleet_notification_events', NEW.org_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER alerts_notify AFTER INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION notify_alert_opened();

-- Down Migration
DROP TRIGGER alerts_notify ON alerts;
DROP FUNCTION notify_alert_opened();
DROP TABLE notification_attempts, notification_outbox, notification_preferences, notification_webhooks,
  notification_settings, notifications, notification_events;
