import { createHash, type Hash } from "node:crypto"
import { PerformanceObserver } from "node:perf_hooks"
import { parseArgs } from "node:util"
import {
  emptyOutput,
  type Geofence,
  initialVehicleRules,
  ruleConfigs,
  stepVehicleRules,
  unknownProfile,
  type VehicleProfile,
  type VehicleRulesState,
} from "@fleetcore/engine"
import type { DeviceId, OrgId, TelemetryRecord, VehicleId } from "@fleetcore/proto"
import { makeCommandLine } from "./commandLine.js"
import { machineInfo } from "./machineInfo.js"
import { writeResultsFile } from "./resultsFile.js"
import { ALMATY_ROUTES, type Route } from "./routes/almaty.js"
import { simulatedPoint } from "./Simulator.js"
import { seededRandom } from "./seededRandom.js"
import { initialState, step } from "./VehicleModel.js"

const USAGE = `usage: npm run bench:rules -- [--vehicles 200] [--points 1500] [--interval-s 5] [--passes 5]
Runs every rule (stepVehicleRules: mileage, trips, odometer integrity, fuel, overspeed, battery,
DTC, device alarms, six geofences) over simulated vehicles' points (half of them full OBD, half
plain GPS) on this thread alone, no I/O, and prints the CPU per point and the garbage collector's
share of it: the rules' cost, which bench:ingest's noise (two cores shared with its load generator)
hides. Run with the server's young generation (--max-semi-space-size=128, as npm start). The digest
it prints covers every output and final state: a change meant only for speed must leave it as it was.`

