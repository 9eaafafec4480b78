-- A fuel event's span: the last reading at the level before the step and the first at the level
-- after (`time` stays the event's time, its end, and its identity), and the driver assigned to the
-- vehicle when it began. Events stored before read their time as both ends and no driver.
ALTER TABLE fuel_events
    ADD COLUMN IF NOT EXISTS start_time DateTime64(3, 'UTC') DEFAULT time COMMENT 'last reading at the level before the step',
    ADD COLUMN IF NOT EXISTS end_time DateTime64(3, 'UTC') DEFAULT time COMMENT 'first reading at the level after the step',
    ADD COLUMN IF NOT EXISTS driver_id Nullable(UUID) COMMENT 'driver assigned to the vehicle at start_time'
