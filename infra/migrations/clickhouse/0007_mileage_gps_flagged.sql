-- Of a day's distance, the metres counted from GPS because the vehicle's odometer was flagged
-- (frozen, tampered, rolled back or jumped, issue 10). Days derived before this column existed
-- read 0, until a replay of their days fills it in.
ALTER TABLE daily_mileage
    ADD COLUMN IF NOT EXISTS gps_flagged_metres Float64 DEFAULT 0 COMMENT 'metres of `metres` counted from GPS while the odometer was flagged'
