-- How eagerly `positions` merges its parts (issue 13). The engine inserts every ~100 ms under load
-- (about 2,000 rows at 20,000 points a second), and with ClickHouse's default merge_selector_base
-- of 5 the background merges rewrote each row so often that they cost more CPU than the inserts:
-- 2,000-row blocks at 20,000 rows/s, 30 s, took 24.7 and 25.1 µs of chDB CPU a row with 5, against
-- 20.0 and 21.9 µs with 10 (`npm run bench:chdb-inserts`; with merges stopped, 12.6 µs).
-- A higher base merges more parts at once, so each row is rewritten fewer times, for a few more
-- parts at each size (at most about ten before they merge). Needs a ClickHouse that knows the
-- setting (chDB's 26.7 does).
ALTER TABLE positions MODIFY SETTING merge_selector_base = 10
