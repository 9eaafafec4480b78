-- Trips derived by the engine. Re-deriving a trip (after a restart or a replay) replaces it:
-- one row per (vehicle, start), the newest version wins.
CREATE TABLE IF NOT EXISTS trips
(
    org_id UUID,
    vehicle_id UUID,
    device_id LowCardinality(String),
    start_time DateTime64(3, 'UTC'),
    end_time DateTime64(3, 'UTC'),
    start_lat Float64,
    start_lon Float64,
    end_lat Float64,
    end_lon Float64,
    distance_m Float64 COMMENT 'filtered distance, metres',
    duration_s Float64,
    moving_s Float64,
    idle_s Float64 COMMENT 'ignition on, not moving',
    max_speed_mps Float32,
    avg_speed_mps Float32 COMMENT 'distance / moving time',
    fuel_used_l Nullable(Float64),
    version UInt64 COMMENT 'derivation time, ms'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(start_time)
ORDER BY (org_id, vehicle_id, start_time);

-- Distance per vehicle per UTC day, as the running total the engine holds: a re-derived day
-- replaces the row (ReplacingMergeTree on version = newest point time), so nothing counts twice.
CREATE TABLE IF NOT EXISTS daily_mileage
(
    org_id UUID,
    vehicle_id UUID,
    day Date,
    metres Float64,
    version UInt64 COMMENT 'device time of the newest point counted, ms'
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (org_id, vehicle_id, day);
