import { randomUUID } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, createUser, type Harness, login, startHarness } from "./harness.js"

/**
 * Issue 11, analysts: an analyst of organisation A reads A's ClickHouse rows, and never one of B's,
 * however the query is written. B's rows carry B's vehicle id and device name; no answer (rows or
 * error message) may hold either.
 */
const PASSWORD = "analytics-isolation-pw"
let h: Harness
let analystA: ApiClient
let analystB: ApiClient
let orgB: string
const vehicleA = randomUUID()
const vehicleB = randomUUID()
const DEVICE_A = "dev-a-analytics"
const DEVICE_B = "dev-b-secret-device"

const seed = async (orgId: string, vehicleId: string, deviceId: string, driverId: string) => {
  const ch = h.fleet.ch
  const now = Date.now()
  const at = (minutesAgo: number) =>
    new Date(now - minutesAgo * 60_000).toISOString().replace("T", " ").slice(0, 23)
  const day = new Date(now).toISOString().slice(0, 10)
  await ch.insert(
    "positions",
    ["org_id", "vehicle_id", "device_id", "time", "received_at", "lat", "lon", "speed_mps", "dtc", "attrs"],
    [0, 1, 2].map((m) => [orgId, vehicleId, deviceId, at(m + 10), at(m + 10), 43.2, 76.9, 10, [], {}]),
  )
  await ch.insert(
    "trips",
    [
      "org_id",
      "vehicle_id",
      "device_id",
      "start_time",
      "end_time",
      "start_lat",
      "start_lon",
      "end_lat",
      "end_lon",
    ].concat([
      "distance_m",
      "duration_s",
      "moving_s",
      "idle_s",
      "max_speed_mps",
      "avg_speed_mps",
      "fuel_used_l",
      "version",
    ]),
    [
      [
        orgId,
        vehicleId,
        deviceId,
        at(60),
        at(30),
        43.2,
        76.9,
        43.3,
        76.95,
        12_000,
        1_800,
        1_500,
        300,
        20,
        8,
        1.2,
        1,
      ],
    ],
  )
  await ch.insert(
    "daily_mileage",
    ["org_id", "vehicle_id", "day", "metres", "version"],
    [[orgId, vehicleId, day, 12_000, 1]],
  )
  await ch.insert(
    "daily_mileage_driver",
    ["org_id", "driver_id", "vehicle_id", "day", "metres", "version"],
    [[orgId, driverId, vehicleId, day, 12_000, 1]],
  )
  await ch.insert(
    "fuel_events",
    ["org_id", "vehicle_id", "time", "kind", "litres", "from_l", "to_l", "lat", "lon", "version"],
    [[orgId, vehicleId, at(20), "fuel_drop", 15, 50, 35, 43.2, 76.9, 1]],
  )
  await ch.insert(
    "dead_letters",
    ["at", "source", "device_id", "org_id", "reason", "field", "message", "payload"],
    [[at(5), "mqtt", deviceId, orgId, "invalid", null, "bad point", `{"vehicle":"${vehicleId}"}`]],
  )
}

const query = (api: ApiClient, sql: string) =>
  api.call<{ error?: { code: string; message: string }; rows?: unknown[][]; columns?: { name: string }[] }>(
    "POST",
    "/api/v1/analytics/query",
    { sql },
  )

beforeAll(async () => {
  h = await startHarness()
  const a = await createOrg(h.fleet, "analytics-a", PASSWORD)
  const b = await createOrg(h.fleet, "analytics-b", PASSWORD)
  orgB = b.orgId
  await createUser(h.fleet, a.orgId, "analyst", "analyst@analytics-a.example", PASSWORD)
  await createUser(h.fleet, b.orgId, "analyst", "analyst@analytics-b.example", PASSWORD)
  analystA = await login(h.fleet, "analyst@analytics-a.example", PASSWORD)
  analystB = await login(h.fleet, "analyst@analytics-b.example", PASSWORD)
  await seed(a.orgId, vehicleA, DEVICE_A, randomUUID())
  await seed(b.orgId, vehicleB, DEVICE_B, randomUUID())
  // B's analyst has queried once: B's views exist, so A can try to name them.
  expect((await query(analystB, "SELECT count() FROM positions")).status).toBe(200)
}, 120_000)

