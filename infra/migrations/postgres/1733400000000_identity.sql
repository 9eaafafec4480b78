-- Up Migration

-- Organisations can be described and suspended (a suspended organisation's users cannot sign in
-- and its devices cannot send data). Their settings (currency, timezone, language, units, audit
-- retention, rule thresholds) stay in organisations.settings.
ALTER TABLE organisations
  ADD COLUMN description text CHECK (description IS NULL OR length(description) <= 2000),
  ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  ADD COLUMN status_changed_at timestamptz;

-- An invited user has no password until they use their one-time link.
ALTER TABLE users
  ALTER COLUMN password_hash DROP NOT NULL,
  ADD COLUMN phone text CHECK (phone IS NULL OR phone ~ '^\+[0-9 ()-]{6,24}$'),
  ADD COLUMN theme text NOT NULL DEFAULT 'system' CHECK (theme IN ('light', 'dark', 'system')),
  ADD COLUMN last_login_at timestamptz,
  ADD COLUMN password_changed_at timestamptz,
  -- Two-factor sign-in (RFC 6238): the confirmed secret, and one being set up, both base32.
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_pending_secret text,
  ADD COLUMN totp_enabled_at timestamptz;

-- One-time links to choose a password (new users, resets): only the SHA-256 of the token is kept.
CREATE TABLE password_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash bytea NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_links_user_idx ON password_links (user_id);

-- Recovery codes for two-factor sign-in, each usable once: only a hash is kept.
CREATE TABLE recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['password_links', 'recovery_codes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON password_links, recovery_codes TO fleetcore_app;

-- Down Migration
DROP TABLE recovery_codes;
DROP TABLE password_links;
ALTER TABLE users
  DROP COLUMN totp_enabled_at,
  DROP COLUMN totp_pending_secret,
  DROP COLUMN totp_secret,
  DROP COLUMN password_changed_at,
  DROP COLUMN last_login_at,
  DROP COLUMN theme,
  DROP COLUMN phone;
UPDATE users SET password_hash = '' WHERE password_hash IS NULL;
ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL;
ALTER TABLE organisations DROP COLUMN status_changed_at, DROP COLUMN status, DROP COLUMN description;
