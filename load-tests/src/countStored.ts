import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Session } from "chdb"
import { Schema } from "effect"
import { StoredSnapshot } from "./crashAccounting.js"

/**
 * `node load-tests/dist/countStored.js <data folder> <device prefix> <out.json>`: reads what a
 * stopped FleetCore stored, straight from its chDB folder, and writes a `StoredSnapshot`. It runs
 * in a process of its own because chDB allows one session per process.
 *
 * `positions` is read WITHOUT FINAL, grouped by point identity (device id, time), so physical
 * duplicate rows are counted; the FINAL count (what readers see) is taken as well.
 */
const [dataDir, prefix, out] = process.argv.slice(2)
if (dataDir === undefined || prefix === undefined || out === undefined) {
  console.error("usage: node countStored.js <data folder> <device prefix> <out.json>")
  process.exit(2)
}

const session = new Session(join(dataDir, "clickhouse"))
const rows = <T>(sql: string): T[] => {
  const text = session.queryBind(sql, { prefix }, "JSONEachRow").trim()
  return text.length === 0 ? [] : text.split("\n").map((line) => JSON.parse(line) as T)
}
const settings = "SETTINGS output_format_json_quote_64bit_integers = 0"

const perDevice = rows<{ device: string; points: Array<[number, number, number | null]> }>(`
  SELECT device AS device, arraySort(groupArray((t, n, odo))) AS points
  FROM (
    SELECT toString(device_id) AS device, toUnixTimestamp64Milli(time) AS t, count() AS n, any(odometer_m) AS odo
    FROM positions
    WHERE startsWith(toString(device_id), {prefix:String})
    GROUP BY device, t
  )
  GROUP BY device
  ${settings}`)
const devices = perDevice.map((d) => ({
  deviceId: d.device,
  times: d.points.map((p) => p[0]),
  rows: d.points.map((p) => p[1]),
  odometers: d.points.map((p) => p[2]),
}))
const [final] = rows<{ n: number }>(`
  SELECT count() AS n FROM positions FINAL WHERE startsWith(toString(device_id), {prefix:String}) ${settings}`)
const mileage = rows<{ vehicle: string; metres: number }>(`
  SELECT toString(vehicle_id) AS vehicle, sum(metres) AS metres FROM daily_mileage FINAL GROUP BY vehicle ${settings}`)

// Checked before it is written: a changed chDB output format (e.g. 64-bit integers as strings)
// must fail here, not surface as every stored point "never sent".
const snapshot = Schema.decodeUnknownSync(StoredSnapshot)({
  devices,
  finalRows: final?.n ?? 0,
  mileageByVehicle: Object.fromEntries(mileage.map((m) => [m.vehicle, m.metres])),
})
writeFileSync(out, JSON.stringify(snapshot))
session.close()
