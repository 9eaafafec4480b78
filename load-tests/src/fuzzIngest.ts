import { mkdirSync, mkdtempSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { startFleetServer } from "./FleetServerProcess.js"
import { runIngestFuzz } from "./fuzz/runIngestFuzz.js"
import { metricValue } from "./metrics.js"
import { provisionDevices } from "./provision.js"
import { writeResultsFile } from "./resultsFile.js"

const USAGE = `usage: npm run fuzz:ingest -- [--cases 1000000] [--seed N] [--concurrency 16]
Starts its own FleetCore (server/dist/main.js) on free ports with a fresh data folder under /tmp,
sends seeded mutants of MQTT 3.1.1 / 5 packets and HTTP bodies with valid points between them,
and writes load-tests/results/fuzz-ingest-<time>.json.`

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "1000000" },
    seed: { type: "string", default: process.env.FLEET_FUZZ_SEED },
    concurrency: { type: "string", default: "16" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const cases = Number(values.cases)
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed)
const concurrency = Number(values.concurrency)
if (![cases, seed, concurrency].every((n) => Number.isInteger(n) && n > 0)) {
  console.error(`fuzz:ingest: --cases, --seed and --concurrency are positive integers\n\n${USAGE}`)
  process.exit(2)
}

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
mkdirSync("/tmp/fleetcore-fuzz", { recursive: true })
const dataDir = mkdtempSync("/tmp/fleetcore-fuzz/run-")
const password = `fuzz-${Math.random().toString(36).slice(2)}`
const started = await startFleetServer({ repo, dataDir, adminPassword: password, logLevel: "error" })
const { api, server, stop } = started
const rss = () => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))
  return match ? Number(match[1]) * 1024 : 0
}
const peakRss = () => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))
  return match ? Number(match[1]) * 1024 : 0
}

try {
  const { token, devices } = await provisionDevices({
    api,
    email: "admin@demo.fleetcore.local",
    password,
    count: 2,
    prefix: "fuzz",
  })
  const [target, valid] = devices as [(typeof devices)[0], (typeof devices)[0]]
  const rssStart = rss()
  console.log(
    `fuzz:ingest: seed ${seed} (--seed ${seed} reproduces), ${cases} cases, server RSS ${(rssStart / 2 ** 20).toFixed(0)} MB`,
  )
  const report = await runIngestFuzz({
    httpUrl: api,
    mqttHost: "127.0.0.1",
    mqttPort: started.ports.mqtt,
    target,
    valid,
    seed,
    cases,
    concurrency,
    onProgress: (done) => {
      if (done % 10_000 === 0) console.log(`  ${done} cases, server RSS ${(rss() / 2 ** 20).toFixed(0)} MB`)
    },
  })
  const alive = server.hasExited === null && (await fetch(`${api}/healthz`)).status < 500
  // Stored valid points: the valid device's track, paged.
  const vehicles = (await (
    await fetch(`${api}/api/v1/live/vehicles`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { items: Array<{ id: string; deviceId: string | null }> }
  const vehicleId = vehicles.items.find((v) => v.deviceId === valid.deviceId)?.id
  const wanted = new Set(report.valid.timesMs)
  const stored = new Set<number>()
  const first = Math.min(...report.valid.timesMs)
  const last = Math.max(...report.valid.timesMs)
  for (let waited = 0; waited < 30_000 && stored.size < wanted.size; waited += 1_000) {
    // The track answers at most 50,000 points: each page starts after the last point of the one before.
    for (let from = first; from <= last; ) {
      const res = await fetch(
        `${api}/api/v1/vehicles/${vehicleId}/track?from=${new Date(from).toISOString()}&to=${new Date(last + 1).toISOString()}`,
        { headers: { authorization: `Bearer ${token}` } },
      )
      const page = ((await res.json()) as { points: Array<{ timeMs: number }> }).points
      if (page.length === 0) break
      for (const p of page) if (wanted.has(p.timeMs)) stored.add(p.timeMs)
      from = Math.max(...page.map((p) => p.timeMs)) + 1
    }
    if (stored.size < wanted.size) await new Promise((r) => setTimeout(r, 1_000))
  }
  const metrics = await (await fetch(`${api}/metrics`)).text()
  const refusals: Record<string, number> = {}
  for (const line of metrics.split("\n")) {
    const m = /^fleet_ingest_(points_rejected|refusals)_total\{(.*)\} (\d+)/.exec(line)
    if (m !== null) refusals[`${m[1]}{${m[2]}}`] = Number(m[3])
  }
  const figures = {
    at: new Date().toISOString(),
    seed,
    cases,
    concurrency,
    durationS: report.durationMs / 1000,
    casesPerS: Math.round(cases / (report.durationMs / 1000)),
    alive,
    resendAnswers: report.resendAnswers,
    valid: { sent: report.valid.sent, acknowledged: report.valid.acknowledged, stored: stored.size },
    serverRssMb: { start: rssStart / 2 ** 20, end: rss() / 2 ** 20, peak: peakRss() / 2 ** 20 },
    deadLettersWritten: metricValue(metrics, "fleet_clickhouse_rows_written_total", {
      table: "dead_letters",
    }),
    refusals,
    answers: report.answers,
    kinds: report.kinds,
  }
  console.log(JSON.stringify(figures, null, 2))
  const file = writeResultsFile("fuzz-ingest", figures)
  console.log(`fuzz:ingest: results in ${file}`)
  const ok = alive && report.resendAnswers === 0 && stored.size === report.valid.acknowledged
  if (!ok) process.exitCode = 1
} finally {
  await stop()
}
