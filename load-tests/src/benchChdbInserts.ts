import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { POSITION_COLUMNS, positionRow } from "@fleetcore/engine"
import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { Session } from "chdb"
import { makeCommandLine } from "./commandLine.js"
import { machineInfo } from "./machineInfo.js"

const USAGE = `usage: npm run bench:chdb-inserts -- [--rate 20000] [--seconds 10] [--blocks 1000,2000,5000,10000,40000]
Inserts positions rows into chDB's positions table (FleetCore's own DDL and row builder, JSON rows as
the engine sends them) at --rate rows a second in blocks of each size, background merges on, and
prints the process CPU per row (the insert, its part and the merges it causes, counted 3 s past the
end). What it shows: an insert has a fixed cost, so the engine's insert batches' size is CPU.`

const { number } = makeCommandLine("bench:chdb-inserts", USAGE)
const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "20000" },
    seconds: { type: "string", default: "10" },
    blocks: { type: "string", default: "1000,2000,5000,10000,40000" },
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

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const ddl = (readFileSync(
  join(repo, "infra", "migrations", "clickhouse", "0001_positions.sql"),
  "utf8",
).split(";")[0] ?? "") as string
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

const runs: Array<{ blockRows: number; rows: number; insertWallMs: number; cpuUsPerRow: number }> = []
for (const blockRows of blocks) {
  const dir = mkdtempSync(join(tmpdir(), "fleetcore-bench-chdb-"))
  const session = new Session(dir)
  try {
    session.query(ddl, "Null")
    const columns = POSITION_COLUMNS.join(", ")
    let rows = 0
    let insertWall = 0
    const cpu0 = process.cpuUsage()
    const endMs = performance.now() + seconds * 1_000
    while (performance.now() < endMs) {
      const startedMs = performance.now()
      let body = ""
      for (let i = 0; i < blockRows; i++) body += `${JSON.stringify(positionRow(record(rows + i)))}\n`
      rows += blockRows
      const insertMs = performance.now()
      await session.queryAsync(`INSERT INTO positions (${columns}) FORMAT JSONCompactEachRow\n${body}`, {
        format: "Null",
      })
      insertWall += performance.now() - insertMs
      const waitMs = (blockRows / rate) * 1_000 - (performance.now() - startedMs)
      if (waitMs > 0) await sleep(waitMs)
    }
    await sleep(3_000) // the merges the inserts caused, counted
    const cpu = process.cpuUsage(cpu0)
    const run = {
      blockRows,
      rows,
      insertWallMs: Math.round((insertWall / (rows / blockRows)) * 10) / 10,
      cpuUsPerRow: Math.round(((cpu.user + cpu.system) / rows) * 100) / 100,
    }
    runs.push(run)
    console.log(
      `blocks of ${String(blockRows).padStart(6)} rows: ${run.cpuUsPerRow} µs of CPU a row, ${run.insertWallMs} ms an insert`,
    )
  } finally {
    session.cleanup()
    rmSync(dir, { recursive: true, force: true })
  }
}

const at = new Date().toISOString()
const out = join(repo, "load-tests", "results")
mkdirSync(out, { recursive: true })
const file = join(out, `chdb-inserts-${at.replace(/[:.]/gu, "-")}.json`)
writeFileSync(file, `${JSON.stringify({ at, machine: machineInfo(), rate, seconds, runs }, null, 2)}\n`)
console.log(`results: ${file}`)
