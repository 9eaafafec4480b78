import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { hashSecret, restartablePort } from "@fleetcore/platform"
import pg from "pg"
import { makeCommandLine } from "./commandLine.js"
import {
  ConnectionGenerators,
  restartFigures,
  waveFigures,
  writeConnectionResult,
} from "./connectionGenerators.js"
import { FleetServerProcess, startFleetServer, waitUntilReady } from "./FleetServerProcess.js"
import { machineInfo } from "./machineInfo.js"
import { type MemoryAfterGc, memoryAfterGc, mib, writeHeapSnapshot } from "./memoryAfterGc.js"

const USAGE = `usage: npm run bench:connections -- [--connections 15000] [--in-flight 200] [--profile DIR]
                                   [--heap-snapshots DIR] [--ingest-processes N]
Starts FleetCore (embedded defaults, fresh data folder), provisions --connections devices, and holds
that many idle authenticated MQTT 3.1.1 sessions open from a generator in its own process:
  - the server is restarted once before anything is measured (a server in service has seeded its
    data folder long ago; the memory right after the first start is reported too),
  - cold: how fast devices never seen get in (each one verified with argon2id),
  - memory: the server process's memory per connection, read after a full garbage collection
    (through the inspector: the server runs with --inspect on a loopback port),
  - restart: FleetCore stopped and started again, every device reconnecting at once; the time from
    the server being ready until all are back in.
--profile DIR: the restarted server writes a V8 CPU profile there when it stops (the reconnect storm).
--heap-snapshots DIR: heap snapshots of the idle server and of the server holding the connections
(idle.heapsnapshot, held.heapsnapshot) are written there, to compare in Chrome DevTools; the
snapshots cost memory themselves, so measure memory in a run without them.
The file-descriptor limit of the machine (ulimit -n) bounds --connections: the server holds one
per connection.
--ingest-processes N: FleetCore's scale-out shape instead (the project's Kafka broker, a PostgreSQL
server, one engine,api process and N ingest processes, each with its share of the devices and a
generator of its own), for more devices than one process may hold; the devices carry the digest an
earlier connection stored, so the first wave is not the cold one. It reports the ingest processes'
memory per held connection and every device reconnecting after all of them were restarted.`

const { number } = makeCommandLine("bench:connections", USAGE)
const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "15000" },
    "in-flight": { type: "string", default: "200" },
    profile: { type: "string" },
    "heap-snapshots": { type: "string" },
    "ingest-processes": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const count = Math.round(number(values, "connections", 1, 1_000_000))
const inFlight = Math.round(number(values, "in-flight", 1, 10_000))
if (values["ingest-processes"] !== undefined) {
  const { benchConnectionsScaleOut } = await import("./benchConnectionsScaleOut.js")
  const ingestProcesses = Math.round(number(values, "ingest-processes", 1, 64))
  await benchConnectionsScaleOut({ connections: count, ingestProcesses, inFlight })
  process.exit(0)
}

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const dataDir = mkdtempSync(join(tmpdir(), "fleetcore-bench-connections-"))
const adminPassword = `bench-${Math.random().toString(36).slice(2)}`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

console.log(`starting FleetCore in ${dataDir} …`)
const inspectPort = await restartablePort()
const started = await startFleetServer({
  repo,
  dataDir,
  adminPassword,
  logLevel: "warn",
  nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
})
let server: FleetServerProcess = started.server
const ports = started.ports
/** Starts FleetCore again on the same data folder and ports, and waits until it is ready. */
const startAgain = async (nodeArgs: ReadonlyArray<string>): Promise<void> => {
  server = FleetServerProcess.spawn({ repo, dataDir, ports, adminPassword, logLevel: "warn", nodeArgs })
  const ready = await waitUntilReady(server, ports, 120_000)
  if (!ready.ready) throw new Error(`FleetCore did not come back: ${ready.reason}`)
}

