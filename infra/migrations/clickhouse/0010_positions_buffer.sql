-- A Buffer in front of `positions` (issue 13). With the embedded chDB and the durable log, the
-- engine writes new points here: they are visible at once to whoever reads `positions_buffer`
-- (which reads the buffer and `positions` together), and the engine moves them into `positions`
-- about once a second (`OPTIMIZE TABLE positions_buffer`) instead of making a part of every
-- ~100 ms insert. A bus batch is acknowledged (its offset committed) only after that flush: rows in
-- a Buffer live in memory, and a crash loses them, so the log delivers them again.
-- The readers of recent points (history, tracks, the engine's catch-up) read `positions_buffer`.
-- With a ClickHouse server the engine writes `positions` itself and this stays empty.
-- A Buffer's columns must match its table's: a later migration that changes `positions`'
-- columns changes this table's the same way.
-- The thresholds are out of reach on purpose (a day, 10^12 rows and bytes): only the engine flushes.
CREATE TABLE IF NOT EXISTS positions_buffer AS positions
ENGINE = Buffer(currentDatabase(), positions, 1, 86400, 86400, 1000000000000, 1000000000000, 1000000000000, 1000000000000)
