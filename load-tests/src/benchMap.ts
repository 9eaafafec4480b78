import { mkdtempSync, readFileSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { dirname, extname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { type Browser, chromium, type Page, type WebSocketRoute } from "playwright-core"
import { makeCommandLine } from "./commandLine.js"
import { startFleetServer } from "./FleetServerProcess.js"
import { machineInfo } from "./machineInfo.js"
import { type FrameStats, frameStats } from "./map/frameStats.js"
import { baselineCommit, buildDashboardOf } from "./map/mainBundle.js"
import { PAGE_PROBE, type ProbeReading, READ_PROBE } from "./map/pageProbe.js"
import {
  compactSnapshotOf,
  fullSnapshotOf,
  makeSyntheticFleet,
  moveFleet,
  positionOf,
} from "./map/syntheticFleet.js"
import { writeResultsFile } from "./resultsFile.js"
import { seededRandom } from "./seededRandom.js"

const USAGE = `usage: npm run bench:map -- [--vehicles 10000,50000] [--duration 20] [--warmup 5]
         [--variants baseline,current] [--batch 1000] [--load-timeout 180]
Starts its own FleetCore (server/dist/main.js) for the sign-in, opens /live in Chromium (software
rendering) and feeds it a synthetic fleet: the snapshot endpoints are answered by the benchmark and
the WebSocket /api/v1/live is replaced by a feed that moves every vehicle once a second, in
messages of --batch positions, through the page's own socket code (a second whose update finds
the page still busy with the last one is skipped and counted). "baseline" is the dashboard
built from the commit before the live map scaled (built once into load-tests/.bench/), "current"
is dashboard/dist. Measures frame time (requestAnimationFrame) and main-thread time per update
(Chromium's TaskDuration over the window, divided by the updates sent), written to
load-tests/results/map-<time>.json. Run it on a quiet machine.`

const { fail, number } = makeCommandLine("bench:map", USAGE)
const { values } = parseArgs({
  options: {
    vehicles: { type: "string", default: "10000,50000" },
    duration: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    variants: { type: "string", default: "baseline,current" },
    batch: { type: "string", default: "1000" },
    "load-timeout": { type: "string", default: "180" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const durationS = number(values, "duration", 2, 600)
const warmupS = number(values, "warmup", 0, 120)
const batch = Math.round(number(values, "batch", 1, 100_000))
const loadTimeoutS = number(values, "load-timeout", 5, 3_600)
const sizes = (values.vehicles ?? "").split(",").map((s) => Number(s.trim()))
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 200_000))
  fail("--vehicles: integers from 1 to 200000")
type Variant = "baseline" | "current"
const variants = (values.variants ?? "").split(",").map((s) => s.trim())
if (variants.some((v) => v !== "baseline" && v !== "current")) fail("--variants: baseline and/or current")

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
]
const MIME: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".png": "image/png",
}

interface NotLoaded {
  readonly variant: Variant
  readonly vehicles: number
  readonly snapshotBytes: number
  readonly loaded: false
  /** No vehicle shown within --load-timeout of opening /live, or the page stopped answering (30 s). */
  readonly reason: "no vehicle shown" | "page unresponsive"
  readonly loadTimeoutS: number
}

interface RunResult extends FrameStats {
  readonly loaded: true
  readonly variant: Variant
  readonly vehicles: number
  readonly snapshotBytes: number
  readonly snapshotLoadMs: number
  readonly updates: number
  /** Seconds of the measured window in which the page was still busy with the last update, so got none. */
  readonly skippedUpdates: number
  readonly positionsSent: number
  readonly mainThreadMsPerUpdate: number
  readonly scriptMsPerUpdate: number
}

/** Serves the baseline's files in place of the server's dashboard (same origin, same API). */
const serveBundle = async (page: Page, dist: string, origin: string): Promise<void> => {
  await page.route(
    (url) => url.origin === origin && !url.pathname.startsWith("/api/"),
    async (route) => {
      const path = new URL(route.request().url()).pathname
      const file =
        path.startsWith("/assets/") || extname(path) !== "" ? join(dist, path) : join(dist, "index.html")
      try {
        await route.fulfill({
          body: readFileSync(file),
          contentType: MIME[extname(file)] ?? "application/octet-stream",
        })
      } catch {
        await route.fulfill({ status: 404, body: "" })
      }
    },
  )
}

const run = async (
  browser: Browser,
  api: string,
  password: string,
  variant: Variant,
  dist: string | null,
  vehicles: number,
): Promise<RunResult | NotLoaded> => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  if (dist !== null) await serveBundle(page, dist, api)
  const fleet = makeSyntheticFleet(vehicles)
  const random = seededRandom(99).next
  const body = JSON.stringify(
    variant === "baseline" ? fullSnapshotOf(fleet, Date.now()) : compactSnapshotOf(fleet, Date.now()),
  )
  await page.route(/\/api\/v1\/live\/(vehicles|map)(\?.*)?$/u, (route) =>
    route.fulfill({ body, contentType: "application/json" }),
  )
  let updates = 0
  let skipped = 0
  let positionsSent = 0
  // The page opens the live socket again on every navigation (sign-in, then /live): only the
  // newest one is fed, by one clock, so the page never gets the fleet twice a second.
  let socket: WebSocketRoute | null = null
  await page.routeWebSocket(/\/api\/v1\/live(\?.*)?$/u, (ws) => {
    socket = ws
    ws.onClose(() => {
      if (socket === ws) socket = null
    })
  })
  // The page's own socket code receives these exactly as it would the hub's messages. A page
  // still busy with the last second's messages gets no new ones (the vehicles move on all the
  // same): without that backpressure the feed queues up in this process until it runs out of
  // memory, and the page is measured on a backlog rather than on the fleet's live rate.
  let pageBusy = false
  const timer = setInterval(() => {
    moveFleet(fleet, 1, random)
    const ws = socket
    if (ws === null) return
    if (pageBusy) {
      skipped += 1
      return
    }
    const now = Date.now()
    for (let i = 0; i < fleet.length; i += batch) {
      const positions = fleet.slice(i, i + batch).map((v) => positionOf(v, now))
      ws.send(JSON.stringify({ type: "positions", positions }))
      positionsSent += positions.length
    }
    updates += 1
    pageBusy = true
    // Answered once the page's main thread has taken everything sent before it.
    page
      .evaluate(() => 0)
      .then(
        () => {
          pageBusy = false
        },
        () => undefined,
      )
  }, 1_000)

  await page.goto(`${api}/login`)
  await page.getByTestId("login-email").fill("admin@demo.fleetcore.local")
  await page.getByTestId("login-password").fill(password)
  await page.getByTestId("login-submit").click()
  await page.waitForURL((url) => !url.pathname.startsWith("/login"))
  const loadStart = Date.now()
  await page.goto(`${api}/live`)
  try {
    await page
      .getByTestId("vehicle-row")
      .first()
      .waitFor({ timeout: loadTimeoutS * 1_000 })
  } catch {
    // A page that cannot show the fleet in time is a result too, not a crash of the benchmark.
    clearInterval(timer)
    await context.close()
    return {
      variant,
      vehicles,
      snapshotBytes: Buffer.byteLength(body),
      loaded: false,
      reason: "no vehicle shown",
      loadTimeoutS,
    }
  }
  const snapshotLoadMs = Date.now() - loadStart
  await page.waitForTimeout(warmupS * 1_000)

  // A page that falls behind the feed may not answer at all: every read of it is bounded.
  const within = <T>(promise: Promise<T>): Promise<T | undefined> =>
    Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000))])
  const cdp = await context.newCDPSession(page)
  await within(cdp.send("Performance.enable"))
  const metric = async () => {
    const answer = await within(cdp.send("Performance.getMetrics"))
    if (answer === undefined) return undefined
    const of = (name: string) => answer.metrics.find((m) => m.name === name)?.value ?? 0
    return { task: of("TaskDuration"), script: of("ScriptDuration") }
  }
  const probing = await within(page.evaluate(PAGE_PROBE).then(() => true))
  const before = await metric()
  const updatesBefore = updates
  const skippedBefore = skipped
  await new Promise((resolve) => setTimeout(resolve, durationS * 1_000))
  const reading = (await within(page.evaluate(READ_PROBE))) as ProbeReading | undefined
  const after = await metric()
  const measuredUpdates = Math.max(1, updates - updatesBefore)
  const skippedUpdates = skipped - skippedBefore
  clearInterval(timer)
  await within(context.close().catch(() => undefined))
  if (probing === undefined || reading === undefined || before === undefined || after === undefined) {
    return {
      variant,
      vehicles,
      snapshotBytes: Buffer.byteLength(body),
      loaded: false,
      reason: "page unresponsive",
      loadTimeoutS,
    }
  }
  return {
    loaded: true,
    variant,
    vehicles,
    snapshotBytes: Buffer.byteLength(body),
    snapshotLoadMs,
    updates: measuredUpdates,
    skippedUpdates,
    positionsSent,
    ...frameStats(reading.frames, reading.longTasks, durationS),
    mainThreadMsPerUpdate: Math.round(((after.task - before.task) * 1_000) / measuredUpdates),
    scriptMsPerUpdate: Math.round(((after.script - before.script) * 1_000) / measuredUpdates),
  }
}

