import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { Session } from "chdb"
import pg from "pg"
import { makeCommandLine } from "./commandLine.js"
import { FleetServerProcess, startFleetServer, waitUntilReady } from "./FleetServerProcess.js"
import { machineInfo } from "./machineInfo.js"
import { writeResultsFile } from "./resultsFile.js"

const USAGE = `usage: npm run bench:reports -- [--days 365] [--requests 10] [--point-every 30]
Starts FleetCore with the full demo fleet (~530 vehicles, a year of expenses, drivers, contracts),
writes --days days of history for every vehicle into ClickHouse as the engine would (daily mileage
per vehicle and per driver, four trips a day from and back to the demo's Central depot, a position
every --point-every seconds of each trip, fills and the odd drain: written in bulk while the server
is stopped), then asks every report the API declares (the geofence visits report among them, over
those positions) for the last 12 months, --requests times each after a warm-up, and records the
latencies. Target: p95 ≤ 1 s per report.`

const TARGET_MS = 1_000
/** Inside the demo's "Central depot" geofence: each day's first trip leaves it, its last returns. */
const DEPOT = { lat: 43.2268, lon: 76.8748 }
const { fail, number } = makeCommandLine("bench:reports", USAGE)
const { values } = parseArgs({
  options: {
    days: { type: "string", default: "365" },
    requests: { type: "string", default: "10" },
    "point-every": { type: "string", default: "30" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const days = Math.round(number(values, "days", 1, 3_650))
const requests = Math.round(number(values, "requests", 1, 1_000))
// A tracker's period while moving (Teltonika's default on the move is 30–60 s).
const pointEveryS = Math.round(number(values, "point-every", 1, 3_600))

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const dataDir = mkdtempSync(join(tmpdir(), "fleetcore-bench-reports-"))
const adminPassword = `bench-${Math.random().toString(36).slice(2)}`

console.log(`starting FleetCore with the full demo fleet in ${dataDir} …`)
const started = await startFleetServer({ repo, dataDir, adminPassword, logLevel: "warn" })
const { ports } = started

const db = new pg.Client({
  host: "127.0.0.1",
  port: ports.postgres,
  user: "postgres",
  password: readFileSync(join(dataDir, "postgres.secret"), "utf8").trim(),
  database: "fleetcore",
})
await db.connect()
const org = (await db.query<{ id: string }>("SELECT id FROM organisations ORDER BY created_at LIMIT 1"))
  .rows[0]
if (org === undefined) fail("no demo organisation")
const vehicleIds = (
  await db.query<{ id: string }>("SELECT id FROM vehicles WHERE org_id = $1", [org?.id])
).rows.map((r) => r.id)
const driverIds = (
  await db.query<{ id: string }>("SELECT id FROM drivers WHERE org_id = $1", [org?.id])
).rows.map((r) => r.id)
await db.end()
console.log(
  `fleet: ${vehicleIds.length} vehicles, ${driverIds.length} drivers; writing ${days} days of history …`,
)

// chDB is in the server's process: the history is written while it is stopped.
await started.server.stop(60_000)
const seedT0 = performance.now()
const session = new Session(join(dataDir, "clickhouse"))
// The fleet and its drivers as two scratch tables the history is generated from (dropped after).
const rowsOf = (ids: ReadonlyArray<string>) => ids.map((id, i) => JSON.stringify({ id, i })).join("\n")
await session.queryAsync("CREATE TABLE bench_fleet (id String, i UInt32) ENGINE = Memory", { format: "Null" })
await session.queryAsync("CREATE TABLE bench_drivers (id String, i UInt32) ENGINE = Memory", {
  format: "Null",
})
await session.queryAsync(`INSERT INTO bench_fleet FORMAT JSONEachRow\n${rowsOf(vehicleIds)}`, {
  format: "Null",
})
if (driverIds.length > 0)
  await session.queryAsync(`INSERT INTO bench_drivers FORMAT JSONEachRow\n${rowsOf(driverIds)}`, {
    format: "Null",
  })
const orgId = `toUUID('${org?.id}')`
const fleet = "(SELECT id AS v, i FROM bench_fleet) AS f"
const day = `(SELECT toUInt32(number + 1) AS d FROM numbers(${days})) AS dd`
const statements = [
  `INSERT INTO daily_mileage (org_id, vehicle_id, day, metres, version)
   SELECT ${orgId}, toUUID(v), today() - d, 40000 + cityHash64(v, d) % 160000, 1 FROM ${fleet} CROSS JOIN ${day}`,
  driverIds.length === 0
    ? null
    : `INSERT INTO daily_mileage_driver (org_id, driver_id, vehicle_id, day, metres, version)
   SELECT ${orgId}, toUUID(dr.id), toUUID(v), today() - d, 40000 + cityHash64(v, d) % 160000, 1
   FROM ${fleet} CROSS JOIN ${day} JOIN bench_drivers AS dr ON dr.i = (f.i + dd.d) % ${driverIds.length}`,
  `INSERT INTO trips (org_id, vehicle_id, device_id, start_time, end_time, start_lat, start_lon, end_lat, end_lon,
                      distance_m, duration_s, moving_s, idle_s, max_speed_mps, avg_speed_mps, fuel_used_l, version)
   SELECT ${orgId}, toUUID(v), concat('bench-', toString(i)),
          toDateTime64(today() - d, 3, 'UTC') + toIntervalMinute(420 + 180 * k),
          toDateTime64(today() - d, 3, 'UTC') + toIntervalMinute(460 + 180 * k),
          if(k = 0, ${DEPOT.lat}, 43.2 + (i % 50) / 500), if(k = 0, ${DEPOT.lon}, 76.9 + (i % 40) / 400),
          if(k = 3, ${DEPOT.lat}, 43.21 + (k % 3) / 100), if(k = 3, ${DEPOT.lon}, 76.91),
          10000 + cityHash64(v, d, k) % 40000, 2400, 2100, 300, 25, 12, NULL, 1
   FROM ${fleet} CROSS JOIN ${day} CROSS JOIN (SELECT number AS k FROM numbers(4)) AS kk`,
  // Each trip's positions, in bulk inside ClickHouse as the demo writes a year of driving
  // (demoDriving.ts): one every --point-every seconds along the trip, from its start to its end.
  `INSERT INTO positions (org_id, vehicle_id, device_id, time, received_at, lat, lon, speed_mps, dtc, attrs)
   SELECT org_id, vehicle_id, device_id, t, t, start_lat + (end_lat - start_lat) * share,
          start_lon + (end_lon - start_lon) * share, if(share IN (0, 1), 0, avg_speed_mps), [], map()
   FROM (
     SELECT org_id, vehicle_id, device_id, start_lat, start_lon, end_lat, end_lon, avg_speed_mps,
            least(toFloat64(n * ${pointEveryS}) / duration_s, 1) AS share,
            start_time + toIntervalMillisecond(toInt64(share * duration_s * 1000)) AS t
     FROM trips
     ARRAY JOIN range(toUInt32(ceil(duration_s / ${pointEveryS})) + 1) AS n
     WHERE org_id = ${orgId} AND startsWith(device_id, 'bench-')
   )`,
  `INSERT INTO fuel_events (org_id, vehicle_id, time, kind, litres, from_l, to_l, lat, lon, version)
   SELECT ${orgId}, toUUID(v), toDateTime64(today() - d, 3, 'UTC') + toIntervalHour(18),
          if((d + i) % 40 = 0, 'fuel_drop', 'fuel_fill'), if((d + i) % 40 = 0, 25, 45), 20, 65, 43.22, 76.92, 1
   FROM ${fleet} CROSS JOIN ${day} WHERE (d + i) % 4 = 0`,
  "DROP TABLE bench_fleet",
  "DROP TABLE bench_drivers",
]
for (const statement of statements) {
  if (statement === null) continue
  // A failing statement's message quotes it whole: the first lines are enough.
  await session.queryAsync(statement, { format: "Null" }).catch((error: unknown) => {
    throw new Error(String(error).slice(0, 600))
  })
}
const counted = JSON.parse(
  (
    await session.queryAsync(
      "SELECT (SELECT count() FROM daily_mileage) AS daily, (SELECT count() FROM trips) AS trips, (SELECT count() FROM positions) AS positions, (SELECT count() FROM fuel_events) AS fuel",
      { format: "JSONEachRow" },
    )
  ).text(),
) as { daily: string; trips: string; positions: string; fuel: string }
session.close()
const seedMs = performance.now() - seedT0
console.log(`history written in ${(seedMs / 1000).toFixed(1)} s: ${JSON.stringify(counted)}`)

const server = FleetServerProcess.spawn({ repo, dataDir, ports, adminPassword, logLevel: "warn" })
const ready = await waitUntilReady(server, ports, 180_000)
if (!ready.ready) fail(`FleetCore did not come back: ${ready.reason}`)
const api = started.api
const password = readFileSync(join(dataDir, "demo-passwords"), "utf8")
  .split("\n")
  .find((l) => l.startsWith("manager@demo.fleetcore.local "))
  ?.split(" ")[1]
const login = await fetch(`${api}/api/v1/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: "manager@demo.fleetcore.local", password }),
})
if (login.status !== 200) fail(`login failed: ${login.status}`)
const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` }

// Every report the API declares (one GET each under /api/v1/reports/), so new reports are measured too.
const openapi = (await (await fetch(`${api}/api/v1/openapi.json`)).json()) as {
  paths: Record<string, { get?: unknown }>
}
const reportPaths = Object.keys(openapi.paths).filter(
  (p) => /^\/api\/v1\/reports\/[a-zA-Z]+$/u.test(p) && openapi.paths[p]?.get !== undefined,
)
if (!reportPaths.includes("/api/v1/reports/geofenceVisits"))
  fail("the API declares no geofence visits report: the positions written above would go unmeasured")

interface Result {
  readonly path: string
  readonly rows: number
  readonly p50Ms: number
  readonly p95Ms: number
  readonly maxMs: number
  readonly meetsTarget: boolean
}
const results: Result[] = []
for (const path of reportPaths) {
  const url = `${api}${path}?period=last12Months`
  const ask = async () => {
    const t0 = performance.now()
    const res = await fetch(url, { headers })
    const body = (await res.json()) as { rows?: unknown[] }
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`)
    return { ms: performance.now() - t0, rows: body.rows?.length ?? 0 }
  }
  await ask()
  await ask()
  const runs: Array<{ ms: number; rows: number }> = []
  for (let i = 0; i < requests; i++) runs.push(await ask())
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] as number
  const r = {
    path,
    rows: runs[0]?.rows ?? 0,
    p50Ms: Math.round(at(0.5)),
    p95Ms: Math.round(at(0.95)),
    maxMs: Math.round(ms[ms.length - 1] as number),
    meetsTarget: at(0.95) <= TARGET_MS,
  }
  results.push(r)
  console.log(
    `${path.padEnd(36)} rows ${String(r.rows).padStart(5)}  p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  max ${r.maxMs} ms`,
  )
}
await server.stop(60_000)
rmSync(dataDir, { recursive: true, force: true })

const at = new Date().toISOString()
const file = writeResultsFile("reports", {
  at,
  machine: machineInfo(),
  fleet: { vehicles: vehicleIds.length, drivers: driverIds.length, days, ...counted },
  seedSeconds: seedMs / 1000,
  period: "last12Months",
  requests,
  targetP95Ms: TARGET_MS,
  results,
})
const missed = results.filter((r) => !r.meetsTarget)
console.log(
  `\n${results.length - missed.length}/${results.length} reports with p95 ≤ ${TARGET_MS} ms` +
    (missed.length > 0 ? ` (missed: ${missed.map((r) => r.path).join(", ")})` : "") +
    `\nresults: ${file}`,
)
process.exit(0)
