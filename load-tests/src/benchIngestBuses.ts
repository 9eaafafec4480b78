import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { makeCommandLine } from "./commandLine.js"
import { startFleetServer } from "./FleetServerProcess.js"
import { machineInfo } from "./machineInfo.js"
import { histogramQuantile, metricValue } from "./metrics.js"
import { cpuSeconds, pidsOf } from "./processCpu.js"
import {
  type RoleProcess,
  type ScaleOutStores,
  startRoleProcess,
  startScaleOutStores,
} from "./RoleProcess.js"
import { writeResultsFile } from "./resultsFile.js"

const USAGE = `usage: npm run bench:ingest -- --bus embedded|kafka|both [bench:ingest's load flags]
Runs bench:ingest (MQTT) against FleetCore on each bus, one after the other, with the same flags:
  embedded  one process (every role), the durable log on disk, embedded PostgreSQL and chDB;
  kafka     the project's own Kafka broker (infra/kafka), a PostgreSQL server, and the roles as
            processes: \`fleetcore ingest\` and \`fleetcore engine,api\` (chDB is in-process, so without a
            ClickHouse server the engine and the API share one process).
Prints points/s, publish → stored and CPU per 1,000 points for each process side by side, with
the per-hop latencies each process exports at /metrics, and writes load-tests/results/ingest-buses-<time>.json.`

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const PARTITIONS = 4

/** One process of the system under test, whose CPU is counted (with its children when asked). */
interface Counted {
  readonly name: string
  readonly pids: () => ReadonlyArray<number>
}

interface System {
  readonly bus: "embedded" | "kafka"
  readonly api: string
  readonly mqttUrl: string
  readonly password: string
  /** Every FleetCore process's /metrics. */
  readonly metrics: ReadonlyArray<string>
  readonly processes: ReadonlyArray<Counted>
  readonly stop: () => Promise<void>
}

const flagValue = (args: ReadonlyArray<string>, name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}

const startEmbedded = async (): Promise<System> => {
  const password = `bench-${Math.random().toString(36).slice(2)}`
  const dataDir = mkdtempSync(join(tmpdir(), "fleetcore-bench-embedded-"))
  const started = await startFleetServer({ repo, dataDir, adminPassword: password })
  return {
    bus: "embedded",
    api: started.api,
    mqttUrl: started.mqttUrl,
    password,
    metrics: [`${started.api}/metrics`],
    processes: [
      { name: "fleetcore (every role)", pids: () => [started.server.pid] },
      { name: "postgresql (embedded)", pids: () => pidsOf.postgres(join(dataDir, "postgres")) },
    ],
    stop: started.stop,
  }
}

const startKafkaStack = async (): Promise<System> => {
  const root = mkdtempSync(join(tmpdir(), "fleetcore-bench-kafka-"))
  let stores: ScaleOutStores | undefined
  const roles: RoleProcess[] = []
  const stop = async () => {
    await Promise.all(roles.map((r) => r.stop(60_000)))
    await stores?.stop()
    rmSync(root, { recursive: true, force: true })
  }
  try {
    const started = await startScaleOutStores(root, PARTITIONS)
    stores = started
    const { env, kafkaDir, postgresDir } = started
    // Started together: they migrate the one PostgreSQL one after another (an advisory lock).
    const [engineApi, ingest] = await Promise.all([
      startRoleProcess({ repo, roles: "engine,api", dataDir: join(root, "engine-api"), env }),
      startRoleProcess({ repo, roles: "ingest", dataDir: join(root, "ingest"), env, mqtt: true }),
    ])
    roles.push(engineApi, ingest)
    return {
      bus: "kafka",
      api: engineApi.httpUrl,
      mqttUrl: ingest.mqttUrl,
      password: started.adminPassword,
      metrics: [`${ingest.httpUrl}/metrics`, `${engineApi.httpUrl}/metrics`],
      processes: [
        { name: "fleetcore ingest", pids: () => [ingest.pid] },
        { name: "fleetcore engine,api", pids: () => [engineApi.pid] },
        { name: "kafka broker", pids: () => pidsOf.commandLine(kafkaDir) },
        { name: "postgresql server", pids: () => pidsOf.postgres(postgresDir) },
      ],
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

const scrapeAll = async (urls: ReadonlyArray<string>) =>
  (await Promise.all(urls.map(async (url) => (await fetch(url)).text()))).join("\n")

/** The hops every process exports, over the measured window: ms at the bucket bound holding p50 and p99. */
const hops = (before: string, after: string) => {
  const ms = (name: string, match: Record<string, string> = {}) => {
    const q = (p: number) => Math.round(histogramQuantile(before, after, name, p, match) * 1000 * 10) / 10
    return { p50: q(0.5), p99: q(0.99) }
  }
  return {
    busPublish: ms("fleet_bus_publish_seconds", { topic: "fleet.telemetry.v1" }),
    engineBatch: ms("fleet_bus_handler_seconds", { group: "engine" }),
    rulesBatch: ms("fleet_engine_rules_seconds"),
    positionsInsert: ms("fleet_clickhouse_insert_seconds", { table: "positions" }),
    ingestToStored: ms("fleet_ingest_to_stored_seconds"),
    engineLagAtEnd: metricValue(after, "fleet_bus_consumer_lag_records", { group: "engine" }),
  }
}

/**
 * Runs bench:ingest against `system` as a child (`--target`), and, from the moment its warm-up
 * ends to the end of its measured window, counts each process's CPU and the points ingest accepted.
 */
const measure = async (system: System, load: ReadonlyArray<string>) => {
  const warmupS = flagValue(load, "warmup", 10)
  const durationS = flagValue(load, "duration", 60)
  const args = [
    join(repo, "load-tests", "dist", "benchIngest.js"),
    ...load,
    "--target",
    system.api,
    "--mqtt",
    system.mqttUrl,
    "--password",
    system.password,
    "--metrics",
    system.metrics.join(","),
  ]
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] })
  let output = ""
  type Mark = { readonly cpu: number[]; readonly text: string }
  const mark = async (): Promise<Mark> => ({
    cpu: system.processes.map((p) => cpuSeconds(p.pids())),
    text: await scrapeAll(system.metrics),
  })
  let window: Promise<readonly [Mark, Mark]> | null = null
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk)
    output += chunk.toString()
    if (window === null && output.includes("publishing ")) {
      window = (async () => {
        await new Promise((r) => setTimeout(r, warmupS * 1000))
        const start = await mark()
        await new Promise((r) => setTimeout(r, durationS * 1000))
        return [start, await mark()] as const
      })()
    }
  })
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
  if (code !== 0 || window === null) throw new Error(`bench:ingest against ${system.bus} exited ${code}`)
  const [start, end] = await (window as Promise<readonly [Mark, Mark]>)
  const file = /results\s+(\S+\.json)/.exec(output)?.[1]
  if (file === undefined) throw new Error("bench:ingest printed no results file")
  const run = JSON.parse(readFileSync(file, "utf8")) as {
    readonly acceptedPointsPerS: number
    readonly storedLatencyMs: { readonly p50: number; readonly p99: number }
    readonly pubackLatencyMs: { readonly p50: number; readonly p99: number }
  }
  const accepted =
    metricValue(end.text, "fleet_ingest_points_accepted_total") -
    metricValue(start.text, "fleet_ingest_points_accepted_total")
  return {
    bus: system.bus,
    resultsFile: file,
    acceptedPointsPerS: run.acceptedPointsPerS,
    publishToStoredMs: run.storedLatencyMs,
    pubackMs: run.pubackLatencyMs,
    cpuSecondsPer1000Points: Object.fromEntries(
      system.processes.map((p, i) => [
        p.name,
        Number(((((end.cpu[i] ?? 0) - (start.cpu[i] ?? 0)) / Math.max(1, accepted)) * 1000).toFixed(4)),
      ]),
    ),
    hopsMs: hops(start.text, end.text),
  }
}

