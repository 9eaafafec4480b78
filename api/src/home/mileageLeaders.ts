import type { HomeMileage } from "@fleetcore/contract"
import { HOME_LIST_LIMIT } from "@fleetcore/contract"
import type { ClickHouseClient } from "@fleetcore/platform"

/** This month's distance of the organisation's fleet, and the ids of the vehicles that drove most. */
export interface MileageTotals {
  readonly from: string
  readonly metres: number
  readonly moved: number
  /** [vehicle id, metres], most first (then by id). */
  readonly top: ReadonlyArray<readonly [string, number]>
}

/**
 * This month's distance per vehicle from ClickHouse
 * `daily_mileage`, the engine's per-day running totals (each day's newest version: a re-derived day
 * counts once; `argMax` per day reads only the month's rows, where `FINAL` merged the organisation's
 * whole history first: 5 ms instead of 22 ms for 520 vehicles with a year behind them), in
 * one statement: the total, the vehicles that moved and the leaders (chDB runs one statement at a
 * time per process, so a second statement per home page would queue behind every other caller's).
 * ClickHouse has no row-level security: the statement filters by the caller's organisation.
 * `from` is the first day of the month in the organisation's time zone, whose days the engine keeps.
 */
export const mileageTotals = async (
  ch: ClickHouseClient,
  orgId: string,
  from: string,
): Promise<MileageTotals> => {
  const [found] = await ch.query<{
    metres: number | null
    vehicles: number | string
    top: Array<[string, number]>
  }>(
    `SELECT sum(m) AS metres, countIf(m > 0) AS vehicles,
       arraySlice(arraySort(x -> (-x.2, x.1), groupArrayIf((toString(vehicle_id), m), m > 0)), 1, ${HOME_LIST_LIMIT}) AS top
     FROM (SELECT vehicle_id, sum(metres) AS m
           FROM (SELECT vehicle_id, day, argMax(metres, version) AS metres
                 FROM daily_mileage WHERE org_id = {org:UUID} AND day >= {from:Date} GROUP BY vehicle_id, day)
           GROUP BY vehicle_id)`,
    { org: orgId, from },
  )
  return {
    from,
    metres: Number(found?.metres ?? 0),
    moved: Number(found?.vehicles ?? 0),
    top: found?.top ?? [],
  }
}

/** A leader's name and plate, as the home statement reads them (row-level security applies). */
export interface LeaderName {
  readonly id: string
  readonly name: string
  readonly plate: string | null
}

/**
 * The mileage widget from ClickHouse's totals and the leaders' names read in PostgreSQL: a vehicle
 * whose name the caller's organisation does not hold never shows.
 */
export const mileageLeaders = (
  totals: MileageTotals,
  names: ReadonlyArray<LeaderName>,
): typeof HomeMileage.Type => {
  const km = (m: number) => Math.round(m) / 1000
  return {
    from: totals.from,
    totalKm: km(totals.metres),
    averageKm: totals.moved === 0 ? 0 : km(totals.metres / totals.moved),
    leaders: totals.top.flatMap(([id, m]) => {
      const v = names.find((n) => n.id === id)
      return v === undefined ? [] : [{ vehicleId: v.id, name: v.name, plate: v.plate, km: km(m) }]
    }),
  }
}
