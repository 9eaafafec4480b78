import type { ReportTable } from "@fleetcore/contract"
import { type Geofence, insideFence } from "@fleetcore/engine"
import { HttpError } from "@fleetcore/platform"
import { rows, sql } from "../db/sql.js"
import type { ReportContext } from "./reportContext.js"
import { REPORT_ROW_CAP } from "./reportRowCap.js"
import { periodInstants, seconds, wallTime } from "./reportTime.js"

type Table = typeof ReportTable.Type
type Column = Table["columns"][number]

/** How far after the period a stay's next trip is looked for; later, the stay counts to the period's end. */
const NEXT_TRIP_WITHIN_MS = 31 * 86_400_000
const M_PER_DEGREE = 111_320

interface NamedFence {
  readonly name: string
  readonly fence: Geofence
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
 * Geofence visits: the stays of the vehicles in scope inside a geofence. A stay is the stop between
 * two of the engine's trips (`trips` FINAL): entered when a trip ended inside the fence (the same
 * geometry as the engine's geofence rule), left when the next trip started. The geofence alerts
 * cannot be paired into visits: one open alert per vehicle and fence absorbs every later crossing,
 * and a fence may alert on one kind of crossing only. Counted: stays that began in the period's UTC
 * days; one whose next trip is not known counts to the period's end (or now) and has no exit.
 * Oldest first, capped; totals per geofence in the charts.
 */
export const geofenceVisitsReport = async (ctx: ReportContext): Promise<Table> => {
  const { c, scope, period, books } = ctx
  const geofenceId = ctx.query.geofenceId
  let query = sql
    .selectFrom("geofences")
    .select(["id", "name", "kind", "center_lat", "center_lon", "radius_m", "ring"])
    .orderBy("name")
    .orderBy("id")
  if (geofenceId !== undefined) query = query.where("id", "=", geofenceId)
  const found = await rows(c, query)
  if (geofenceId !== undefined && found.length === 0)
    throw new HttpError(
      404,
      "FLEET_REPORT_FILTER_NOT_FOUND",
      "no such geofenceId among what you may see",
      "geofenceId",
    )
  const fences: Array<NamedFence> = found.flatMap((g): Array<NamedFence> => {
    if (g.kind === "circle" && g.center_lat !== null && g.center_lon !== null && g.radius_m !== null)
      return [
        {
          name: g.name,
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
      return [{ name: g.name, fence: { id: g.id, kind: "polygon", ring: g.ring, dwellS: 0 } }]
    return []
  })
  const filters = [
    ...scope.filters,
    ...(geofenceId === undefined ? [] : [{ key: "geofenceId", id: geofenceId, name: found[0]?.name ?? "" }]),
  ]
  const { fromMs, toMs } = periodInstants(period)
  const endMs = Math.min(toMs, Date.now())
  const boxes = fences.map((f) => box(f.fence))
  const near = boxes
    .map(
      (_, i) =>
        `(lat BETWEEN {minLat${i}:Float64} AND {maxLat${i}:Float64} AND lon BETWEEN {minLon${i}:Float64} AND {maxLon${i}:Float64})`,
    )
    .join(" OR ")
  const stays =
    scope.ids.length === 0 || fences.length === 0
      ? []
      : await ctx.ch.query<{
          vehicle: string
          endMs: number | string
          nextMs: number | string
          lat: number
          lon: number
        }>(
          `SELECT vehicle, endMs, nextMs, lat, lon FROM (
             SELECT toString(vehicle_id) AS vehicle, toUnixTimestamp64Milli(end_time) AS endMs,
                    toUnixTimestamp64Milli(leadInFrame(start_time, 1, toDateTime64(0, 3, 'UTC'))
                      OVER (PARTITION BY vehicle_id ORDER BY start_time ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)) AS nextMs,
                    end_lat AS lat, end_lon AS lon
             FROM trips FINAL
             WHERE org_id = {org:UUID} AND vehicle_id IN {vehicles:Array(UUID)}
               AND start_time >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
               AND start_time < fromUnixTimestamp64Milli({until:Int64}, 'UTC'))
           WHERE endMs >= {from:Int64} AND endMs < {to:Int64} AND (${near})
           ORDER BY endMs, vehicle`,
          {
            org: ctx.principal.orgId,
            vehicles: scope.ids,
            // A trip ending in the period may have started the day before.
            since: fromMs - 86_400_000,
            until: toMs + NEXT_TRIP_WITHIN_MS,
            from: fromMs,
            to: toMs,
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
  const visits = stays.flatMap((s) => {
    const entered = Number(s.endMs)
    const next = Number(s.nextMs)
    const left = next > entered ? next : null
    const insideS = ((left ?? Math.max(entered, endMs)) - entered) / 1000
    return fences
      .filter((f) => insideFence(f.fence, s.lat, s.lon))
      .map((f) => ({ fence: f, vehicle: s.vehicle, entered, left, insideS }))
  })
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
    })),
    totals: {
      geofence: null,
      vehicle: null,
      plate: null,
      entered: null,
      left: null,
      timeInside: seconds(totalS),
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
