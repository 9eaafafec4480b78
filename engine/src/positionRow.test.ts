import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ChdbLayer, ClickHouse, type ClickHouseClient, chTime } from "@fleetcore/platform"
import type { TelemetryRecord } from "@fleetcore/proto"
import { Effect, ManagedRuntime } from "effect"
import { afterAll, beforeAll, expect, it } from "vitest"
import { POSITION_COLUMNS, positionColumns, positionRow } from "./positionRow.js"

/**
 * The determinism guard of the positions row: one recorded stream stored as the engine wrote it
 * before (dates formatted as ClickHouse text) and as it writes it now (epoch milliseconds) must give
 * the same table, row for row.
 */
/**
 * 6,000 rows through chDB and back take about a second on an idle machine; the unit project's 5 s
 * default is too short while the integration files load both cores beside it.
 */
const CHDB_TEST_TIMEOUT_MS = 60_000

const dir = mkdtempSync(join(tmpdir(), "fleet-position-rows-"))
const runtime = ManagedRuntime.make(ChdbLayer(dir))
let ch: ClickHouseClient

beforeAll(async () => {
  ch = await runtime.runPromise(Effect.service(ClickHouse))
  await ch.exec("CREATE TABLE positions_before AS positions")
  await ch.exec("CREATE TABLE positions_rows AS positions")
  await ch.exec("CREATE TABLE positions_columns AS positions")
})

afterAll(async () => {
  await runtime.dispose()
  rmSync(dir, { recursive: true, force: true })
})

/** A stream as devices send it: every optional field present or absent, odd milliseconds. */
const recordedStream = (count: number): TelemetryRecord[] => {
  let seed = 20261202
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return seed / 4294967296
  }
  const maybe = <A>(value: A): A | undefined => (next() < 0.3 ? undefined : value)
  const orgs = ["0b5e1a52-6f0e-4c55-9a53-7d5c1c0d3a01", "6a1f3e7c-2b44-4f0a-8d3e-11c2b3a4d5e6"]
  const records: TelemetryRecord[] = []
  // Within the table's retention (13 months), so no merge may expire a row while the test reads.
  let time = Math.floor(Date.now() / 86_400_000 - 3) * 86_400_000 - 1
  for (let i = 0; i < count; i++) {
    time += 1 + Math.floor(next() * 60_000)
    const vehicle = i % 7
    const record = {
      orgId: orgs[vehicle % 2],
      vehicleId: `9d0c6b1e-3f2a-4b5c-8d7e-00000000000${vehicle}`,
      deviceId: `dev-${vehicle}`,
      timeMs: time,
      receivedAtMs: time + Math.floor(next() * 5_000),
      lat: -89 + next() * 178,
      lon: -179 + next() * 358,
      speedMps: maybe(next() * 60),
      headingDeg: maybe(Math.floor(next() * 360)),
      altitudeM: maybe(next() * 3000 - 100),
      satellites: maybe(Math.floor(next() * 20)),
      hdop: maybe(Math.round(next() * 500) / 100),
      odometerM: maybe(next() * 1e9),
      fuelLevelPct: maybe(next() * 100),
      fuelUsedL: maybe(next() * 1e5),
      ignition: maybe(next() < 0.5),
      engineSeconds: maybe(Math.floor(next() * 1e7)),
      batteryV: maybe(next() * 30),
      dtc: maybe(next() < 0.5 ? [] : ["P0301", `U${Math.floor(next() * 9999)}`]),
      attrs: maybe(next() < 0.5 ? {} : { io_66: next() * 20, "can.rpm": Math.floor(next() * 8000) }),
    }
    records.push(
      Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as TelemetryRecord,
    )
  }
  return records
}

/** The row as the engine built it before: dates as ClickHouse text. */
const rowBefore = (r: TelemetryRecord): ReadonlyArray<unknown> => {
  const row = [...positionRow(r)]
  row[3] = chTime(r.timeMs)
  row[4] = chTime(r.receivedAtMs)
  return row
}

it("stores a recorded stream exactly as the rows with formatted dates did", {
  timeout: CHDB_TEST_TIMEOUT_MS,
}, async () => {
  const stream = recordedStream(3000)
  for (let i = 0; i < stream.length; i += 1000) {
    const batch = stream.slice(i, i + 1000)
    await ch.insert("positions_before", POSITION_COLUMNS, batch.map(rowBefore))
    await ch.insert("positions", POSITION_COLUMNS, batch.map(positionRow))
  }
  const read = (table: string) =>
    ch.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY org_id, vehicle_id, time, device_id`)
  const before = await read("positions_before")
  const after = await read("positions")
  expect(after).toHaveLength(stream.length)
  expect(after).toEqual(before)
  const times = await ch.query<{ ms: string }>(
    "SELECT toString(toUnixTimestamp64Milli(time)) AS ms FROM positions ORDER BY time",
  )
  expect(times.map((t) => Number(t.ms))).toEqual(stream.map((r) => r.timeMs))
})

/** The `positions` columns of type Float32 (Nullable). */
const FLOAT32_COLUMNS = ["speed_mps", "heading_deg", "altitude_m", "hdop", "fuel_level_pct", "battery_v"]

it("stores a recorded stream as typed columns as JSON rows store it, Float32 rounded from the number", {
  timeout: CHDB_TEST_TIMEOUT_MS,
}, async () => {
  const insertColumns = ch.insertColumns
  if (insertColumns === undefined) throw new Error("chDB inserts typed columns")
  const stream = recordedStream(3000)
  // Batches with and without codes and extra readings: those columns are sent only when present.
  const plain = stream.map(({ dtc: _dtc, attrs: _attrs, ...rest }) => rest as TelemetryRecord)
  const batches = [
    stream.slice(0, 1000),
    plain.slice(1000, 2000),
    stream.slice(2000, 2999),
    stream.slice(2999),
  ]
  for (const batch of batches) {
    await ch.insert("positions_rows", POSITION_COLUMNS, batch.map(positionRow))
    await insertColumns("positions_columns", positionColumns(batch))
  }
  await insertColumns("positions_columns", positionColumns([]))
  const read = (table: string) =>
    ch.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY org_id, vehicle_id, time, device_id`)
  const rows = await read("positions_rows")
  const columns = await read("positions_columns")
  expect(rows).toHaveLength(stream.length)
  expect(columns).toHaveLength(stream.length)
  // A Float32 column holds the nearest Float32 to the record's number (Math.fround). JSON rows go
  // through ClickHouse's parsing of the number's text, which in this stream gave the Float32 next to
  // it for about one value in 2,000: the columns are the exact ones.
  const sentOf = new Map<string, TelemetryRecord>(stream.map((r) => [`${r.vehicleId}@${r.timeMs}`, r]))
  for (const [i, row] of columns.entries()) {
    const json = rows[i] as Record<string, unknown>
    for (const name of FLOAT32_COLUMNS) {
      const sent = positionRow(
        sentOf.get(`${row.vehicle_id}@${Date.parse(`${row.time}Z`)}`) as TelemetryRecord,
      )[POSITION_COLUMNS.indexOf(name as (typeof POSITION_COLUMNS)[number])]
      expect(row[name] === null ? null : Math.fround(row[name] as number)).toBe(
        sent === null ? null : Math.fround(sent as number),
      )
    }
    expect(omit(row, FLOAT32_COLUMNS)).toEqual(omit(json, FLOAT32_COLUMNS))
  }
})

const omit = (row: Record<string, unknown>, names: ReadonlyArray<string>) =>
  Object.fromEntries(Object.entries(row).filter(([name]) => !names.includes(name)))