export const benchIngestBuses = async (argv: ReadonlyArray<string>): Promise<void> => {
  const { fail } = makeCommandLine("bench:ingest --bus", USAGE)
  const at = argv.indexOf("--bus")
  const which = argv[at + 1]
  if (which !== "embedded" && which !== "kafka" && which !== "both") fail("--bus is embedded, kafka or both")
  const load = argv.filter((_, i) => i !== at && i !== at + 1)
  if (load.some((a) => ["--target", "--mqtt", "--protocol", "--metrics"].includes(a)))
    fail("--bus starts its own systems (MQTT only): leave out --target, --mqtt, --protocol and --metrics")
  const buses = which === "both" ? (["embedded", "kafka"] as const) : ([which] as const)
  const runs: Array<Awaited<ReturnType<typeof measure>>> = []
  for (const bus of buses) {
    console.log(`\n=== bench:ingest over the ${bus} bus ===`)
    const system = bus === "embedded" ? await startEmbedded() : await startKafkaStack()
    try {
      runs.push(await measure(system, load))
    } finally {
      await system.stop()
    }
  }
  const result = { at: new Date().toISOString(), machine: machineInfo(), load, runs }
  const file = writeResultsFile("ingest-buses", result)
  const ms = (h: { p50: number; p99: number }) => `${h.p50} / ${h.p99}`
  const rows = (label: string, cell: (r: (typeof runs)[number]) => string) =>
    `  ${label.padEnd(40)}${runs.map((r) => cell(r).padEnd(26)).join("")}`
  console.log(
    [
      `\nFleetCore ingest over each bus (${result.machine.cpus} cores, Node ${result.machine.node}; flags: ${load.join(" ") || "defaults"})`,
      rows("", (r) => r.bus),
      rows("accepted points/s", (r) => String(r.acceptedPointsPerS)),
      rows("publish → stored ms (p50 / p99, live)", (r) => ms(r.publishToStoredMs)),
      rows("publish → PUBACK ms (p50 / p99)", (r) => ms(r.pubackMs)),
      rows("hop: bus publish ms (p50 / p99 ≤)", (r) => ms(r.hopsMs.busPublish)),
      rows("hop: engine batch ms (p50 / p99 ≤)", (r) => ms(r.hopsMs.engineBatch)),
      rows("hop: rules per batch ms (p50 / p99 ≤)", (r) => ms(r.hopsMs.rulesBatch)),
      rows("hop: positions insert ms (p50 / p99 ≤)", (r) => ms(r.hopsMs.positionsInsert)),
      rows("hop: ingest → stored ms (p50 / p99 ≤)", (r) => ms(r.hopsMs.ingestToStored)),
      rows("engine lag at the end (records)", (r) => String(r.hopsMs.engineLagAtEnd)),
      ...runs.flatMap((r) =>
        Object.entries(r.cpuSecondsPer1000Points).map(
          ([name, s]) => `  CPU s / 1,000 points, ${r.bus}: ${name.padEnd(26)}${s}`,
        ),
      ),
      `  results                               ${file}`,
    ].join("\n"),
  )
}
