import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { DEFAULT_POSITIONS_FLUSH_MS } from "@fleetcore/engine"
import { DEFAULT_BACKGROUND_NICE, restartablePort } from "@fleetcore/platform"
import { fleet } from "@fleetcore/proto"
import WebSocket from "ws"
import { benchPoints, measureBareAedes } from "./bareAedesBaseline.js"
import {
  type BenchTeltonikaDevice,
  connectBenchTeltonika,
  provisionTeltonikaDevices,
} from "./benchIngestTeltonika.js"
import { makeCommandLine } from "./commandLine.js"
import { SERVER_NODE_FLAGS, startFleetServer } from "./FleetServerProcess.js"
import { connectLeanPublisher, type LeanPublisher } from "./LeanPublisher.js"
import { machineInfo } from "./machineInfo.js"
import { gcBetween, histogramQuantile, metricValue, percentile, tailWindows } from "./metrics.js"
import { scheduleShares, threadSchedule, threadsCpu, threadsCpuPerPoint } from "./processCpu.js"
import { provisionDevices } from "./provision.js"
import { writeResultsFile } from "./resultsFile.js"
import { SendTimes } from "./SendTimes.js"

// --bus embedded|kafka|both: this benchmark against FleetCore over each bus, side by side.
if (process.argv.includes("--bus")) {
  const { benchIngestBuses } = await import("./benchIngestBuses.js")
  await benchIngestBuses(process.argv.slice(2))
  process.exit(0)
}

const USAGE = `usage: npm run bench:ingest -- [--devices 200] [--rate 20000] [--duration 60] [--warmup 10]
         [--points-per-message 1] [--profile DIR] [--node-flags="--flag …"] [--target http://host:8080 --mqtt mqtt://host:1883 --email E --password P]
         [--protocol mqtt|teltonika] [--records-per-packet 10] [--teltonika host:5027] [--baseline-aedes]
Without --target it starts its own FleetCore (server/dist/main.js) on free ports with a fresh data folder.
--protocol teltonika: each device is a raw TCP connection doing the IMEI handshake and sending Codec 8E
packets of --records-per-packet records, one at a time, the next after the record-count ACK (as FMB
devices do); with --target, --teltonika names the server's Teltonika port.
--baseline-aedes (MQTT): after FleetCore, drives a bare Aedes broker (its own process) the same way for
the same time, and prints and records FleetCore / bare Aedes for throughput and CPU per point.`

