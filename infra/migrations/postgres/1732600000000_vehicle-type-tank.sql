-- Up Migration
-- Tank capacity turns a fuel-level sensor's percentage into litres.
ALTER TABLE vehicle_types ADD COLUMN tank_capacity_l numeric(7, 1) CHECK (tank_capacity_l > 0);

-- Down Migration
ALTER TABLE vehicle_types DROP COLUMN tank_capacity_l;
