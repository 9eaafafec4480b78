import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { Schema } from "effect"
import { type CrashDevice, startCrashLoad } from "./CrashLoad.js"
import { CrashTarget } from "./CrashTarget.js"
import { makeCommandLine } from "./commandLine.js"
import { accountCrashRun, StoredSnapshot } from "./crashAccounting.js"
import { type CycleRecord, formatCrashResults, summariseCrashRun } from "./crashResults.js"
import { allocateFleetPorts, serverLogTail } from "./FleetServerProcess.js"
import { machineInfo } from "./machineInfo.js"
import { metricValue } from "./metrics.js"
import { PointLedger } from "./PointLedger.js"
import { provisionDevices } from "./provision.js"
import { writeResultsFile } from "./resultsFile.js"
import { seededRandom } from "./seededRandom.js"

const USAGE = `usage: npm run bench:crash -- [--cycles 100] [--rate 2000] [--devices 50] [--http-share 0.2]
         [--seed N] [--min-up-s 2] [--max-up-s 8] [--pg-kill-every 3] [--server-kill group|process]
         [--data-root DIR] [--keep-data]
Starts FleetCore (server/dist/main.js) on free ports with a fresh data folder, runs a steady QoS 1
MQTT and HTTP load, SIGKILLs the server (every k-th cycle its PostgreSQL instead) at random moments,
restarts it on the same folder, then counts what was stored against what was acknowledged.`

