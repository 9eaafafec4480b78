-- Up Migration

-- A notification for named people (issue 15): the assignee and the team of a task, the driver who
-- raised a ticket. Null keeps the organisation-wide fan-out (roles, a vehicle's driver); set, only
-- these users of the event's organisation are told, each by their own preferences and channels.
ALTER TABLE notification_events ADD COLUMN recipient_user_ids uuid[];

-- The overdue notice was raised (once per due time), as due_notified_for is for the due-soon one.
ALTER TABLE tasks ADD COLUMN overdue_notified_for timestamptz;
-- The deadline scan (api/src/tasks/taskDeadlines.ts) reads the open tasks with a due time, across
-- organisations, every few seconds.
CREATE INDEX tasks_open_due_idx ON tasks (due_at) WHERE closed_at IS NULL AND due_at IS NOT NULL;

-- Down Migration
DROP INDEX tasks_open_due_idx;
ALTER TABLE tasks DROP COLUMN overdue_notified_for;
ALTER TABLE notification_events DROP COLUMN recipient_user_ids;
