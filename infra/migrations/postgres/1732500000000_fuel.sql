-- Up Migration

-- Organisation settings live in organisations.settings (jsonb):
--   timezone (IANA, default Asia/Almaty): periods of fuel-card limits and daily reports
--   fuelAnomalyThresholdPct (default 15)

CREATE TABLE fuel_cards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- only the last digits are kept; the full card number never enters FleetCore
  number_last4 text CHECK (number_last4 ~ '^[0-9]{4}$'),
  vehicle_id uuid REFERENCES vehicles(id) ON DELETE SET NULL,
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  daily_limit numeric(14, 2) CHECK (daily_limit > 0),
  weekly_limit numeric(14, 2) CHECK (weekly_limit > 0),
  monthly_limit numeric(14, 2) CHECK (monthly_limit > 0),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fuel_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  time timestamptz NOT NULL,
  litres numeric(10, 2) NOT NULL CHECK (litres > 0),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  odometer_km numeric(12, 1) NOT NULL CHECK (odometer_km >= 0),
  fuel_card_id uuid REFERENCES fuel_cards(id),
  note text,
  entered_by uuid REFERENCES users(id),
  -- consumption check against the vehicle type's rated L/100 km (null: first refuel or unrated)
  distance_km numeric(12, 1),
  expected_l numeric(10, 2),
  difference_l numeric(10, 2),
  difference_pct numeric(7, 1),
  anomaly boolean NOT NULL DEFAULT false,
  anomaly_status text NOT NULL DEFAULT 'none' CHECK (anomaly_status IN ('none', 'unchecked', 'checked')),
  checked_by uuid REFERENCES users(id),
  checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fuel_entries_vehicle_time_idx ON fuel_entries (vehicle_id, time);
CREATE INDEX fuel_entries_card_time_idx ON fuel_entries (fuel_card_id, time);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['fuel_cards', 'fuel_entries'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON fuel_cards, fuel_entries TO fleetcore_app;

-- Down Migration
DROP TABLE fuel_entries, fuel_cards;
