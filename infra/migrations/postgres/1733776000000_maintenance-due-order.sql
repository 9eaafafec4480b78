-- Up Migration

-- The maintenance list's default order (due first, undated last, then oldest): a page reads 50 index
-- entries instead of sorting every task of the organisation.
CREATE INDEX maintenance_tasks_org_due_idx ON maintenance_tasks (org_id, due_date ASC NULLS LAST, created_at, id);

-- Down Migration
DROP INDEX maintenance_tasks_org_due_idx;