// Devices written straight into PostgreSQL (the API would hash each secret with argon2id: an hour
// for 15,000); they share one secret, and each still proves it with argon2id on its first CONNECT.
const secret = "bench-connections-secret-0123456789"
const ids = Array.from({ length: count }, (_, i) => `conn-${String(i + 1).padStart(6, "0")}`)
const db = new pg.Client({
  host: "127.0.0.1",
  port: ports.postgres,
  user: "postgres",
  password: readFileSync(join(dataDir, "postgres.secret"), "utf8").trim(),
  database: "fleetcore",
})
await db.connect()
const org = await db.query<{ id: string }>("SELECT id FROM organisations ORDER BY created_at LIMIT 1")
await db.query(
  `INSERT INTO devices (id, org_id, secret_hash) SELECT unnest($1::text[]), $2, $3 ON CONFLICT DO NOTHING`,
  [ids, org.rows[0]?.id, await hashSecret(secret)],
)
await db.end()

// What a server holds at rest is read on a restarted one, as a server in service is: the first
// start of a fresh data folder also seeded the demo organisation (its photos went through sharp,
// its rows through chDB), which a restart does not repeat. Both are reported.
await sleep(5_000)
const firstStart = await memoryAfterGc(inspectPort)
await server.stop(60_000)
await startAgain([`--inspect=127.0.0.1:${inspectPort}`])

const generators = ConnectionGenerators.start(1)
const connectAll = () => generators.connect([{ host: "127.0.0.1", port: ports.mqtt, ids }], secret, inFlight)

const snapshots = values["heap-snapshots"]
const snapshot = async (name: string) => {
  if (snapshots === undefined) return
  mkdirSync(snapshots, { recursive: true })
  await writeHeapSnapshot(inspectPort, join(snapshots, `${name}.heapsnapshot`))
  console.log(`heap snapshot: ${join(snapshots, `${name}.heapsnapshot`)}`)
}

await sleep(5_000)
const idle = await memoryAfterGc(inspectPort)
console.log(
  `after the first start: RSS ${mib(firstStart.rssBytes)} MiB, heap ${mib(firstStart.heapUsedBytes)} MiB; restarted, with no device connected: RSS ${mib(idle.rssBytes)} MiB, heap ${mib(idle.heapUsedBytes)} MiB, external ${mib(idle.externalBytes)} MiB; connecting ${count} devices …`,
)
await snapshot("idle")
const cold = await connectAll()
console.log(`cold: ${cold.connected} in (${cold.failed} failed) in ${(cold.ms / 1000).toFixed(1)} s`)
await sleep(10_000)
const held = await memoryAfterGc(inspectPort)
const perConnectionKiB = (pick: (m: MemoryAfterGc) => number) =>
  (pick(held) - pick(idle)) / Math.max(1, cold.connected) / 1024
const memory = {
  /** Right after the first start (demo organisation seeded), before the restart. */
  rssFirstStartMiB: mib(firstStart.rssBytes),
  heapFirstStartMiB: mib(firstStart.heapUsedBytes),
  rssIdleMiB: mib(idle.rssBytes),
  rssHeldMiB: mib(held.rssBytes),
  heapIdleMiB: mib(idle.heapUsedBytes),
  heapHeldMiB: mib(held.heapUsedBytes),
  /** Resident memory per connection: the heap's share plus sockets, buffers and the kernel-facing rest. */
  perConnectionKiB: perConnectionKiB((m) => m.rssBytes),
  /** Live JavaScript heap plus external memory per connection. */
  heapPerConnectionKiB: perConnectionKiB((m) => m.heapUsedBytes + m.externalBytes),
}
console.log(
  `server holding ${generators.held} sessions: RSS ${memory.rssHeldMiB} MiB (${memory.perConnectionKiB.toFixed(1)} KiB each), heap + external ${memory.heapPerConnectionKiB.toFixed(1)} KiB each`,
)

await snapshot("held")

console.log("restarting FleetCore …")
const stopT0 = performance.now()
await server.stop(60_000)
const stopMs = performance.now() - stopT0
await startAgain(values.profile === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${values.profile}`])
const restart = await connectAll()
console.log(
  `restart: ${restart.connected} back in (${restart.failed} failed) ${(restart.ms / 1000).toFixed(1)} s after the server was ready`,
)
generators.close()
await server.stop(60_000)
rmSync(dataDir, { recursive: true, force: true })

writeConnectionResult("connections", {
  at: new Date().toISOString(),
  machine: machineInfo(),
  connections: count,
  inFlight,
  cold: waveFigures(cold),
  memory,
  restart: { stopSeconds: stopMs / 1000, ...restartFigures(restart) },
})
process.exit(0)