afterAll(async () => {
  await h?.close()
})

describe("an analyst's SQL sees only the organisation's rows", () => {
  it("answers A's own rows from every table", async () => {
    for (const [table, count] of [
      ["positions", 3],
      ["trips", 1],
      ["daily_mileage", 1],
      ["daily_mileage_driver", 1],
      ["fuel_events", 1],
      ["dead_letters", 1],
    ] as const) {
      const res = await query(analystA, `SELECT * FROM ${table}`)
      expect(res.status, `${table}: ${JSON.stringify(res.body)}`).toBe(200)
      expect(res.body.rows).toHaveLength(count)
      const text = JSON.stringify(res.body)
      expect(text).not.toContain(vehicleB)
      expect(text).not.toContain(DEVICE_B)
    }
    const joined = await query(
      analystA,
      "SELECT t.vehicle_id, count() AS points FROM trips AS t INNER JOIN positions AS p ON p.vehicle_id = t.vehicle_id GROUP BY t.vehicle_id",
    )
    expect(joined.status).toBe(200)
    expect(joined.body.rows?.map(([v, n]) => [v, Number(n)])).toEqual([[vehicleA, 3]])
  })

  const bDatabase = () => `fleet_org_${orgB.replaceAll("-", "")}`
  const attacks: ReadonlyArray<readonly [string, () => string]> = [
    ["the raw table", () => "SELECT * FROM default.positions"],
    ["a join with a raw table", () => "SELECT * FROM positions AS p JOIN default.trips AS t ON 1 = 1"],
    [
      "a subquery",
      () => "SELECT * FROM positions WHERE vehicle_id IN (SELECT vehicle_id FROM default.positions)",
    ],
    ["IN a table", () => "SELECT * FROM positions WHERE vehicle_id IN default.positions"],
    ["a scalar subquery", () => "SELECT (SELECT groupArray(vehicle_id) FROM default.positions) AS v"],
    ["a CTE", () => "WITH x AS (SELECT * FROM default.daily_mileage) SELECT * FROM x"],
    ["UNION", () => "SELECT vehicle_id FROM positions UNION ALL SELECT vehicle_id FROM default.positions"],
    ["system.tables", () => "SELECT * FROM system.tables"],
    ["system.parts", () => "SELECT * FROM system.parts"],
    ["system.query_log", () => "SELECT query FROM system.query_log"],
    ["information_schema", () => "SELECT * FROM information_schema.tables"],
    ["INFORMATION_SCHEMA", () => "SELECT * FROM INFORMATION_SCHEMA.COLUMNS"],
    ["B's view", () => `SELECT * FROM ${bDatabase()}.positions`],
    ["B's view joined", () => `SELECT * FROM trips AS t, ${bDatabase()}.trips AS u`],
    ["file()", () => "SELECT * FROM file('/etc/passwd', 'LineAsString')"],
    ["url()", () => "SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')"],
    ["remote()", () => "SELECT * FROM remote('127.0.0.1', default.positions)"],
    ["clusterAllReplicas()", () => "SELECT * FROM clusterAllReplicas('default', default.positions)"],
    ["merge()", () => "SELECT * FROM merge('default', 'positions')"],
    ["merge() on the views", () => "SELECT * FROM merge(REGEXP('fleet_org_.*'), 'positions')"],
    ["view()", () => "SELECT * FROM view(SELECT * FROM default.positions)"],
    ["loop()", () => "SELECT * FROM loop(default, positions) LIMIT 10"],
    ["dictionary()", () => "SELECT * FROM dictionary('anything')"],
    ["mergeTreeIndex()", () => "SELECT * FROM mergeTreeIndex(default, positions)"],
    ["the file() function", () => "SELECT file('/etc/passwd')"],
    ["dictGet", () => "SELECT dictGet('d', 'x', toUInt64(1))"],
    ["joinGet", () => "SELECT joinGet('default.positions', 'lat', 1)"],
    ["hasColumnInTable", () => "SELECT hasColumnInTable('default', 'positions', 'lat')"],
    [
      "a settings override",
      () => "SELECT * FROM positions SETTINGS additional_table_filters = {'positions': '1'}",
    ],
    ["readonly off", () => "SELECT * FROM positions SETTINGS readonly = 0"],
    [
      "settings in a subquery",
      () => "SELECT * FROM (SELECT * FROM positions SETTINGS max_execution_time = 1000)",
    ],
    ["two statements", () => "SELECT 1; SELECT * FROM default.positions"],
    ["a statement after a comment", () => "SELECT 1 -- harmless\n; DROP TABLE default.positions"],
    ["obfuscation with comments and quotes", () => 'SELECT * FROM /* positions */ "default" . "positions"'],
    ["backquotes", () => "SELECT * FROM `default`.`positions`"],
    ["INTO OUTFILE", () => "SELECT * FROM positions INTO OUTFILE '/tmp/analyst-leak.csv'"],
    ["FORMAT", () => "SELECT * FROM positions FORMAT CSV"],
    ["INSERT", () => "INSERT INTO positions (org_id) VALUES (generateUUIDv4())"],
    ["DROP", () => "DROP TABLE positions"],
    ["CREATE VIEW", () => "CREATE VIEW mine AS SELECT * FROM default.positions"],
    ["ALTER", () => "ALTER TABLE default.positions DELETE WHERE 1"],
    ["EXPLAIN", () => "EXPLAIN SELECT * FROM default.positions"],
    ["DESCRIBE", () => "DESCRIBE TABLE default.positions"],
    ["SHOW", () => "SHOW TABLES FROM default"],
    ["SET", () => "SET readonly = 0"],
    ["USE", () => "USE default"],
  ]

  for (const [path, sql] of attacks) {
    it(`gives nothing of B through ${path}`, async () => {
      const res = await query(analystA, sql())
      const text = JSON.stringify(res.body)
      expect(text).not.toContain(vehicleB)
      expect(text).not.toContain(DEVICE_B)
      expect(res.status, text).toBe(400)
      expect(["FLEET_ANALYTICS_QUERY_REJECTED", "FLEET_ANALYTICS_QUERY_FAILED"]).toContain(
        res.body.error?.code,
      )
      if (process.env.SHOW_ANALYTICS) console.log(path, "=>", res.body.error?.code, res.body.error?.message)
    })
  }

  it("leaves every table whole after the attempts", async () => {
    const res = await query(analystB, "SELECT count() FROM positions")
    expect(Number(res.body.rows?.[0]?.[0])).toBe(3)
  })

  it("refuses the query to roles without analytics.query", async () => {
    const viewerEmail = "viewer@analytics-a.example"
    const { orgId } = (
      await h.fleet.db.system.query<{ org_id: string }>("SELECT org_id FROM users WHERE email = $1", [
        "analyst@analytics-a.example",
      ])
    ).rows.map((r) => ({ orgId: r.org_id }))[0] as { orgId: string }
    await createUser(h.fleet, orgId, "viewer", viewerEmail, PASSWORD)
    const viewer = await login(h.fleet, viewerEmail, PASSWORD)
    expect((await query(viewer, "SELECT 1")).status).toBe(403)
  })

  it("records who ran what in the audit log", async () => {
    const rows = await h.fleet.db.system.query<{ details: { sql: string; outcome: string } }>(
      "SELECT details FROM audit_log WHERE action = 'analytics.query' ORDER BY seq",
    )
    const outcomes = rows.rows.map((r) => [r.details.sql, r.details.outcome])
    expect(outcomes).toContainEqual(["SELECT * FROM system.tables", "FLEET_ANALYTICS_QUERY_REJECTED"])
    expect(outcomes).toContainEqual(["SELECT * FROM trips", "ok"])
  })
})
