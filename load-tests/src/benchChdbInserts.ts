import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { POSITION_COLUMNS, positionColumns, positionRow } from "@fleetcore/engine"
import { ChdbLayer, ClickHouse } from "@fleetcore/platform"
import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { Effect, ManagedRuntime } from "effect"
import { makeCommandLine } from "./commandLine.js"
import { machineInfo } from "./machineInfo.js"
import { writeResultsFile } from "./resultsFile.js"

const USAGE = `usage: npm run bench:chdb-inserts -- [--rate 20000] [--seconds 10] [--blocks 1000,2000,5000,10000,40000]
                                     [--formats columns,rows]
Inserts positions into chDB's positions table (FleetCore's own migrations and chDB client) at --rate rows a
second in blocks of each size, background merges on, and prints the process CPU per row (building
the batch, the insert, its part and the merges it causes, counted 3 s past the end), for each
format: columns (typed columns read as Arrow, what the engine sends) and rows (JSON rows, what a
ClickHouse server gets). What it shows: an insert has a fixed cost, so the engine's insert batches'
size is CPU; and what parsing text costs.`

const { number } = makeCommandLine("bench:chdb-inserts", USAGE)
const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "20000" },
    seconds: { type: "string", default: "10" },
    blocks: { type: "string", default: "1000,2000,5000,10000,40000" },
    formats: { type: "string", default: "columns,rows" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const rate = number(values, "rate", 100, 1_000_000)
const seconds = number(values, "seconds", 1, 600)
const blocks = (values.blocks ?? "").split(",").map((b) => Math.round(Number(b)))
if (blocks.some((b) => !Number.isFinite(b) || b < 1)) throw new Error(`--blocks: sizes, e.g. 1000,5000`)
const formats = (values.formats ?? "").split(",")
if (formats.some((f) => f !== "columns" && f !== "rows")) throw new Error(`--formats: columns, rows or both`)

const org = "6f1c2a3b-1111-4222-8333-944455556666" as OrgId
const vehicles = Array.from(
  { length: 2_000 },
  (_, i) => `6f1c2a3b-1111-4222-8333-${String(i).padStart(12, "0")}`,
)
const record = (i: number): TelemetryRecord => ({
  orgId: org,
  vehicleId: vehicles[i % vehicles.length] as VehicleId,
  deviceId: `device-${i % vehicles.length}` as DeviceId,
  timeMs: 1_796_000_000_000 + Math.floor(i / vehicles.length) * 1_000,
  receivedAtMs: 1_796_000_000_500 + Math.floor(i / vehicles.length) * 1_000,
  lat: 43.2 + (i % 1_000) * 1e-5,
  lon: 76.9,
  speedMps: 12.5,
  headingDeg: 180,
  satellites: 9,
  odometerM: 123_456 + i,
  fuelLevelPct: 55.5,
  ignition: true,
})
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const runs: Array<{
  format: string
  blockRows: number
  rows: number
  insertWallMs: number
  cpuUsPerRow: number
}> = []
for (const format of formats)
  for (const blockRows of blocks) {
    const dir = mkdtempSync(join(tmpdir(), "fleetcore-bench-chdb-"))
    // FleetCore's chDB with its migrations: the positions table and its settings as the engine has them.
    const runtime = ManagedRuntime.make(ChdbLayer(dir))
    try {
      const ch = await runtime.runPromise(Effect.service(ClickHouse))
      const insertColumns = ch.insertColumns
      if (insertColumns === undefined) throw new Error("chDB inserts typed columns")
      let rows = 0
      let insertWall = 0
      const cpu0 = process.cpuUsage()
      const endMs = performance.now() + seconds * 1_000
      while (performance.now() < endMs) {
        const startedMs = performance.now()
        const records = Array.from({ length: blockRows }, (_, i) => record(rows + i))
        rows += blockRows
        const insertMs = performance.now()
        if (format === "columns") await insertColumns("positions", positionColumns(records))
        else await ch.insert("positions", POSITION_COLUMNS, records.map(positionRow))
        insertWall += performance.now() - insertMs
        const waitMs = (blockRows / rate) * 1_000 - (performance.now() - startedMs)
        if (waitMs > 0) await sleep(waitMs)
      }
      await sleep(3_000) // the merges the inserts caused, counted
      const cpu = process.cpuUsage(cpu0)
      const run = {
        format,
        blockRows,
        rows,
        insertWallMs: Math.round((insertWall / (rows / blockRows)) * 10) / 10,
        cpuUsPerRow: Math.round(((cpu.user + cpu.system) / rows) * 100) / 100,
      }
      runs.push(run)
      console.log(
        `${format.padEnd(7)} blocks of ${String(blockRows).padStart(6)} rows: ${run.cpuUsPerRow} µs of CPU a row, ${run.insertWallMs} ms an insert`,
      )
    } finally {
      await runtime.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  }

const at = new Date().toISOString()
const file = writeResultsFile("chdb-inserts", { at, machine: machineInfo(), rate, seconds, runs })
console.log(`results: ${file}`)
