-- Up Migration

-- A keyed digest (HMAC-SHA-256 under a server key that is never stored here) of a device secret
-- that has passed argon2id once, so reconnect storms after a restart are admitted without an
-- argon2id verification each (ingest/src/makeDeviceAuthenticator.ts explains why this keeps the
-- secrets safe). It covers the hash it was made with: a rotated secret voids it.
ALTER TABLE devices ADD COLUMN secret_verifier text;

-- Down Migration
ALTER TABLE devices DROP COLUMN secret_verifier;
