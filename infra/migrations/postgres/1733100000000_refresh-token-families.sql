-- Up Migration

-- Every refresh token descends from one login: rotation hands the family on, and presenting a
-- token that was already rotated (a stolen copy being replayed) revokes the whole family.
-- Tokens issued before this migration each start a family of their own.
ALTER TABLE refresh_tokens ADD COLUMN family_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Down Migration
DROP INDEX refresh_tokens_family_idx;
ALTER TABLE refresh_tokens DROP COLUMN family_id;