const { fail, number } = makeCommandLine("bench:crash", USAGE)
const { values } = parseArgs({
  options: {
    cycles: { type: "string", default: "100" },
    rate: { type: "string", default: "2000" },
    devices: { type: "string", default: "50" },
    "http-share": { type: "string", default: "0.2" },
    seed: { type: "string" },
    "min-up-s": { type: "string", default: "2" },
    "max-up-s": { type: "string", default: "8" },
    "pg-kill-every": { type: "string", default: "3" },
    "server-kill": { type: "string", default: "group" },
    "data-root": { type: "string", default: tmpdir() },
    "keep-data": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const num = (name: keyof typeof values, min: number, max: number) => number(values, name, min, max)
const cycles = Math.round(num("cycles", 1, 100_000))
const rate = num("rate", 1, 100_000)
const deviceCount = Math.round(num("devices", 1, 5000))
const httpShare = num("http-share", 0, 1)
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Math.round(num("seed", 0, 2 ** 32 - 1))
const minUpS = num("min-up-s", 0.1, 3600)
const maxUpS = num("max-up-s", minUpS, 3600)
const pgKillEvery = Math.round(num("pg-kill-every", 0, 100_000))
const killScope =
  values["server-kill"] === "process"
    ? "process"
    : values["server-kill"] === "group"
      ? "group"
      : fail("--server-kill must be group or process")
const parameters = {
  cycles,
  rate,
  devices: deviceCount,
  httpShare,
  seed,
  minUpS,
  maxUpS,
  pgKillEvery,
  serverKill: killScope,
}

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
mkdirSync(values["data-root"], { recursive: true })
const dataDir = mkdtempSync(join(values["data-root"], "fleetcore-crash-"))
const target = new CrashTarget(
  { repo, dataDir, ports: await allocateFleetPorts(), adminPassword: `crash-${seed}-${process.pid}` },
  killScope,
)
const ports = target.options.ports
// Nothing this benchmark started may outlive it, however it ends.
process.on("exit", () => target.killEverything())
process.on("uncaughtExceptionMonitor", () => {
  console.error(
    `bench:crash aborted; data kept in ${dataDir}; end of the server log:\n${serverLogTail(dataDir, 20)}`,
  )
})
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130))

// The kill schedule has its own sequence, so the load's reconnect jitter cannot shift it.
const schedule = seededRandom(seed)
const jitter = seededRandom(seed ^ 0x5bd1e995)
console.log(`bench:crash: seed ${seed}, data ${dataDir}`)
const first = await target.start()
console.log(`FleetCore ready in ${(first.readyMs / 1000).toFixed(1)} s; provisioning ${deviceCount} devices…`)
const api = `http://127.0.0.1:${ports.http}`
const { devices: creds } = await provisionDevices({
  api,
  email: "admin@demo.fleetcore.local",
  password: target.options.adminPassword,
  count: deviceCount,
  prefix: "crash",
})
// Every device keeps one transport, so its points stay in order on one connection.
const devices: CrashDevice[] = creds.map((c, i) => ({
  deviceId: c.deviceId,
  secret: c.secret,
  transport: Math.floor((i + 1) * httpShare) > Math.floor(i * httpShare) ? "http" : "mqtt",
}))
const ledger = new PointLedger(
  devices.map((d) => d.deviceId),
  (i) => ({ startM: 1_000_000 * (i + 1), stepM: 1 }),
)
const load = startCrashLoad({
  devices,
  ledger,
  rate,
  host: "127.0.0.1",
  httpPort: ports.http,
  mqttPort: ports.mqtt,
  random: jitter,
})
const loadStarted = performance.now()
const generatorCpu = process.cpuUsage()
console.log(
  `load: ${rate} points/s from ${devices.filter((d) => d.transport === "mqtt").length} MQTT and ${devices.filter((d) => d.transport === "http").length} HTTP devices; ${cycles} cycles`,
)

const records: CycleRecord[] = []
for (let cycle = 1; cycle <= cycles; cycle++) {
  const upS = Math.round(schedule.between(minUpS, maxUpS) * 100) / 100
  await target.runFor(upS * 1000)
  const kind = pgKillEvery > 0 && cycle % pgKillEvery === 0 ? "postgres" : "server"
  const record =
    kind === "postgres" ? await target.killPostgres(cycle, upS) : await target.killServer(cycle, upS)
  records.push(record)
  console.log(
    `cycle ${cycle}/${cycles}: ${kind} killed after ${upS} s; ${record.outcome}, serving again after ${record.recoveryMs} ms` +
      (record.failedRestarts.length > 0 ? `; ${record.failedRestarts.length} failed restarts` : "") +
      `; acknowledged so far ${ledger.acknowledged} of ${ledger.sent}`,
  )
}
// The last restart is loaded too before the load stops.
await target.runFor(minUpS * 1000)
await load.stop(5000)
const loadDurationS = (performance.now() - loadStarted) / 1000
const used = process.cpuUsage(generatorCpu)
const generatorCpuS = (used.user + used.system) / 1e6

// Drained: nothing pending on the bus and no new positions rows for 3 s.
const drainStarted = Date.now()
let settled = false
let last = ""
let stableSince = Date.now()
while (Date.now() - drainStarted < 120_000) {
  const text = await fetch(`${api}/metrics`).then(
    async (r) => (r.ok ? await r.text() : ""),
    () => "",
  )
  const rows = metricValue(text, "fleet_clickhouse_rows_written_total")
  const pending = metricValue(text, "fleet_bus_pending")
  const now = `${rows}/${pending}`
  if (text === "" || now !== last || pending > 0) stableSince = Date.now()
  last = now
  if (Date.now() - stableSince >= 3000) {
    settled = true
    break
  }
  await new Promise((r) => setTimeout(r, 250))
}
const drain = { waitedS: Math.round((Date.now() - drainStarted) / 100) / 10, settled }
const { exit, forced } = await target.stop(60_000)

const storedFile = join(dataDir, "stored.json")
const counted = spawnSync(
  process.execPath,
  [join(repo, "load-tests", "dist", "countStored.js"), dataDir, "crash-", storedFile],
  {
    stdio: "inherit",
  },
)
if (counted.status !== 0) {
  console.error(`bench:crash: counting the stored points failed; data kept in ${dataDir}`)
  console.error(serverLogTail(dataDir, 20))
  process.exit(1)
}
const stored = Schema.decodeUnknownSync(StoredSnapshot)(JSON.parse(readFileSync(storedFile, "utf8")))
const accounting = accountCrashRun(
  ledger,
  stored,
  new Map(creds.map((c) => [c.deviceId, c.vehicleId])),
  records.map((r) => r.killedAtMs),
)
const results = summariseCrashRun({
  at: new Date().toISOString(),
  machine: machineInfo(),
  parameters,
  cycles: records,
  unexpectedExits: target.unexpectedExits,
  load: { durationS: loadDurationS, generatorCpuS, stats: load.stats },
  drain,
  shutdown: { forced, code: exit.code },
  accounting,
})

const file = writeResultsFile("crash", results)
console.log(`\n${formatCrashResults(results, file)}`)
// A failed run keeps its data folder (server.log, chDB, PostgreSQL) for the post-mortem.
if (values["keep-data"] || !results.verdict.passed) console.log(`  data kept in ${dataDir}`)
else rmSync(dataDir, { recursive: true, force: true })
process.exit(results.verdict.passed ? 0 : 1)