const loadBefore = loadavg()
const baseline = variants.includes("baseline") ? baselineCommit(repo) : null
const baselineDist = baseline === null ? null : buildDashboardOf(repo, baseline)
const dataDir = mkdtempSync(join(tmpdir(), "fleetcore-bench-map-"))
const password = `bench-${Math.random().toString(36).slice(2)}`
console.log(`starting FleetCore in ${dataDir} …`)
const started = await startFleetServer({ repo, dataDir, adminPassword: password })
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS })
const results: Array<RunResult | NotLoaded> = []
try {
  for (const vehicles of sizes) {
    for (const variant of variants as Variant[]) {
      console.log(`${variant} with ${vehicles} vehicles: ${warmupS} s warm-up, ${durationS} s measured …`)
      const r = await run(
        browser,
        started.api,
        password,
        variant,
        variant === "baseline" ? baselineDist : null,
        vehicles,
      )
      results.push(r)
      if (!r.loaded) {
        console.log(`  ${r.reason} (load timeout ${r.loadTimeoutS} s)`)
        continue
      }
      console.log(
        `  frame p50 ${r.frameP50Ms} ms, p95 ${r.frameP95Ms} ms, p99 ${r.frameP99Ms} ms (${r.fps} fps); ` +
          `main thread ${r.mainThreadMsPerUpdate} ms per update (script ${r.scriptMsPerUpdate} ms); ` +
          `updates taken ${r.updates}, skipped while busy ${r.skippedUpdates}; ` +
          `long tasks ${r.longTasks} (${r.longTaskMs} ms); snapshot ${(r.snapshotBytes / 1e6).toFixed(2)} MB`,
      )
    }
  }
} finally {
  await browser.close()
  await started.stop()
}

const at = new Date().toISOString()
const file = writeResultsFile("map", {
  at,
  machine: machineInfo(),
  loadBefore,
  loadAfter: loadavg(),
  baselineCommit: baseline,
  settings: { durationS, warmupS, batch, sizes, variants },
  results,
})
console.table(
  results.map((r) => ({
    variant: r.variant,
    vehicles: r.vehicles,
    "load s": r.loaded ? (r.snapshotLoadMs / 1_000).toFixed(1) : r.reason,
    "frame p95 ms": r.loaded ? r.frameP95Ms : "-",
    fps: r.loaded ? r.fps : "-",
    "main ms/update": r.loaded ? r.mainThreadMsPerUpdate : "-",
    "updates taken/skipped": r.loaded ? `${r.updates}/${r.skippedUpdates}` : "-",
    "long tasks ms": r.loaded ? r.longTaskMs : "-",
    "snapshot MB": (r.snapshotBytes / 1e6).toFixed(2),
  })),
)
console.log(`written to ${file}`)
