-- Up Migration

-- The vehicle as the centre saw it when it opened the visit (its grant showed the name and the
-- plate): the centre cannot read the fleet's vehicles, so its visit pages show this snapshot.
ALTER TABLE service_visits ADD COLUMN vehicle_label text CHECK (vehicle_label IS NULL OR length(vehicle_label) <= 300);
UPDATE service_visits s
SET vehicle_label = CASE WHEN v.plate IS NULL THEN v.name ELSE v.name || ' (' || v.plate || ')' END
FROM vehicles v WHERE v.id = s.vehicle_id;
