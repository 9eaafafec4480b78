import { ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import type { Log } from "@fleetcore/platform"
import type pg from "pg"
import { daysBetween, localClock } from "./localClock.js"
import { runDailyChecks } from "./runDailyChecks.js"

/** A claimed run that has not finished after this long (its process died) may be claimed again. */
const RUN_LEASE_MS = 15 * 60_000
/** After a long downtime, thresholds crossed at most this many days ago are still told. */
const MAX_CATCH_UP_DAYS = 31

export interface DailyCheckSchedulerOptions {
  readonly pool: pg.Pool
  readonly log: Log
  /** The clock (tests inject one). */
  readonly now?: () => Date
}

interface OrgRow {
  id: string
  timezone: string | null
  hour: unknown
}

const validZone = (zone: string | null): string => {
  if (zone === null) return ORGANISATION_DEFAULTS.timezone
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return zone
  } catch {
    return ORGANISATION_DEFAULTS.timezone
  }
}

/**
 * The daily checks of every active organisation, once per local day at its `dailyChecksHour` in
 * its time zone, or as soon after as a process runs (a process down at 08:00 runs them when it is
 * back that day). A run is claimed by inserting the (organisation, day) row of `daily_check_runs`,
 * so of several API processes exactly one runs it; one whose process died unfinished is claimed
 * again after a lease, and its notices, raised under dedupe keys, are not told twice.
 */
export const makeDailyCheckScheduler = (o: DailyCheckSchedulerOptions) => {
  const now = o.now ?? (() => new Date())

  const claim = async (orgId: string, day: string, at: Date): Promise<number | null> => {
    const { rows } = await o.pool.query<{ last_day: string | null }>(
      `INSERT INTO daily_check_runs (org_id, day, started_at) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, day) DO UPDATE SET started_at = EXCLUDED.started_at
         WHERE daily_check_runs.finished_at IS NULL
           AND daily_check_runs.started_at < EXCLUDED.started_at - $4 * interval '1 millisecond'
       RETURNING (SELECT to_char(max(r.day), 'YYYY-MM-DD') FROM daily_check_runs r
                  WHERE r.org_id = $1 AND r.day < $2 AND r.finished_at IS NOT NULL) AS last_day`,
      [orgId, day, at, RUN_LEASE_MS],
    )
    const row = rows[0]
    if (row === undefined) return null
    return row.last_day === null
      ? 1
      : Math.min(MAX_CATCH_UP_DAYS, Math.max(1, daysBetween(row.last_day, day)))
  }

  /** Runs the checks of every organisation whose hour has come today and that has not run them. */
  const runDue = async (): Promise<number> => {
    const at = now()
    const { rows: orgs } = await o.pool.query<OrgRow>(
      `SELECT id, settings->>'timezone' AS timezone, settings->'dailyChecksHour' AS hour
       FROM organisations WHERE status = 'active'`,
    )
    let raised = 0
    for (const org of orgs) {
      const timeZone = validZone(org.timezone)
      const hour =
        typeof org.hour === "number" && Number.isInteger(org.hour) && org.hour >= 0 && org.hour <= 23
          ? org.hour
          : ORGANISATION_DEFAULTS.dailyChecksHour
      const local = localClock(at, timeZone)
      if (local.hour < hour) continue
      try {
        const sinceDays = await claim(org.id, local.day, at)
        if (sinceDays === null) continue
        const n = await runDailyChecks({ pool: o.pool, orgId: org.id, today: local.day, sinceDays, timeZone })
        await o.pool.query(
          "UPDATE daily_check_runs SET finished_at = $3, raised = $4 WHERE org_id = $1 AND day = $2",
          [org.id, local.day, now(), n],
        )
        raised += n
      } catch (error) {
        o.log.warn({ err: error, orgId: org.id }, "daily checks failed; claimed again after the lease")
      }
    }
    return raised
  }

  let timer: NodeJS.Timeout | null = null
  let running: Promise<unknown> | null = null
  let stopped = false
  const tick = (): void => {
    if (stopped || running !== null) return
    running = runDue()
      .catch((error: unknown) => o.log.warn({ err: error }, "daily checks: a round failed"))
      .finally(() => {
        running = null
      })
  }

  return {
    runDue,
    /** Looks every `intervalMs` (a minute by default) for organisations whose hour has come. */
    start: (intervalMs = 60_000): void => {
      if (timer !== null) return
      timer = setInterval(tick, intervalMs)
      timer.unref()
      tick()
    },
    close: async (): Promise<void> => {
      stopped = true
      if (timer !== null) clearInterval(timer)
      timer = null
      await running
    },
  }
}
export type DailyCheckScheduler = ReturnType<typeof makeDailyCheckScheduler>
