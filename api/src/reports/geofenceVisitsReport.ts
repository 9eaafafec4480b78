import type { ReportTable } from "@fleetcore/contract"
import { reason } from "@fleetcore/contract"
import {
  type Geofence,
  type GeofenceState,
  initialGeofenceState,
  insideFence,
  stepGeofences,
} from "@fleetcore/engine"
import { rows, sql } from "../db/sql.js"
import { refuse } from "../http/refuse.js"
import { type Crossing, dwellStays } from "./dwellStays.js"
import type { ReportContext } from "./reportContext.js"
import { REPORT_ROW_CAP } from "./reportRowCap.js"
import { periodInstants, seconds, wallTime } from "./reportTime.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]

/** How far before the period the vehicle's last position is looked for: the side it starts on. */
const LOOK_BACK_MS = 31 * 86_400_000
const M_PER_DEGREE = 111_320

interface NamedFence {
  readonly name: string
  readonly fence: Geofence
  /** The fence's dwell time (`dwell_s`), ms. */
  readonly dwellMs: number
}

/** A fence's bounding box in degrees: ClickHouse keeps only the stays near some fence. */
const box = (f: Geofence) => {
  if (f.kind === "circle") {
    const dLat = f.radiusM / M_PER_DEGREE
    const dLon = f.radiusM / (M_PER_DEGREE * Math.max(0.01, Math.cos((f.lat * Math.PI) / 180)))
    return { minLat: f.lat - dLat, maxLat: f.lat + dLat, minLon: f.lon - dLon, maxLon: f.lon + dLon }
  }
  const lats = f.ring.map((p) => p[0])
  const lons = f.ring.map((p) => p[1])
  return {
    minLat: Math.min(...lats),
    maxLat: Math.max(...lats),
    minLon: Math.min(...lons),
    maxLon: Math.max(...lons),
  }
}

/**
 * Geofence visits: one per entry into a geofence and the exit after it, from the vehicles'
 * positions (`positions_buffer`: the stored points and those not yet flushed, migration 0010; read
 * without FINAL, which cost a quarter of the query: a point stored twice, before its parts merge, is
 * the same position at the same time, and the side it is on does not change at its copy)
 * stepped through the engine's geofence rule (its geometry: every boundary crossing, at the first
 * position on the new side), then held to the fence's dwell time as its alerts are (`dwellStays`):
 * a pass through shorter than the dwell is no visit, and a step outside shorter than it does not
 * end one. ClickHouse sends only the points inside some fence's bounding box, the first point after
 * each (the exit), each vehicle's first point in the period and its last before it (the side it
 * starts on: a vehicle inside then entered before the period), up to the longest dwell after the
 * period (a stay begun at its end confirmed then). Counted: visits entered in the period's days in
 * the organisation's time zone, up to now; one not left by the period's end (or now) is ongoing,
 * its time inside counted to then. Oldest first, capped; totals per geofence in the charts. The
 * fences' alerts are not paired instead: one open alert per vehicle and fence absorbs later
 * crossings, and a fence may alert on one kind of crossing only, or only on a schedule.
 */