const { fail, number } = makeCommandLine("bench:ingest", USAGE)
const { values } = parseArgs({
  options: {
    target: { type: "string" },
    mqtt: { type: "string" },
    // With --target: the /metrics URLs of every role process, comma-separated (counters are added up).
    metrics: { type: "string" },
    email: { type: "string", default: "admin@demo.fleetcore.local" },
    password: { type: "string" },
    devices: { type: "string", default: "200" },
    rate: { type: "string", default: "20000" },
    duration: { type: "string", default: "60" },
    warmup: { type: "string", default: "10" },
    "points-per-message": { type: "string", default: "1" },
    protocol: { type: "string", default: "mqtt" },
    "records-per-packet": { type: "string", default: "10" },
    teltonika: { type: "string" },
    profile: { type: "string" },
    "node-flags": { type: "string" },
    "baseline-aedes": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const num = (name: keyof typeof values, min: number, max: number) => number(values, name, min, max)
const devices = Math.round(num("devices", 1, 5000))
const rate = num("rate", 1, 1_000_000)
const durationS = num("duration", 1, 3600)
const warmupS = num("warmup", 0, 600)
const protocol = values.protocol
if (protocol !== "mqtt" && protocol !== "teltonika") fail("--protocol is mqtt or teltonika")
const teltonikaMode = protocol === "teltonika"
if (teltonikaMode && values["baseline-aedes"]) fail("--baseline-aedes measures MQTT only")
// A Teltonika packet's record count is one byte: 255 at most.
const perMessage = teltonikaMode
  ? Math.round(num("records-per-packet", 1, 255))
  : Math.round(num("points-per-message", 1, 1000))
const qos = 1

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
let serverPid: number | null = null
let stopServer = async () => undefined as unknown
let api = values.target?.replace(/\/$/, "") ?? ""
let mqttUrl = values.mqtt ?? ""
let password = values.password ?? process.env.FLEET_PASSWORD ?? ""
let teltonikaAddress = values.teltonika ?? ""

if (values.target === undefined) {
  password = `bench-${Math.random().toString(36).slice(2)}`
  const teltonikaPort = teltonikaMode ? await restartablePort() : 0
  teltonikaAddress = `127.0.0.1:${teltonikaPort}`
  const started = await startFleetServer({
    repo,
    dataDir: mkdtempSync(join(tmpdir(), "fleetcore-bench-")),
    adminPassword: password,
    teltonikaPort,
    nodeArgs: [
      // --profile DIR: the spawned server writes a V8 CPU profile there when it stops.
      ...(values.profile === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${values.profile}`]),
      // --node-flags "…": Node/V8 flags for the server alone (the load generator keeps its own).
      ...(values["node-flags"]?.split(" ").filter((f) => f !== "") ?? []),
    ],
  })
  serverPid = started.server.pid
  api = started.api
  mqttUrl = started.mqttUrl
  stopServer = started.stop
} else if (password === "" || (teltonikaMode ? teltonikaAddress === "" : mqttUrl === ""))
  fail(
    "--target needs --password (or FLEET_PASSWORD) and --mqtt (or, with --protocol teltonika, --teltonika)",
  )

const scrape = async () => {
  const urls = values.metrics?.split(",") ?? [`${api}/metrics`]
  const text = (await Promise.all(urls.map(async (url) => (await fetch(url)).text()))).join("\n")
  return {
    accepted: metricValue(text, "fleet_ingest_points_accepted_total"),
    rows: metricValue(text, "fleet_clickhouse_rows_written_total", { table: "positions" }),
    cpuS: metricValue(text, "process_cpu_seconds_total"),
    rss: metricValue(text, "process_resident_memory_bytes"),
    text,
  }
}
const peakRss = (): number | null => {
  if (serverPid === null) return null
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${serverPid}/status`, "utf8"))
  return match ? Number(match[1]) * 1024 : null
}

/** One simulated device, whichever protocol it speaks: the benchmark only sends points and counts ACKs. */
interface BenchClient {
  readonly send: (points: fleet.telemetry.v1.IPoint[], onAck: () => void) => void
  readonly inFlight: () => number
  readonly close: () => Promise<void>
}

console.log(`provisioning ${devices} ${protocol} devices…`)
const connectClients = async (): Promise<{
  token: string
  clients: BenchClient[]
  vehicleIds: string[]
}> => {
  if (teltonikaMode) {
    const { token, devices: trackers } = await provisionTeltonikaDevices({
      api,
      email: values.email,
      password,
      count: devices,
      prefix: "btlt",
    })
    const [host, port] = teltonikaAddress.split(":")
    const clients: BenchTeltonikaDevice[] = await Promise.all(
      trackers.map((d) =>
        connectBenchTeltonika({ host: host ?? "127.0.0.1", port: Number(port), imei: d.imei }),
      ),
    )
    return { token, clients, vehicleIds: trackers.map((d) => d.vehicleId) }
  }
  const { token, devices: creds } = await provisionDevices({
    api,
    email: values.email,
    password,
    count: devices,
    prefix: "bench",
  })
  const broker = new URL(mqttUrl)
  const publishers = await Promise.all(
    creds.map((d) =>
      connectLeanPublisher({
        host: broker.hostname,
        port: Number(broker.port || 1883),
        clientId: d.deviceId,
        username: d.deviceId,
        password: d.secret,
      }),
    ),
  )
  return {
    token,
    clients: publishers.map((client: LeanPublisher, i) => ({
      send: (points, onAck) =>
        client.publish(
          `fleet/v1/devices/${creds[i]?.deviceId}/telemetry`,
          Buffer.from(fleet.telemetry.v1.Batch.encode({ points }).finish()),
          onAck,
        ),
      inFlight: client.inFlight,
      close: client.close,
    })),
    vehicleIds: creds.map((d) => d.vehicleId),
  }
}
const { token, clients, vehicleIds } = await connectClients()
const deviceOfVehicle = new Map(vehicleIds.map((id, i) => [id, i]))
const sendTimes = new SendTimes(clients.length)

const storedLatency: number[] = []
const ackLatency: number[] = []
/** When each acknowledged message was sent, in the order of `ackLatency` before it is sorted. */
const ackSentAt: number[] = []
const live = new WebSocket(`${api.replace(/^http/, "ws")}/api/v1/live?access_token=${token}`)
let measuring = false
live.on("message", (data) => {
  const now = performance.now()
  // Other messages (alerts, commands, states) carry no positions. A live position is a vehicle's
  // newest of its stored batch: every message of that device up to it is timed by it (SendTimes).
  for (const p of (JSON.parse(String(data)).positions ?? []) as Array<{
    vehicleId: string
    timeMs: number
  }>) {
    const device = deviceOfVehicle.get(p.vehicleId)
    if (device === undefined) continue
    const stored = sendTimes.storedUpTo(device, p.timeMs)
    if (measuring) for (const sentAt of stored) storedLatency.push(Math.round(now - sentAt))
  }
})
await new Promise((resolve, reject) => {
  live.once("open", resolve)
  live.once("error", reject)
})

// A Teltonika device waits for each packet's ACK before the next; an MQTT client pipelines.
const MAX_IN_FLIGHT = teltonikaMode ? 1 : 200
const lastTime = new Array<number>(clients.length).fill(0)
let offeredPoints = 0
let skippedPoints = 0
let next = 0
const publishOne = (i: number) => {
  const client = clients[i] as BenchClient
  const points = benchPoints(i, perMessage, lastTime)
  const sentAt = performance.now()
  sendTimes.sent(i, lastTime[i] as number, sentAt)
  client.send(points, () => {
    if (!measuring) return
    ackLatency.push(performance.now() - sentAt)
    ackSentAt.push(sentAt)
  })
}

console.log(`publishing ${rate} points/s from ${devices} devices for ${warmupS} s warm-up + ${durationS} s…`)
const started = performance.now()
let sentPoints = 0
/**
 * The server's and this process's main threads (time on a core and time waiting for one), and the
 * server's CPU by kind of thread.
 */
const threadReadings = () => ({
  server: serverPid === null ? null : threadSchedule(serverPid),
  generator: threadSchedule(process.pid),
  serverThreads: serverPid === null ? null : threadsCpu(serverPid),
})
let marks: {
  start: Awaited<ReturnType<typeof scrape>> | null
  startAt: number
  offeredAtStart: number
  threads: ReturnType<typeof threadReadings>
} = {
  start: null,
  startAt: 0,
  offeredAtStart: 0,
  threads: { server: null, generator: null, serverThreads: null },
}
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const elapsedS = (performance.now() - started) / 1000
    if (elapsedS >= warmupS + durationS) {
      clearInterval(tick)
      resolve()
      return
    }
    if (!measuring && elapsedS >= warmupS) {
      measuring = true
      marks = {
        start: null,
        startAt: performance.now(),
        offeredAtStart: offeredPoints,
        threads: threadReadings(),
      }
      void scrape().then((s) => {
        marks.start = s
      })
    }
    const due = Math.floor(elapsedS * rate) - sentPoints
    for (let n = 0; n < due; n += perMessage) {
      const i = next
      next = (next + 1) % clients.length
      sentPoints += perMessage
      if ((clients[i] as BenchClient).inFlight() >= MAX_IN_FLIGHT) {
        skippedPoints += perMessage
        continue
      }
      offeredPoints += perMessage
      publishOne(i)
    }
  }, 5)
})
const endAt = performance.now()
const endThreads = threadReadings()
const end = await scrape()
measuring = false
const windowS = (endAt - marks.startAt) / 1000
const start = marks.start ?? end
// Let what is in flight reach storage before reading the drained totals.
const drainDeadline = Date.now() + 30_000
let drained = end
while (Date.now() < drainDeadline) {
  drained = await scrape()
  if (drained.rows >= drained.accepted) break
  await new Promise((r) => setTimeout(r, 250))
}

storedLatency.sort((a, b) => a - b)
const ackTook = [...ackLatency]
ackLatency.sort((a, b) => a - b)
const ackP99 = percentile(ackLatency, 99)
const acceptedPerS = (end.accepted - start.accepted) / windowS
const results = {
  at: new Date().toISOString(),
  machine: machineInfo(),
  parameters: {
    protocol,
    devices,
    targetRate: rate,
    durationS,
    warmupS,
    // MQTT: points per PUBLISH; Teltonika: records per AVL packet.
    pointsPerMessage: perMessage,
    qos,
    target: values.target ?? "spawned",
    // Server settings that change the figures, as the spawned server got them from this environment.
    busFsync: process.env.FLEET_BUS_FSYNC ?? "interval (default)",
    backgroundNice: process.env.FLEET_BACKGROUND_NICE ?? `${DEFAULT_BACKGROUND_NICE} (default)`,
    positionsFlushMs: process.env.FLEET_POSITIONS_FLUSH_MS ?? `${DEFAULT_POSITIONS_FLUSH_MS} (default)`,
    // Every Node flag the spawned server got: npm start's own, then --node-flags.
    serverNodeFlags:
      values.target === undefined
        ? [...SERVER_NODE_FLAGS, values["node-flags"] ?? ""].join(" ").trim()
        : "not known (--target)",
  },
  // On the wall clock, to line the tail windows' seconds up with the server's log.
  windowStartedAt: new Date(performance.timeOrigin + marks.startAt).toISOString(),
  offeredPointsPerS: Math.round((offeredPoints - marks.offeredAtStart) / windowS),
  notOfferedPoints: skippedPoints,
  acceptedPointsPerS: Math.round(acceptedPerS),
  clickhouseRowsPerS: Math.round((end.rows - start.rows) / windowS),
  storedLatencyMs: {
    samples: storedLatency.length,
    p50: percentile(storedLatency, 50),
    p95: percentile(storedLatency, 95),
    p99: percentile(storedLatency, 99),
  },
  serverIngestToStoredMs: {
    p50: Math.round(histogramQuantile(start.text, end.text, "fleet_ingest_to_stored_seconds", 0.5) * 1000),
    p99: Math.round(histogramQuantile(start.text, end.text, "fleet_ingest_to_stored_seconds", 0.99) * 1000),
  },
  pubackLatencyMs: {
    samples: ackLatency.length,
    p50: Number(percentile(ackLatency, 50).toFixed(1)),
    p99: Number(ackP99.toFixed(1)),
    // Where the slowest 1% fell: in a few stalls, or spread over the run.
    tail: tailWindows(ackSentAt, ackTook, ackP99),
  },
  serverCpuSecondsPer1000Points: Number(
    (((end.cpuS - start.cpuS) / Math.max(1, end.accepted - start.accepted)) * 1000).toFixed(4),
  ),
  serverCpuUtilisation: Number(((end.cpuS - start.cpuS) / windowS).toFixed(2)),
  // Shares of the window each main thread ran, and waited runnable for a core (the kernel's
  // schedstat; null for a server not spawned here): the generator shares the cores, so a PUBACK
  // can be late because the server's thread was not scheduled rather than busy.
  mainThreadSchedule: {
    server: scheduleShares(marks.threads.server, endThreads.server, windowS),
    generator: scheduleShares(marks.threads.generator, endThreads.generator, windowS),
  },
  // Where a point's server CPU goes (null for a server not spawned here): its main thread (sockets,
  // ingest, the engine), the other threads Node started (the rules thread, V8's and libuv's
  // helpers), and the rest (chDB's threads: inserts, merges; and threads that exited).
  serverCpuByThread: threadsCpuPerPoint(
    marks.threads.serverThreads,
    endThreads.serverThreads,
    end.accepted - start.accepted,
  ),
  // The collector's pauses over the measured window, and how late the server's event loop ran
  // (prom-client resets that histogram at each scrape, so the end scrape covers the window; with
  // several processes' /metrics it would mix them, so it is left out then).
  serverGc: gcBetween(start.text, end.text),
  serverEventLoopDelayMs:
    values.metrics === undefined
      ? {
          p99: Math.round(metricValue(end.text, "nodejs_eventloop_lag_p99_seconds") * 1000),
          max: Math.round(metricValue(end.text, "nodejs_eventloop_lag_max_seconds") * 1000),
        }
      : null,
  peakRssBytes: peakRss() ?? Math.max(start.rss, end.rss, drained.rss),
  totals: { accepted: drained.accepted, rowsWritten: drained.rows },
}

live.close()
await Promise.all(clients.map((c) => c.close()))
await stopServer()

const baseline = values["baseline-aedes"]
  ? await measureBareAedes({
      devices,
      pointsPerMessage: perMessage,
      rate,
      durationS,
      warmupS,
      maxInFlight: MAX_IN_FLIGHT,
    })
  : null
const ratioToAedes =
  baseline === null
    ? null
    : {
        throughput: Number((results.acceptedPointsPerS / baseline.ackedPointsPerS).toFixed(3)),
        cpuPerPoint: Number(
          (results.serverCpuSecondsPer1000Points / baseline.brokerCpuSecondsPer1000Points).toFixed(2),
        ),
      }

const file = writeResultsFile(`ingest${teltonikaMode ? "-teltonika" : ""}`, {
  ...results,
  baselineAedes: baseline,
  ratioToAedes,
})
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`
console.log(`
FleetCore ingest benchmark (${results.machine.cpus} cores, ${results.machine.cpuModel}, Node ${results.machine.node})
  protocol                       ${protocol}
  devices × points/message      ${devices} × ${perMessage}${teltonikaMode ? " records per Codec 8E packet, one packet in flight" : `, QoS ${qos}`}, ${durationS} s measured after ${warmupS} s warm-up
  offered                        ${results.offeredPointsPerS} points/s (target ${rate}; ${skippedPoints} points not offered: ${teltonikaMode ? "device still waiting for its ACK" : "client in-flight limit"})
  accepted (sustained)           ${results.acceptedPointsPerS} points/s
  rows reaching ClickHouse       ${results.clickhouseRowsPerS} rows/s
  publish → stored (all msgs)    p50 ${results.storedLatencyMs.p50} ms, p95 ${results.storedLatencyMs.p95} ms, p99 ${results.storedLatencyMs.p99} ms (${results.storedLatencyMs.samples} samples)
  server ingest → stored         p50 ≤ ${results.serverIngestToStoredMs.p50} ms, p99 ≤ ${results.serverIngestToStoredMs.p99} ms (histogram bucket bounds)
  ${teltonikaMode ? "packet → record-count ACK     " : "publish → PUBACK              "} p50 ${results.pubackLatencyMs.p50} ms, p99 ${results.pubackLatencyMs.p99} ms
  its slowest 1%                 in ${results.pubackLatencyMs.tail.windowsWithTail} of ${results.pubackLatencyMs.tail.windows} windows of 100 ms, ${Math.round(results.pubackLatencyMs.tail.shareInFiveWorst * 100)}% in the five fullest (at ${results.pubackLatencyMs.tail.worst.map((w) => `${w.atS} s`).join(", ")})
  server CPU                     ${results.serverCpuSecondsPer1000Points} s per 1000 points (${results.serverCpuUtilisation} cores busy)
  server GC                      scavenges ${results.serverGc.minor.count} (${results.serverGc.minor.ms} ms), mark-compacts ${results.serverGc.major.count} (${results.serverGc.major.ms} ms), incremental marking ${results.serverGc.incremental.ms} ms${
    results.serverEventLoopDelayMs === null
      ? ""
      : `; event loop late by p99 ${results.serverEventLoopDelayMs.p99} ms, at most ${results.serverEventLoopDelayMs.max} ms`
  }
  main threads' schedule         ${(["server", "generator"] as const)
    .map((who) => {
      const shares = results.mainThreadSchedule[who]
      return shares === null
        ? `${who}: not measured`
        : `${who} on a core ${Math.round(shares.onCpu * 100)}%, waiting for one ${Math.round(shares.waiting * 100)}%`
    })
    .join("; ")}
  server CPU a point by thread   ${
    results.serverCpuByThread === null
      ? "not measured"
      : `main ${results.serverCpuByThread.mainUs} µs, Node's other threads ${results.serverCpuByThread.nodeThreadsUs} µs, chDB's and exited ${results.serverCpuByThread.otherThreadsUs} µs`
  }
  server peak RSS                ${mb(results.peakRssBytes)}${
    baseline === null || ratioToAedes === null
      ? ""
      : `
  bare Aedes, same load          ${baseline.ackedPointsPerS} points/s acknowledged (offered ${baseline.offeredPointsPerS}), PUBACK p50 ${baseline.pubackLatencyMs.p50} ms, p99 ${baseline.pubackLatencyMs.p99} ms
  bare Aedes CPU                 ${baseline.brokerCpuSecondsPer1000Points} s per 1000 points (${baseline.brokerCpuUtilisation} cores busy)
  FleetCore / bare Aedes         ${ratioToAedes.throughput} × the throughput, ${ratioToAedes.cpuPerPoint} × the CPU per point`
  }
  results                        ${file}
`)
process.exit(0)
