-- Up Migration

-- Scheduled reports (issue 11): a report with its filters and period, e-mailed in chosen formats to
-- chosen recipients daily, weekly or monthly at a local hour of the organisation's time zone. The
-- report runs with its creator's visibility (created_by); a creator who may no longer see it makes
-- the run fail, never widen.
CREATE TABLE report_schedules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  report text NOT NULL CHECK (length(report) BETWEEN 1 AND 64),
  filters jsonb NOT NULL DEFAULT '{}',
  period text NOT NULL,
  formats text[] NOT NULL CHECK (cardinality(formats) BETWEEN 1 AND 3 AND formats <@ ARRAY['csv', 'xlsx', 'pdf']),
  recipients text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 20),
  language text NOT NULL CHECK (language IN ('en', 'ru', 'kk', 'tr')),
  frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  weekday smallint CHECK (weekday BETWEEN 1 AND 7),
  month_day smallint CHECK (month_day BETWEEN 1 AND 31),
  hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  enabled boolean NOT NULL DEFAULT true,
  -- the next instant a run is due; null while paused
  next_run_at timestamptz,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (frequency <> 'weekly' OR weekday IS NOT NULL),
  CHECK (frequency <> 'monthly' OR month_day IS NOT NULL)
);
CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at) WHERE enabled;
CREATE INDEX report_schedules_org_idx ON report_schedules (org_id, created_at);

-- A run of a schedule, one per (schedule, instant it was due): a restart never sends one period
-- twice. Every attempt is counted; a failed send waits next_attempt_at and is tried again.
CREATE TABLE report_schedule_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  schedule_id uuid NOT NULL REFERENCES report_schedules(id) ON DELETE CASCADE,
  scheduled_for timestamptz NOT NULL,
  manual boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'ok', 'retrying', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  started_at timestamptz,
  finished_at timestamptz,
  next_attempt_at timestamptz,
  -- a running attempt whose process died is taken again after this instant
  lease_until timestamptz,
  error text,
  recipients text[] NOT NULL DEFAULT '{}',
  -- [{ "name": "tco-2025-01-01_2025-01-31.csv", "bytes": 1234 }, …]
  files jsonb NOT NULL DEFAULT '[]',
  -- every attempt: [{ "at": "…", "error": null | "…" }, …]
  attempt_log jsonb NOT NULL DEFAULT '[]',
  period_from date,
  period_to date,
  UNIQUE (schedule_id, scheduled_for)
);
CREATE INDEX report_schedule_runs_due_idx ON report_schedule_runs (next_attempt_at)
  WHERE status IN ('pending', 'retrying');
CREATE INDEX report_schedule_runs_lease_idx ON report_schedule_runs (lease_until) WHERE status = 'running';
CREATE INDEX report_schedule_runs_schedule_idx ON report_schedule_runs (schedule_id, scheduled_for DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['report_schedules', 'report_schedule_runs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()))', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON report_schedules, report_schedule_runs TO fleetcore_app;

-- Down Migration
DROP TABLE report_schedule_runs, report_schedules;
