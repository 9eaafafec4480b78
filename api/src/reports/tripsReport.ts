import type { ReportTable } from "@fleetcore/contract"
import { stopsBetweenTrips } from "../vehicles/stopsBetweenTrips.js"
import { assignedDrivers } from "./assignedDrivers.js"
import type { ReportContext } from "./reportContext.js"
import { REPORT_ROW_CAP } from "./reportRowCap.js"
import { daysOf, km, periodInstants, seconds, wallTime } from "./reportTime.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]

interface TripFound {
  readonly vehicle: string
  readonly startMs: number
  readonly endMs: number
  readonly startLat: number
  readonly startLon: number
  readonly endLat: number
  readonly endLon: number
  readonly distanceM: number
  readonly durationS: number
  readonly idleS: number
  readonly maxSpeedMps: number
}

/** The trips started in the period's days (in the organisation's time zone) of the organisation's vehicles in scope (`FINAL`: a replayed trip once). */
const IN_PERIOD = `FROM trips FINAL
  WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)}
    AND start_time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND start_time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')`

/** A place where there is no address: its coordinates. */
const place = (lat: number, lon: number) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`
const kmh = (mps: number) => Math.round(mps * 3.6)

/**
 * One row per trip started in the period, oldest first (capped at `REPORT_ROW_CAP`; `rowsTotal`
 * counts them all): vehicle, the driver assigned at its start, start and end in the organisation's
 * time zone and place, distance, duration, top speed, idle time, and the stop that followed it
 * until the vehicle's next listed trip (`stopsBetweenTrips`; empty after a vehicle's last). Totals
 * and the chart count every trip, aggregated in ClickHouse.
 */
export const tripsReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const { fromMs, toMs } = periodInstants(period, books.timezone)
  const days = daysOf(period)
  const params = { org: ctx.principal.orgId, vehicles: scope.ids, from: fromMs, to: toMs, tz: books.timezone }
  const [listed, perDay] =
    scope.ids.length === 0
      ? [[], []]
      : [
          await ctx.ch.query<
            Omit<TripFound, "startMs" | "endMs"> & { startMs: number | string; endMs: number | string }
          >(
            `SELECT toString(vehicle_id) AS vehicle,
                    toUnixTimestamp64Milli(start_time) AS startMs, toUnixTimestamp64Milli(end_time) AS endMs,
                    start_lat AS startLat, start_lon AS startLon, end_lat AS endLat, end_lon AS endLon,
                    distance_m AS distanceM, duration_s AS durationS, idle_s AS idleS, max_speed_mps AS maxSpeedMps
             ${IN_PERIOD}
             ORDER BY start_time, vehicle_id LIMIT {cap:UInt32}`,
            { ...params, cap: REPORT_ROW_CAP },
          ),
          await ctx.ch.query<{
            day: string
            n: number | string
            m: number
            d: number
            idle: number
            top: number
          }>(
            `SELECT toString(toDate(start_time, {tz:String})) AS day, count() AS n, sum(distance_m) AS m, sum(duration_s) AS d,
                    sum(idle_s) AS idle, max(max_speed_mps) AS top
             ${IN_PERIOD} GROUP BY day ORDER BY day`,
            params,
          ),
        ]
  const trips: Array<TripFound> = listed.map((t) => ({
    ...t,
    startMs: Number(t.startMs),
    endMs: Number(t.endMs),
  }))
  const stopAfter = new Map<TripFound, number>()
  const byVehicle = new Map<string, Array<TripFound>>()
  for (const t of trips) {
    const own = byVehicle.get(t.vehicle)
    if (own === undefined) byVehicle.set(t.vehicle, [t])
    else own.push(t)
  }
  for (const own of byVehicle.values()) {
    const ending = new Map(own.map((t) => [t.endMs, t]))
    // A stop after the period's last day still follows a trip of the period: no upper bound.
    const stops = stopsBetweenTrips({
      trips: own,
      fromMs,
      toMs: Number.POSITIVE_INFINITY,
      standingNow: false,
      nowMs: 0,
    })
    for (const s of stops) {
      const before = ending.get(s.startMs)
      if (before !== undefined) stopAfter.set(before, s.durationS)
    }
  }
  const drivers = await assignedDrivers(c, scope.ids, fromMs, toMs)
  const vehicles = new Map(scope.vehicles.map((v) => [v.id, v]))
  const columns: Array<Column> = [
    { key: "vehicle", kind: "text" },
    { key: "plate", kind: "text" },
    { key: "driver", kind: "text" },
    { key: "start", kind: "datetime" },
    { key: "startPlace", kind: "text" },
    { key: "end", kind: "datetime" },
    { key: "endPlace", kind: "text" },
    { key: "distanceKm", kind: "distance" },
    { key: "duration", kind: "duration" },
    { key: "maxSpeedKmh", kind: "number" },
    { key: "idleTime", kind: "duration" },
    { key: "stopAfter", kind: "duration" },
  ]
  const sum = (pick: (d: (typeof perDay)[number]) => number) => perDay.reduce((s, d) => s + pick(d), 0)
  const rowsTotal = sum((d) => Number(d.n))
  const capped = rowsTotal > trips.length
  const counted = new Map(perDay.map((d) => [d.day, Number(d.n)]))
  return {
    report: "trips",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters: scope.filters,
    columns,
    rows: trips.map((t) => ({
      vehicle: vehicles.get(t.vehicle)?.name ?? null,
      plate: vehicles.get(t.vehicle)?.plate ?? null,
      driver: drivers.at(t.vehicle, t.startMs),
      start: wallTime(books.timezone, t.startMs),
      startPlace: place(t.startLat, t.startLon),
      end: wallTime(books.timezone, t.endMs),
      endPlace: place(t.endLat, t.endLon),
      distanceKm: km(t.distanceM),
      duration: seconds(t.durationS),
      maxSpeedKmh: kmh(t.maxSpeedMps),
      idleTime: seconds(t.idleS),
      stopAfter: stopAfter.has(t) ? seconds(stopAfter.get(t) ?? 0) : null,
    })),
    totals: {
      vehicle: null,
      plate: null,
      driver: null,
      start: null,
      startPlace: null,
      end: null,
      endPlace: null,
      distanceKm: km(sum((d) => Number(d.m))),
      duration: seconds(sum((d) => Number(d.d))),
      maxSpeedKmh: kmh(perDay.reduce((s, d) => Math.max(s, Number(d.top)), 0)),
      idleTime: seconds(sum((d) => Number(d.idle))),
      // Stops are known between listed trips only: a capped list has no total of them.
      stopAfter: capped ? null : seconds([...stopAfter.values()].reduce((s, v) => s + v, 0)),
    },
    summary: [
      { key: "trips", kind: "number", value: rowsTotal },
      { key: "distanceKm", kind: "distance", value: km(sum((d) => Number(d.m))) },
      { key: "duration", kind: "duration", value: seconds(sum((d) => Number(d.d))) },
    ],
    charts: [
      {
        key: "tripsByDay",
        kind: "bar",
        categoryLabels: "day",
        valueKind: "number",
        categories: [...days],
        series: [{ key: "trips", values: days.map((d) => counted.get(d) ?? 0) }],
      },
    ],
    originals: [],
    unconverted: 0,
    rowsTotal,
  }
}
