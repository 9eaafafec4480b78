import { fork } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { hashSecret } from "@fleetcore/platform"
import pg from "pg"
import { makeCommandLine } from "./commandLine.js"
import type { GeneratorCommand, GeneratorReport } from "./connectionGenerator.js"
import { FleetServerProcess, startFleetServer, waitUntilReady } from "./FleetServerProcess.js"
import { machineInfo } from "./machineInfo.js"

const USAGE = `usage: npm run bench:connections -- [--connections 15000] [--in-flight 200]
Starts FleetCore (embedded defaults, fresh data folder), provisions --connections devices, and holds
that many idle authenticated MQTT 3.1.1 sessions open from a generator in its own process:
  - cold: how fast devices never seen get in (each one verified with argon2id),
  - memory: the server process's resident memory per connection,
  - restart: FleetCore stopped and started again, every device reconnecting at once; the time from
    the server being ready until all are back in.
The file-descriptor limit of the machine (ulimit -n) bounds --connections: the server holds one
per connection.`

const { number } = makeCommandLine("bench:connections", USAGE)
const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "15000" },
    "in-flight": { type: "string", default: "200" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const count = Math.round(number(values, "connections", 1, 1_000_000))
const inFlight = Math.round(number(values, "in-flight", 1, 10_000))

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const dataDir = mkdtempSync(join(tmpdir(), "fleetcore-bench-connections-"))
const adminPassword = `bench-${Math.random().toString(36).slice(2)}`
const rssOf = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/u)
  return line === null ? 0 : Number(line[1]) * 1024
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** The median of five samples a second apart: one sample can land before or after a collection. */
const settledRss = async (pid: number): Promise<number> => {
  const samples: number[] = []
  for (let i = 0; i < 5; i++) {
    samples.push(rssOf(pid))
    await sleep(1_000)
  }
  return samples.sort((a, b) => a - b)[2] as number
}
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

console.log(`starting FleetCore in ${dataDir} …`)
const started = await startFleetServer({ repo, dataDir, adminPassword, logLevel: "warn" })
let server: FleetServerProcess = started.server
const ports = started.ports

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

const generator = fork(join(dirname(fileURLToPath(import.meta.url)), "connectionGenerator.js"), [], {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
})
let open = 0
const waves: Array<(r: Extract<GeneratorReport, { kind: "wave" }>) => void> = []
generator.on("message", (report: GeneratorReport) => {
  if (report.kind === "open") open = report.open
  else if (report.kind === "progress")
    console.log(`  … ${report.connected} in after ${Math.round(report.ms / 1000)} s`)
  else waves.shift()?.(report)
})
const connectAll = (): Promise<Extract<GeneratorReport, { kind: "wave" }>> =>
  new Promise((resolve) => {
    waves.push(resolve)
    const command: GeneratorCommand = {
      cmd: "connect",
      host: "127.0.0.1",
      port: ports.mqtt,
      ids,
      secret,
      inFlight,
    }
    generator.send(command)
  })

await sleep(5_000)
const rssIdle = await settledRss(server.pid)
console.log(`server RSS with no device connected: ${mib(rssIdle)} MiB; connecting ${count} devices …`)
const cold = await connectAll()
console.log(`cold: ${cold.connected} in (${cold.failed} failed) in ${(cold.ms / 1000).toFixed(1)} s`)
await sleep(10_000)
const rssHeld = await settledRss(server.pid)
const perConnection = (rssHeld - rssIdle) / Math.max(1, cold.connected)
console.log(
  `server RSS holding ${open} sessions: ${mib(rssHeld)} MiB (${(perConnection / 1024).toFixed(1)} KiB each)`,
)

console.log("restarting FleetCore …")
const stopT0 = performance.now()
await server.stop(60_000)
const stopMs = performance.now() - stopT0
server = FleetServerProcess.spawn({ repo, dataDir, ports, adminPassword, logLevel: "warn" })
const ready = await waitUntilReady(server, ports, 120_000)
if (!ready.ready) throw new Error(`FleetCore did not come back: ${ready.reason}`)
const restart = await connectAll()
console.log(
  `restart: ${restart.connected} back in (${restart.failed} failed) ${(restart.ms / 1000).toFixed(1)} s after the server was ready`,
)
generator.send({ cmd: "close" } satisfies GeneratorCommand)
await server.stop(60_000)
rmSync(dataDir, { recursive: true, force: true })

const at = new Date().toISOString()
const result = {
  at,
  machine: machineInfo(),
  connections: count,
  inFlight,
  cold: {
    connected: cold.connected,
    failed: cold.failed,
    seconds: cold.ms / 1000,
    perS: cold.connected / (cold.ms / 1000),
  },
  memory: { rssIdleMiB: mib(rssIdle), rssHeldMiB: mib(rssHeld), perConnectionKiB: perConnection / 1024 },
  restart: {
    stopSeconds: stopMs / 1000,
    connected: restart.connected,
    failed: restart.failed,
    secondsAfterReady: restart.ms / 1000,
    perS: restart.connected / (restart.ms / 1000),
  },
}
const dir = join(repo, "load-tests", "results")
mkdirSync(dir, { recursive: true })
const file = join(dir, `connections-${at.replace(/[:.]/gu, "-")}.json`)
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
console.log(JSON.stringify(result, null, 2))
console.log(`results: ${file}`)
process.exit(0)
