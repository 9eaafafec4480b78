-- Up Migration

-- A user's inbox lists unread first, then newest: in that order on an index, a page reads 50 entries
-- instead of joining and sorting every notification the user ever had.
CREATE INDEX notifications_user_inbox_idx ON notifications (user_id, (read_at IS NULL) DESC, created_at DESC, id);

-- Down Migration
DROP INDEX notifications_user_inbox_idx;
