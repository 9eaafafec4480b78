-- Up Migration

-- A ticket turned into a task (issue 15), besides a repair: the ticket names its task, the task
-- finds its ticket by this column (one task per ticket), and the history records the step.
ALTER TABLE tickets ADD COLUMN task_id uuid REFERENCES tasks(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX tickets_task_idx ON tickets (task_id) WHERE task_id IS NOT NULL;
ALTER TABLE ticket_events ADD COLUMN task_id uuid REFERENCES tasks(id) ON DELETE SET NULL;
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check
  CHECK (kind IN ('created', 'status', 'comment', 'assignment', 'photo', 'repair', 'task'));

-- Down Migration
DELETE FROM ticket_events WHERE kind = 'task';
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check
  CHECK (kind IN ('created', 'status', 'comment', 'assignment', 'photo', 'repair'));
ALTER TABLE ticket_events DROP COLUMN task_id;
DROP INDEX tickets_task_idx;
ALTER TABLE tickets DROP COLUMN task_id;
