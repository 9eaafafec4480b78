-- Up Migration

-- Commands to devices (issue 14, downlink). A command is queued, sent through the device's live
-- connection (MQTT, Teltonika Codec 12, GT06 online command) at once or when the device next
-- connects, then settled by the device's answer (or, over MQTT QoS 1, acknowledged by its PUBACK);
-- unanswered past its timeout it fails, undelivered past its expiry it expires.
CREATE TABLE device_commands (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  device_id text NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE SET NULL,
  protocol text NOT NULL CHECK (length(protocol) BETWEEN 1 AND 32),
  type text NOT NULL CHECK (length(type) BETWEEN 1 AND 32),
  params jsonb NOT NULL DEFAULT '{}',
  -- What goes on the wire: the command text (Teltonika, GT06) or the JSON message (MQTT).
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4096),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sent', 'acknowledged', 'answered', 'failed', 'expired')),
  answer text CHECK (answer IS NULL OR length(answer) <= 4096),
  failure text CHECK (failure IS NULL OR length(failure) <= 500),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  timeout_s integer NOT NULL CHECK (timeout_s BETWEEN 5 AND 86400),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  answered_at timestamptz,
  expires_at timestamptz NOT NULL
);
CREATE INDEX device_commands_device_idx ON device_commands (device_id, created_at DESC);
-- The sweep and the delivery on connect read only the open commands.
CREATE INDEX device_commands_open_idx ON device_commands (device_id, created_at)
  WHERE status IN ('queued', 'sent', 'acknowledged');

ALTER TABLE device_commands ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON device_commands USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON device_commands TO fleetcore_app;

-- Down Migration
DROP TABLE device_commands;
