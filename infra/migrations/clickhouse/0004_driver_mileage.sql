-- Distance per driver, vehicle and UTC day (running totals, like daily_mileage), attributed to the
-- driver assigned to the vehicle when the distance was driven.
CREATE TABLE IF NOT EXISTS daily_mileage_driver
(
    org_id UUID,
    driver_id UUID,
    vehicle_id UUID,
    day Date,
    metres Float64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, driver_id, vehicle_id, day);