export const geofenceVisitsReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const geofenceId = ctx.query.geofenceId
  let query = sql
    .selectFrom("geofences")
    .select(["id", "name", "kind", "center_lat", "center_lon", "radius_m", "ring", "dwell_s"])
    .orderBy("name")
    .orderBy("id")
  if (geofenceId !== undefined) query = query.where("id", "=", geofenceId)
  const found = await rows(c, query)
  if (geofenceId !== undefined && found.length === 0)
    throw refuse(404, "FLEET_REPORT_FILTER_NOT_FOUND", "geofenceId", reason("filterNotVisible"))
  const fences: Array<NamedFence> = found.flatMap((g): Array<NamedFence> => {
    if (g.kind === "circle" && g.center_lat !== null && g.center_lon !== null && g.radius_m !== null)
      return [
        {
          name: g.name,
          dwellMs: g.dwell_s * 1000,
          fence: {
            id: g.id,
            kind: "circle",
            lat: g.center_lat,
            lon: g.center_lon,
            radiusM: g.radius_m,
            dwellS: 0,
          },
        },
      ]
    if (g.kind === "polygon" && g.ring !== null && g.ring.length >= 3)
      return [
        {
          name: g.name,
          dwellMs: g.dwell_s * 1000,
          fence: { id: g.id, kind: "polygon", ring: g.ring, dwellS: 0 },
        },
      ]
    return []
  })
  const filters = [
    ...scope.filters,
    ...(geofenceId === undefined ? [] : [{ key: "geofenceId", id: geofenceId, name: found[0]?.name ?? "" }]),
  ]
  const { fromMs, toMs } = periodInstants(period, books.timezone)
  const endMs = Math.min(toMs, Date.now())
  const horizonMs = Math.min(toMs + Math.max(0, ...fences.map((f) => f.dwellMs)), Date.now())
  const boxes = fences.map((f) => box(f.fence))
  const near = boxes
    .map(
      (_, i) =>
        `(lat BETWEEN {minLat${i}:Float64} AND {maxLat${i}:Float64} AND lon BETWEEN {minLon${i}:Float64} AND {maxLon${i}:Float64})`,
    )
    .join(" OR ")
  const inScope = "org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)}"
  const points =
    scope.ids.length === 0 || fences.length === 0 || endMs <= fromMs
      ? []
      : await ctx.ch.query<{ vehicle: string; ms: number | string; lat: number; lon: number }>(
          `SELECT vehicle, ms, lat, lon FROM (
             SELECT toString(vehicle_id) AS vehicle, toUnixTimestamp64Milli(time) AS ms, lat, lon, ${near} AS inBox,
                    lagInFrame(${near}, 1, false)
                      OVER (PARTITION BY vehicle_id ORDER BY time ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS wasInBox,
                    row_number() OVER (PARTITION BY vehicle_id ORDER BY time) AS nth
             FROM positions_buffer
             WHERE ${inScope}
               AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({end:Int64}, 'UTC'))
           WHERE inBox OR wasInBox OR nth = 1
           UNION ALL
           SELECT toString(vehicle_id) AS vehicle, toUnixTimestamp64Milli(time) AS ms, lat, lon
           FROM positions_buffer
           WHERE ${inScope}
             AND time >= fromUnixTimestamp64Milli({since:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({from:Int64}, 'UTC')
           ORDER BY time DESC LIMIT 1 BY vehicle_id`,
          {
            org: ctx.principal.orgId,
            vehicles: scope.ids,
            since: fromMs - LOOK_BACK_MS,
            from: fromMs,
            end: horizonMs,
            ...Object.fromEntries(
              boxes.flatMap((b, i) => [
                [`minLat${i}`, b.minLat],
                [`maxLat${i}`, b.maxLat],
                [`minLon${i}`, b.minLon],
                [`maxLon${i}`, b.maxLon],
              ]),
            ),
          },
        )
  const byVehicle = new Map<string, Array<{ ms: number; lat: number; lon: number }>>()
  for (const p of points) {
    const own = byVehicle.get(p.vehicle) ?? []
    own.push({ ms: Number(p.ms), lat: p.lat, lon: p.lon })
    byVehicle.set(p.vehicle, own)
  }
  // Every crossing of the boundary (dwell 0, no schedule, both kinds); the dwell is held to after.
  const rule = fences.map((f) => f.fence)
  const fenceOf = new Map(fences.map((f) => [f.fence.id, f]))
  const visits: Array<{
    fence: NamedFence
    vehicle: string
    entered: number
    left: number | null
    insideS: number
  }> = []
  for (const [vehicle, track] of byVehicle) {
    track.sort((a, b) => a.ms - b.ms)
    const first = track[0]
    if (first === undefined) continue
    let state: GeofenceState = initialGeofenceState
    const crossings = new Map<string, Array<Crossing>>(fences.map((f) => [f.fence.id, []]))
    for (const p of track) {
      const step = stepGeofences(state, { timeMs: p.ms, lat: p.lat, lon: p.lon }, rule)
      state = step.state
      for (const e of step.events)
        crossings.get(e.fenceId)?.push({ kind: e.kind === "geofence_enter" ? "enter" : "exit", ms: e.timeMs })
    }
    for (const [fenceId, crossed] of crossings) {
      const fence = fenceOf.get(fenceId)
      if (fence === undefined) continue
      const inside = insideFence(fence.fence, first.lat, first.lon)
      for (const stay of dwellStays(crossed, fence.dwellMs, inside, horizonMs)) {
        if (stay.entered < fromMs || stay.entered >= endMs) continue
        const left = stay.left !== null && stay.left <= endMs ? stay.left : null
        visits.push({
          fence,
          vehicle,
          entered: stay.entered,
          left,
          insideS: ((left ?? endMs) - stay.entered) / 1000,
        })
      }
    }
  }
  visits.sort(
    (a, b) =>
      a.entered - b.entered || a.vehicle.localeCompare(b.vehicle) || a.fence.name.localeCompare(b.fence.name),
  )
  const tally = new Map(fences.map((f) => [f, { name: f.name, count: 0, insideS: 0 }]))
  for (const v of visits) {
    const t = tally.get(v.fence)
    if (t !== undefined) {
      t.count += 1
      t.insideS += v.insideS
    }
  }
  const perFence = [...tally.values()]
  const visited = perFence.filter((f) => f.count > 0)
  const vehicles = new Map(scope.vehicles.map((v) => [v.id, v]))
  const columns: Array<Column> = [
    { key: "geofence", kind: "text" },
    { key: "vehicle", kind: "text" },
    { key: "plate", kind: "text" },
    { key: "entered", kind: "datetime" },
    { key: "left", kind: "datetime" },
    { key: "timeInside", kind: "duration" },
    { key: "status", kind: "label" },
  ]
  const totalS = visits.reduce((s, v) => s + v.insideS, 0)
  return {
    report: "geofenceVisits",
    period,
    currency: books.currency,
    timezone: books.timezone,
    filters,
    columns,
    rows: visits.slice(0, REPORT_ROW_CAP).map((v) => ({
      geofence: v.fence.name,
      vehicle: vehicles.get(v.vehicle)?.name ?? null,
      plate: vehicles.get(v.vehicle)?.plate ?? null,
      entered: wallTime(books.timezone, v.entered),
      left: v.left === null ? null : wallTime(books.timezone, v.left),
      timeInside: seconds(v.insideS),
      status: v.left === null ? "ongoing" : "ended",
    })),
    totals: {
      geofence: null,
      vehicle: null,
      plate: null,
      entered: null,
      left: null,
      timeInside: seconds(totalS),
      status: null,
    },
    summary: [
      { key: "visits", kind: "number", value: visits.length },
      { key: "geofencesVisited", kind: "number", value: visited.length },
      { key: "timeInside", kind: "duration", value: seconds(totalS) },
    ],
    charts: [
      {
        key: "visitsByGeofence",
        kind: "bar",
        categoryLabels: "asIs",
        valueKind: "number",
        categories: visited.map((f) => f.name),
        series: [{ key: "visits", values: visited.map((f) => f.count) }],
      },
      {
        key: "hoursByGeofence",
        kind: "bar",
        categoryLabels: "asIs",
        valueKind: "hours",
        categories: visited.map((f) => f.name),
        series: [{ key: "timeInside", values: visited.map((f) => Math.round(f.insideS / 36) / 100) }],
      },
    ],
    originals: [],
    unconverted: 0,
    rowsTotal: visits.length,
  }
}
