-- Up Migration
-- The maintenance workflow: a task moves scheduled (or overdue) → in progress → completed, or is
-- cancelled. Unplanned repairs are tasks without a template, named on the task itself. A completed
-- service records its vendor and parts, and links the `service` expense that carries its cost.
ALTER TABLE maintenance_tasks DROP CONSTRAINT maintenance_tasks_status_check;
ALTER TABLE maintenance_tasks ADD CONSTRAINT maintenance_tasks_status_check
  CHECK (status IN ('scheduled', 'overdue', 'in_progress', 'completed', 'cancelled'));
ALTER TABLE maintenance_tasks ALTER COLUMN template_id DROP NOT NULL;
ALTER TABLE maintenance_tasks
  ADD COLUMN name text CHECK (length(name) BETWEEN 1 AND 200),
  ADD COLUMN vendor text CHECK (length(vendor) <= 200),
  -- [{ "name": "Oil filter", "quantity": 1, "cost": "4500.00" }], costs in the task's currency.
  ADD COLUMN parts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(parts) = 'array'),
  ADD COLUMN expense_id uuid REFERENCES expenses(id) ON DELETE SET NULL,
  ADD COLUMN started_at timestamptz,
  ADD COLUMN created_by uuid REFERENCES users(id),
  ADD CONSTRAINT maintenance_tasks_named CHECK (template_id IS NOT NULL OR name IS NOT NULL);

-- A task in progress is still the open one of its plan: the planner must not open a second.
DROP INDEX maintenance_tasks_one_open;
CREATE UNIQUE INDEX maintenance_tasks_one_open ON maintenance_tasks (vehicle_id, template_id)
  WHERE status IN ('scheduled', 'overdue', 'in_progress');
CREATE INDEX maintenance_tasks_due_idx ON maintenance_tasks (org_id, due_date)
  WHERE status IN ('scheduled', 'overdue', 'in_progress');

-- Down Migration
DROP INDEX maintenance_tasks_due_idx;
DROP INDEX maintenance_tasks_one_open;
DELETE FROM maintenance_tasks WHERE template_id IS NULL;
UPDATE maintenance_tasks SET status = 'scheduled' WHERE status = 'in_progress';
CREATE UNIQUE INDEX maintenance_tasks_one_open ON maintenance_tasks (vehicle_id, template_id)
  WHERE status IN ('scheduled', 'overdue');
ALTER TABLE maintenance_tasks DROP CONSTRAINT maintenance_tasks_named,
  DROP COLUMN name, DROP COLUMN vendor, DROP COLUMN parts, DROP COLUMN expense_id,
  DROP COLUMN started_at, DROP COLUMN created_by;
ALTER TABLE maintenance_tasks ALTER COLUMN template_id SET NOT NULL;
ALTER TABLE maintenance_tasks DROP CONSTRAINT maintenance_tasks_status_check;
ALTER TABLE maintenance_tasks ADD CONSTRAINT maintenance_tasks_status_check
  CHECK (status IN ('scheduled', 'overdue', 'completed', 'cancelled'));
