-- Fuel-level sensor events (sudden drops while parked, fills), derived by the engine. Keyed by
-- (vehicle, time, kind): re-deriving replaces.
CREATE TABLE IF NOT EXISTS fuel_events
(
    org_id UUID,
    vehicle_id UUID,
    time DateTime64(3, 'UTC'),
    kind LowCardinality(String) COMMENT 'fuel_drop or fuel_fill',
    litres Float64,
    from_l Float64,
    to_l Float64,
    lat Float64,
    lon Float64,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(time)
ORDER BY (org_id, vehicle_id, time, kind);
