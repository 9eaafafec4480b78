-- Up Migration
-- What ends an access token's standing before it expires: a login ended (its refresh tokens
-- revoked: logout, a password change, a deactivation), or the account changed (role, organisation,
-- deactivation, deletion). Every API process LISTENs on fleet_account_changes and forgets what it
-- had checked (api/src/auth/AccountCheck.ts), whichever process or tool made the change. A new
-- refresh token notifies too: a login looked up as ended lives again once it has one.
CREATE FUNCTION notify_account_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'refresh_tokens' THEN
    PERFORM pg_notify('fleet_account_changes', 'session:' || NEW.family_id::text);
  ELSE
    PERFORM pg_notify('fleet_account_changes', 'user:' || OLD.id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER refresh_tokens_added AFTER INSERT ON refresh_tokens
  FOR EACH ROW EXECUTE FUNCTION notify_account_change();
CREATE TRIGGER refresh_tokens_revoked AFTER UPDATE OF revoked_at ON refresh_tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION notify_account_change();
CREATE TRIGGER users_standing_changed AFTER UPDATE OF role, org_id, disabled ON users
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.org_id IS DISTINCT FROM NEW.org_id
                     OR OLD.disabled IS DISTINCT FROM NEW.disabled)
  EXECUTE FUNCTION notify_account_change();
CREATE TRIGGER users_deleted AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_account_change();

-- Down Migration
DROP TRIGGER users_deleted ON users;
DROP TRIGGER users_standing_changed ON users;
DROP TRIGGER refresh_tokens_revoked ON refresh_tokens;
DROP TRIGGER refresh_tokens_added ON refresh_tokens;
DROP FUNCTION notify_account_change();
