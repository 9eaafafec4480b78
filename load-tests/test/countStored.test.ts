import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { StoredSnapshot } from "../src/crashAccounting.js"

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const script = join(repo, "load-tests", "dist", "countStored.js")
const migrations = join(repo, "infra", "migrations", "clickhouse")
const V1 = "11111111-1111-1111-1111-111111111111"
const V2 = "22222222-2222-2222-2222-222222222222"
const ORG = "00000000-0000-0000-0000-000000000001"
/** A device time in ms, as the benchmark sends (2026-11-30 UTC). */
const T = 1_796_129_530_336

/**
 * The tables are made by the real ClickHouse migrations and filled in a child process (chDB allows
 * one session per process, and the script under test opens its own).
 */
const SETUP = `
import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { Session } from "chdb"
const [dir, migrations] = process.argv.slice(1)
const session = new Session(join(dir, "clickhouse"))
const T = ${T}
for (const file of readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort())
  // As the migration runner splits them (platform/src/internal/clickhouseMigrations.ts): a ";" ends
  // a statement only at the end of a line, so one inside a comment does not.
  for (const statement of readFileSync(join(migrations, file), "utf8").split(/;\\s*(?:\\n|$)/))
    if (statement.replace(/^\\s*--.*$/gm, "").trim().length > 0) session.query(statement)
const at = (ms) => "fromUnixTimestamp64Milli(toInt64(" + ms + "), 'UTC')"
const point = (vehicle, device, ms, odometer) =>
  "('${ORG}', '" + vehicle + "', '" + device + "', " + at(ms) + ", " + at(ms) + ", 43.1, 76.8, " + odometer + ")"
// Separate INSERTs make separate parts, so the duplicate row of crash-0001 @ T stays unmerged.
for (const values of [
  [point("${V1}", "crash-0001", T, 5000), point("${V1}", "crash-0001", T + 1, 5001)],
  [point("${V1}", "crash-0001", T, 5000), point("${V2}", "crash-0002", T + 20, "NULL")],
  [point("${V2}", "other-0001", T + 30, 1)],
])
  session.query("INSERT INTO positions (org_id, vehicle_id, device_id, time, received_at, lat, lon, odometer_m) " +
    "SETTINGS optimize_on_insert = 0 VALUES " + values.join(", "))
session.query("INSERT INTO daily_mileage (org_id, vehicle_id, day, metres, version) VALUES ('${ORG}', '${V1}', '2026-01-01', 10, 1), ('${ORG}', '${V1}', '2026-01-01', 12, 2)")
session.query("INSERT INTO daily_mileage (org_id, vehicle_id, day, metres, version) VALUES ('${ORG}', '${V1}', '2026-01-02', 3.5, 1), ('${ORG}', '${V2}', '2026-01-02', 7, 1)")
session.close()
`

describe("countStored", () => {
  let dir = ""
  beforeAll(() => {
    if (!existsSync(script)) throw new Error(`build first (npm run build): ${script} is missing`)
    dir = mkdtempSync(join(tmpdir(), "fleetcore-count-"))
    expect(readdirSync(migrations).length).toBeGreaterThan(0)
    execFileSync(process.execPath, ["--input-type=module", "-e", SETUP, dir, migrations], { cwd: repo })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("counts rows per point without FINAL, the FINAL count and the final mileage per vehicle", () => {
    const out = join(dir, "stored.json")
    execFileSync(process.execPath, [script, dir, "crash-", out], { cwd: repo })
    const snapshot = Schema.decodeUnknownSync(StoredSnapshot)(JSON.parse(readFileSync(out, "utf8")))
    const byDevice = Object.fromEntries(snapshot.devices.map((d) => [d.deviceId, d]))
    expect(Object.keys(byDevice).sort()).toEqual(["crash-0001", "crash-0002"])
    expect(byDevice["crash-0001"]).toEqual({
      deviceId: "crash-0001",
      times: [T, T + 1],
      rows: [2, 1],
      odometers: [5000, 5001],
    })
    expect(byDevice["crash-0002"]).toEqual({
      deviceId: "crash-0002",
      times: [T + 20],
      rows: [1],
      odometers: [null],
    })
    expect(snapshot.finalRows).toBe(3)
    expect(snapshot.mileageByVehicle).toEqual({ [V1]: 15.5, [V2]: 7 })
  })
})
