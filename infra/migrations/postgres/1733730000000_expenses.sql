-- Up Migration

-- Expenses, currency rates and budgets (issue 8). A refuel IS a fuel expense: the expense row holds
-- what every expense has (vehicle, driver, amount, currency, when, who entered it); the refuel's own
-- facts (litres, odometer, card, the consumption check) live in fuel_entries, whose id is the
-- expense's id (1:1, deleted with it). Nothing is stored twice.

-- A rate says: 1 unit of `currency` is worth `rate` units of `base` (the organisation's currency
-- when it was entered) from `rate_on` until the next rate of the same pair.
CREATE TABLE currency_rates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  base char(3) NOT NULL CHECK (base ~ '^[A-Z]{3}$'),
  rate_on date NOT NULL,
  rate numeric(20, 8) NOT NULL CHECK (rate > 0),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (currency <> base),
  UNIQUE (org_id, base, currency, rate_on)
);

CREATE TABLE expenses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  -- Deleting a vehicle deletes its expenses (as it always deleted its refuels); decommissioning keeps them.
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  driver_id uuid REFERENCES drivers(id) ON DELETE SET NULL,
  category text NOT NULL CHECK (category IN
    ('fuel', 'parts', 'service', 'insurance', 'tax', 'fine', 'parking', 'toll', 'washing', 'rental', 'other')),
  -- Exact decimal; missing only for a refuel logged without a receipt (seed 003, refuel 5).
  amount numeric(14, 2) CHECK (amount >= 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  spent_at timestamptz NOT NULL,
  -- The day of spent_at in the organisation's time zone (the day the rate is looked up for).
  spent_on date NOT NULL,
  -- false: only a date was entered; spent_at is then the start of that day in the organisation's zone.
  time_given boolean NOT NULL DEFAULT true,
  description text CHECK (description IS NULL OR length(description) <= 2000),
  vendor text CHECK (vendor IS NULL OR length(vendor) <= 200),
  receipt_document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  -- The organisation-currency equivalent: the rate used (1 for the organisation's own currency) and
  -- its date; null while no rate on or before spent_on is known (recomputed when one is added).
  org_currency char(3) NOT NULL CHECK (org_currency ~ '^[A-Z]{3}$'),
  rate numeric(20, 8) CHECK (rate > 0),
  rate_on date,
  org_amount numeric(14, 2) GENERATED ALWAYS AS (round(amount * rate, 2)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (amount IS NOT NULL OR category = 'fuel'),
  CHECK ((rate IS NULL) = (rate_on IS NULL))
);
CREATE INDEX expenses_org_day_idx ON expenses (org_id, spent_on DESC);
CREATE INDEX expenses_vehicle_time_idx ON expenses (vehicle_id, spent_at);
CREATE INDEX expenses_driver_idx ON expenses (driver_id) WHERE driver_id IS NOT NULL;
CREATE INDEX expenses_currency_idx ON expenses (org_id, currency, spent_on);

-- A budget for one category (null: every category) and one calendar period, in the organisation's
-- currency; period_start is the period's first day.
CREATE TABLE budgets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  category text CHECK (category IS NULL OR category IN
    ('fuel', 'parts', 'service', 'insurance', 'tax', 'fine', 'parking', 'toll', 'washing', 'rental', 'other')),
  period text NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
  period_start date NOT NULL CHECK (period_start = date_trunc(period, period_start::timestamp)::date),
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX budgets_unique_idx ON budgets (org_id, coalesce(category, ''), period, period_start);

-- Every refuel becomes its expense, with the same id.
INSERT INTO expenses (id, org_id, vehicle_id, category, amount, currency, spent_at, spent_on, description,
                      created_by, org_currency, rate, rate_on, created_at)
SELECT f.id, f.org_id, f.vehicle_id, 'fuel', f.amount, f.currency, f.time,
       (f.time AT TIME ZONE coalesce(o.settings->>'timezone', 'Asia/Almaty'))::date, f.note, f.entered_by,
       coalesce(o.settings->>'currency', 'KZT'),
       CASE WHEN f.currency = coalesce(o.settings->>'currency', 'KZT') THEN 1 END,
       CASE WHEN f.currency = coalesce(o.settings->>'currency', 'KZT')
            THEN (f.time AT TIME ZONE coalesce(o.settings->>'timezone', 'Asia/Almaty'))::date END,
       f.created_at
FROM fuel_entries f JOIN organisations o ON o.id = f.org_id;

DROP INDEX fuel_entries_vehicle_time_idx;
ALTER TABLE fuel_entries
  DROP COLUMN vehicle_id,
  DROP COLUMN time,
  DROP COLUMN amount,
  DROP COLUMN currency,
  DROP COLUMN note,
  DROP COLUMN entered_by,
  ALTER COLUMN id DROP DEFAULT,
  ALTER COLUMN odometer_km DROP NOT NULL,
  -- Why the consumption check did not run: the first refuel, an unrated vehicle type, no odometer on
  -- this refuel or on the previous one. Null when it ran.
  ADD COLUMN check_skipped text CHECK (check_skipped IN
    ('first_refuel', 'unrated', 'no_odometer', 'previous_no_odometer')),
  ADD CONSTRAINT fuel_entries_expense_fk FOREIGN KEY (id) REFERENCES expenses(id) ON DELETE CASCADE;
UPDATE fuel_entries SET check_skipped = 'first_refuel' WHERE expected_l IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['currency_rates', 'expenses', 'budgets'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON currency_rates, expenses, budgets TO fleetcore_app;

-- Down Migration
ALTER TABLE fuel_entries
  DROP CONSTRAINT fuel_entries_expense_fk,
  DROP COLUMN check_skipped,
  ADD COLUMN vehicle_id uuid REFERENCES vehicles(id) ON DELETE CASCADE,
  ADD COLUMN time timestamptz,
  ADD COLUMN amount numeric(14, 2),
  ADD COLUMN currency char(3),
  ADD COLUMN note text,
  ADD COLUMN entered_by uuid REFERENCES users(id),
  ALTER COLUMN id SET DEFAULT gen_random_uuid();
UPDATE fuel_entries f SET vehicle_id = e.vehicle_id, time = e.spent_at, amount = coalesce(e.amount, 0),
  currency = e.currency, note = e.description, entered_by = e.created_by
FROM expenses e WHERE e.id = f.id;
DELETE FROM fuel_entries WHERE odometer_km IS NULL;
ALTER TABLE fuel_entries ALTER COLUMN vehicle_id SET NOT NULL, ALTER COLUMN time SET NOT NULL,
  ALTER COLUMN amount SET NOT NULL, ALTER COLUMN currency SET NOT NULL, ALTER COLUMN odometer_km SET NOT NULL;
CREATE INDEX fuel_entries_vehicle_time_idx ON fuel_entries (vehicle_id, time);
DROP TABLE budgets, expenses, currency_rates;