const { number } = makeCommandLine("bench:rules", USAGE)
const { values } = parseArgs({
  options: {
    vehicles: { type: "string", default: "200" },
    points: { type: "string", default: "1500" },
    "interval-s": { type: "string", default: "5" },
    passes: { type: "string", default: "5" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const vehicles = number(values, "vehicles", 1, 100_000)
const pointsEach = number(values, "points", 10, 1_000_000)
const intervalS = number(values, "interval-s", 1, 3_600)
const passes = number(values, "passes", 1, 100)

const orgId = "6f1c2a3b-1111-4222-8333-944455556666" as OrgId
const T0 = Date.UTC(2026, 11, 1, 5, 0, 0)

/** A regular polygon of `sides` corners `radiusM` around a centre, as [lat, lon] pairs. */
const ring = (lat: number, lon: number, radiusM: number, sides: number): Array<[number, number]> =>
  Array.from({ length: sides }, (_, k) => {
    const angle = (2 * Math.PI * k) / sides
    const dLat = (radiusM * Math.cos(angle)) / 111_320
    const dLon = (radiusM * Math.sin(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180))
    return [lat + dLat, lon + dLon]
  })

/** Four circles and two polygons where the simulated routes drive (Almaty). */
const fences: Geofence[] = [
  ...[
    [43.2389, 76.9455, 250],
    [43.3521, 77.0405, 600],
    [43.2567, 76.9286, 400],
    [43.222, 76.8512, 300],
  ].map(
    ([lat, lon, radiusM], i): Geofence => ({
      id: `circle-${i}`,
      kind: "circle",
      lat: lat as number,
      lon: lon as number,
      radiusM: radiusM as number,
      dwellS: 60,
    }),
  ),
  { id: "depot", kind: "polygon", ring: ring(43.2268, 76.8748, 350, 4), dwellS: 60 },
  { id: "yard", kind: "polygon", ring: ring(43.2685, 76.906, 400, 5), dwellS: 120, alertOn: "enter" },
]

const profile: VehicleProfile = {
  ...unknownProfile,
  ...ruleConfigs({}),
  tankCapacityL: 60,
  speedLimitKmh: 90,
  geofences: fences,
  assignments: [{ driverId: "a1f1c2a3-1111-4222-8333-000000000001", fromMs: 0, toMs: null }],
}

/** Each vehicle's points in time order: an OBD tracker's every field, or a plain GPS tracker's. */
const streams: TelemetryRecord[][] = Array.from({ length: vehicles }, (_, v) => {
  const rng = seededRandom(v + 1).next
  const route = ALMATY_ROUTES[v % ALMATY_ROUTES.length] as Route
  let state = initialState(route, rng)
  const vehicleId = `6f1c2a3b-1111-4222-8333-${String(v).padStart(12, "0")}` as VehicleId
  const deviceId = `bench-${v}` as DeviceId
  return Array.from({ length: pointsEach }, (_, i) => {
    state = step(state, route, intervalS, rng)
    const timeMs = T0 + i * intervalS * 1000
    const { odometerM, fuelLevelPct, fuelUsedL, engineSeconds, batteryV, ...gps } = simulatedPoint(
      state,
      route,
      timeMs,
      rng,
    )
    // Every other vehicle has a plain GPS tracker: no odometer, fuel, engine or battery readings.
    const p = v % 2 === 0 ? { ...gps, odometerM, fuelLevelPct, fuelUsedL, engineSeconds, batteryV } : gps
    return { ...p, timeMs, orgId, vehicleId, deviceId, receivedAtMs: timeMs + 300 } as TelemetryRecord
  })
})
const total = vehicles * pointsEach

let gcMs = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration
}).observe({ entryTypes: ["gc"] })

/**
 * One pass: every vehicle from its initial state, points interleaved across vehicles as they arrive.
 * `digest`: hashes every output and the final states (an extra pass, not timed), so two builds can
 * be shown to derive exactly the same.
 */
const pass = async (digest?: Hash): Promise<{ cpuUs: number; gcUs: number; outputs: number }> => {
  const states: VehicleRulesState[] = Array.from({ length: vehicles }, () => initialVehicleRules)
  let outputs = 0
  const gc0 = gcMs
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < pointsEach; i++) {
    const out = emptyOutput()
    for (let v = 0; v < vehicles; v++) {
      states[v] = stepVehicleRules(
        states[v] as VehicleRulesState,
        (streams[v] as TelemetryRecord[])[i] as TelemetryRecord,
        out,
        profile,
      )
    }
    outputs +=
      out.trips.length + out.alerts.length + out.cleared.length + out.fuelEvents.length + out.days.size
    digest?.update(JSON.stringify({ ...out, days: [...out.days], driverDays: [...out.driverDays] }))
  }
  for (const state of states) digest?.update(JSON.stringify(state))
  const cpu = process.cpuUsage(cpu0)
  // GC entries are delivered after the turn that caused them.
  await new Promise((resolve) => setImmediate(resolve))
  return { cpuUs: cpu.user + cpu.system, gcUs: (gcMs - gc0) * 1000, outputs }
}

console.log(
  `rules over ${vehicles} vehicles × ${pointsEach} points (every ${intervalS} s), ${fences.length} geofences`,
)
await pass() // warm-up: compiled code, no cold caches in the figures
const runs: Array<{ usPerPoint: number; gcUsPerPoint: number; outputs: number }> = []
for (let k = 0; k < passes; k++) {
  const r = await pass()
  const run = {
    usPerPoint: Math.round((r.cpuUs / total) * 1000) / 1000,
    gcUsPerPoint: Math.round((r.gcUs / total) * 1000) / 1000,
    outputs: r.outputs,
  }
  console.log(
    `pass ${k + 1}: ${run.usPerPoint} µs of CPU a point (garbage collection ${run.gcUsPerPoint} µs), ${run.outputs} outputs`,
  )
  runs.push(run)
}
const hash = createHash("sha256")
await pass(hash)
const digest = hash.digest("hex").slice(0, 16)
console.log(`digest of every output and final state: ${digest}`)
const median = [...runs].sort((a, b) => a.usPerPoint - b.usPerPoint)[Math.floor(runs.length / 2)]
console.log(`median: ${median?.usPerPoint} µs a point, ${median?.gcUsPerPoint} µs of it garbage collection`)

const at = new Date().toISOString()
const file = writeResultsFile("rules", {
  at,
  machine: machineInfo(),
  vehicles,
  pointsEach,
  intervalS,
  geofences: fences.length,
  runs,
  median,
  digest,
})
console.log(`results: ${file}`)
