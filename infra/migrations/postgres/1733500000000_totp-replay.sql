-- Up Migration

-- The last RFC 6238 time step (30-second counter) whose code a user signed in or confirmed with:
-- a code is accepted only for a later step, so an observed code cannot be replayed in its window.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Down Migration
ALTER TABLE users DROP COLUMN totp_last_step;
