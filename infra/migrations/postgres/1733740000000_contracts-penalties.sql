-- Up Migration

-- Contracts of a vehicle (seed 000 §7): leasing, rental, insurance (CASCO, OSAGO, with coverage),
-- warranty and service contracts. Only `cancelled` is stored (cancelled_at); active, expired and
-- pending_renewal are computed on read from the dates in the organisation's time zone, so they are
-- right at any moment without a job. A renewal is a new row pointing at the one it renews; a
-- contract is renewed at most once (the unique index), so renewals form a chain.
-- A contract belongs to its vehicle: deleting the vehicle deletes its contracts.
CREATE TABLE contracts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN
    ('leasing', 'rental', 'insurance_casco', 'insurance_osago', 'warranty', 'service_contract')),
  contractor text NOT NULL CHECK (length(contractor) BETWEEN 1 AND 200),
  number text CHECK (number IS NULL OR length(number) BETWEEN 1 AND 100),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  payment_frequency text NOT NULL CHECK (payment_frequency IN ('one_time', 'monthly', 'quarterly', 'annual')),
  auto_renew boolean NOT NULL DEFAULT false,
  notes text CHECK (notes IS NULL OR length(notes) <= 4000),
  -- Insurance coverage (insurance_casco, insurance_osago only; the API keeps them null otherwise).
  sum_insured numeric(14, 2) CHECK (sum_insured IS NULL OR sum_insured >= 0),
  deductible numeric(14, 2) CHECK (deductible IS NULL OR deductible >= 0),
  covered_risks text[] NOT NULL DEFAULT '{}',
  policy_holder text CHECK (policy_holder IS NULL OR length(policy_holder) BETWEEN 1 AND 200),
  previous_contract_id uuid REFERENCES contracts(id) ON DELETE SET NULL,
  cancelled_at timestamptz,
  cancel_reason text CHECK (cancel_reason IS NULL OR length(cancel_reason) <= 2000),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contracts_vehicle_idx ON contracts (vehicle_id);
CREATE INDEX contracts_org_ends_idx ON contracts (org_id, ends_on);
CREATE UNIQUE INDEX contracts_renewal_idx ON contracts (previous_contract_id) WHERE previous_contract_id IS NOT NULL;

-- Fines (seed 000 §6, seed 003 step 4.3). The "driver pays" flow moves status
-- open → paid_by_driver (with a receipt document) → paid (confirmed) or back to open (rejected);
-- the allowed transitions are one table in the API (api/src/penalties/penaltyTransitions.ts).
-- A fine belongs to its vehicle (deleted with it); its driver may leave (the fine stays, driverless).
CREATE TABLE penalties (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  vehicle_id uuid NOT NULL REFERENCES vehicles(id) ON DELETE CASCADE,
  driver_id uuid REFERENCES drivers(id) ON DELETE SET NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  offence_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  article text CHECK (article IS NULL OR length(article) BETWEEN 1 AND 100),
  resolution_number text CHECK (resolution_number IS NULL OR length(resolution_number) BETWEEN 1 AND 100),
  due_on date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid_by_driver', 'paid', 'disputed', 'cancelled')),
  paid_on date,
  receipt_document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
  reported_by uuid REFERENCES users(id) ON DELETE SET NULL,
  reported_at timestamptz,
  confirmed_by uuid REFERENCES users(id) ON DELETE SET NULL,
  confirmed_at timestamptz,
  -- The last note of a transition that needs one (a rejection's reason, a dispute's note…).
  status_note text CHECK (status_note IS NULL OR length(status_note) <= 2000),
  notes text CHECK (notes IS NULL OR length(notes) <= 4000),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX penalties_org_offence_idx ON penalties (org_id, offence_at DESC);
CREATE INDEX penalties_vehicle_idx ON penalties (vehicle_id);
CREATE INDEX penalties_driver_idx ON penalties (driver_id) WHERE driver_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contracts', 'penalties'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON contracts, penalties TO fleetcore_app;

-- Down Migration
DROP TABLE penalties, contracts;
