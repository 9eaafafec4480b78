-- GPS outages bridged inside a trip (tunnels, garages: records without a fix). Trips derived before
-- this column existed read 0, until a replay of their days fills it in.
ALTER TABLE trips
    ADD COLUMN IF NOT EXISTS outage_s Float64 DEFAULT 0 COMMENT 'time without a GPS fix bridged inside the trip',
    ADD COLUMN IF NOT EXISTS bridged_m Float64 DEFAULT 0 COMMENT 'distance counted across those outages (straight line or odometer), included in distance_m'
