-- Up Migration

-- What a vehicle keeps for late points (engine/src/lateTrackStore.ts): the holes in its feed and
-- the deflated rules states at their starts (at most 8, about 0.8 KB each as base64), written
-- with the rule state so a restart can still re-derive a late point older than the snapshot.
ALTER TABLE vehicle_rule_state ADD COLUMN late jsonb;

-- Down Migration
ALTER TABLE vehicle_rule_state DROP COLUMN late;
