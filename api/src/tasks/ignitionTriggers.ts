import type pg from "pg"

interface Watched {
  id: string
  org_id: string
  geofence_id: string
  to_status: string
  minutes: number
  since: Date | null
  point_at: Date | null
  parked: boolean
}

/**
 * The `ignition_off` triggers: an open task whose template has one, whose vehicle's last report has
 * the ignition off and whose latest crossing of the task's fence is an entry (the engine's view of
 * inside: the fence's alert last seen, as a repeated crossing bumps the open alert of its kind
 * instead of opening another), is marked parked from that report's time; once parked for the trigger's minutes it moves
 * to the trigger's state with a history event naming the trigger, the fence and the minutes. A
 * report with the ignition on, or an exit, clears the mark. `pool` is the system's (every
 * organisation). Returns how many tasks moved.
 */
export const runIgnitionTriggers = async (pool: pg.Pool, now: Date): Promise<number> => {
  const { rows: watched } = await pool.query<Watched>(
    `SELECT k.id, k.org_id, k.geofence_id, trg->>'to' AS to_status, (trg->>'minutes')::int AS minutes,
            k.ignition_off_since AS since, s.time AS point_at,
            (s.ignition IS FALSE AND (
              SELECT a.type FROM alerts a
              WHERE a.vehicle_id = k.vehicle_id AND a.key = k.geofence_id::text
                AND a.type IN ('geofence_enter', 'geofence_exit')
              ORDER BY a.last_seen_at DESC LIMIT 1) = 'geofence_enter') AS parked
     FROM tasks k
     JOIN task_templates m ON m.id = k.template_id
     CROSS JOIN LATERAL jsonb_array_elements(m.triggers) trg
     LEFT JOIN vehicle_state s ON s.vehicle_id = k.vehicle_id
     WHERE k.closed_at IS NULL AND k.vehicle_id IS NOT NULL AND k.geofence_id IS NOT NULL
       AND trg->>'on' = 'ignition_off' AND k.status <> trg->>'to'`,
  )
  let moved = 0
  for (const w of watched) {
    if (!w.parked || w.point_at === null) {
      if (w.since !== null)
        await pool.query("UPDATE tasks SET ignition_off_since = NULL WHERE id = $1", [w.id])
      continue
    }
    const since = w.since ?? w.point_at
    if (now.getTime() - since.getTime() < w.minutes * 60_000) {
      if (w.since === null)
        await pool.query(
          "UPDATE tasks SET ignition_off_since = $2 WHERE id = $1 AND ignition_off_since IS NULL",
          [w.id, since],
        )
      continue
    }
    if (await advance(pool, w, since)) moved++
  }
  return moved
}

/** Moves task `w` by its ignition trigger, unless it moved or closed since the scan read it. */
const advance = async (pool: pg.Pool, w: Watched, since: Date): Promise<boolean> => {
  const c = await pool.connect()
  try {
    await c.query("BEGIN")
    const { rows } = await c.query<{ status: string; final: boolean }>(
      `SELECT k.status, EXISTS (SELECT 1 FROM jsonb_array_elements(m.states) s
                                WHERE s->>'key' = $2 AND (s->>'final')::boolean IS TRUE) AS final
       FROM tasks k JOIN task_templates m ON m.id = k.template_id
       WHERE k.id = $1 AND k.closed_at IS NULL AND k.status <> $2 FOR UPDATE OF k`,
      [w.id, w.to_status],
    )
    const task = rows[0]
    if (task !== undefined) {
      await c.query(
        `UPDATE tasks SET status = $2, updated_at = now(), ignition_off_since = NULL,
           closed_at = CASE WHEN $3 THEN now() ELSE NULL END
         WHERE id = $1`,
        [w.id, w.to_status, task.final],
      )
      await c.query(
        `INSERT INTO task_events (org_id, task_id, kind, cause, from_status, to_status)
         VALUES ($1, $2, 'status_change', $3, $4, $5)`,
        [
          w.org_id,
          w.id,
          JSON.stringify({
            alertId: null,
            alertType: "ignition_off",
            geofenceId: w.geofence_id,
            minutes: w.minutes,
            since: since.toISOString(),
          }),
          task.status,
          w.to_status,
        ],
      )
    }
    await c.query("COMMIT")
    return task !== undefined
  } catch (error) {
    await c.query("ROLLBACK").catch(() => undefined)
    throw error
  } finally {
    c.release()
  }
}
