-- Up Migration

-- The API writes a vehicle's plate search key by the plate's country (vehicleIdentity.ts
-- plateSearchKey); a plate written any other way (the demo seed, SQL by hand) gets the generic key
-- here, the same the service-centres migration gave existing plates, so search finds it too.
CREATE FUNCTION vehicles_plate_search_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.plate IS NULL THEN
    NEW.plate_normalized := NULL;
  ELSIF NEW.plate_normalized IS NULL THEN
    NEW.plate_normalized := NULLIF(left(regexp_replace(
      translate(upper(NEW.plate), 'АВЕЁКМНОРСТУХІ', 'ABEEKMHOPCTYXI'), '[^A-Z0-9]', '', 'g'), 20), '');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER vehicles_plate_search_key BEFORE INSERT ON vehicles
  FOR EACH ROW EXECUTE FUNCTION vehicles_plate_search_key();

-- Down Migration
DROP TRIGGER vehicles_plate_search_key ON vehicles;
DROP FUNCTION vehicles_plate_search_key();
