-- Every accepted telemetry point. One row per (vehicle, device time, device): a redelivered point
-- replaces itself (ReplacingMergeTree), and readers use FINAL or LIMIT 1 BY for exact counts.
CREATE TABLE IF NOT EXISTS positions
(
    org_id UUID COMMENT 'organisation (tenant)',
    vehicle_id UUID,
    device_id LowCardinality(String),
    time DateTime64(3, 'UTC') COMMENT 'device clock, UTC',
    received_at DateTime64(3, 'UTC') COMMENT 'when ingest accepted the point',
    lat Float64,
    lon Float64,
    speed_mps Nullable(Float32) COMMENT 'm/s',
    heading_deg Nullable(Float32),
    altitude_m Nullable(Float32),
    satellites Nullable(UInt8),
    hdop Nullable(Float32),
    odometer_m Nullable(Float64) COMMENT 'device odometer, metres',
    fuel_level_pct Nullable(Float32),
    fuel_used_l Nullable(Float64) COMMENT 'cumulative litres',
    ignition Nullable(Bool),
    engine_seconds Nullable(Float64),
    battery_v Nullable(Float32),
    dtc Array(LowCardinality(String)),
    attrs Map(LowCardinality(String), Float64)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (org_id, vehicle_id, time, device_id);

-- Rejected input, with its reason, kept 30 days.
CREATE TABLE IF NOT EXISTS dead_letters
(
    at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    device_id String,
    org_id Nullable(UUID),
    reason LowCardinality(String),
    field Nullable(String),
    message String,
    payload String
)
ENGINE = MergeTree
ORDER BY at
TTL toDateTime(at) + INTERVAL 30 DAY;
