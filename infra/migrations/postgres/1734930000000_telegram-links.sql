-- Up Migration

-- Telegram as a front door (issue 16): a user links their Telegram account to their FleetCore login
-- once, with a one-time code made while signed in; the organisation's bot (its notification channel's
-- token) then signs them in to the Mini App, sends them notifications and takes their photos.
CREATE TABLE telegram_links (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  telegram_user_id bigint NOT NULL,
  chat_id bigint,
  username text CHECK (username IS NULL OR length(username) <= 64),
  linked_at timestamptz NOT NULL DEFAULT now(),
  -- One FleetCore login per Telegram account within an organisation's bot.
  UNIQUE (org_id, telegram_user_id)
);

-- The one-time codes: only their SHA-256 is kept; a code is used once, within its minutes.
CREATE TABLE telegram_link_codes (
  code_hash bytea PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX telegram_link_codes_user_idx ON telegram_link_codes (user_id);

-- Each organisation's bot as it last answered getMe (its @username, for deep links), and when it
-- started polling.
CREATE TABLE telegram_bots (
  org_id uuid PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
  username text,
  polled_at timestamptz
);

-- A photo sent to the bot (an odometer or a fuel receipt): stored as a document of the sender's
-- vehicle, read by OCR, and offered back as candidates; a record is written only when the person
-- picks one (`confirmed`, with the record's id), never by itself.
CREATE TABLE telegram_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  chat_id bigint NOT NULL,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
  kind text CHECK (kind IS NULL OR kind IN ('odometer', 'fuel_receipt')),
  candidates jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'suggested', 'confirmed', 'dismissed')),
  record_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);
CREATE INDEX telegram_photos_user_idx ON telegram_photos (user_id, created_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['telegram_links', 'telegram_link_codes', 'telegram_photos'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON telegram_links, telegram_link_codes, telegram_photos TO fleetcore_app;
