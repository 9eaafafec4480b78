import { parseArgs } from "node:util"
import { makeCommandLine } from "./commandLine.js"
import { provisionDevices } from "./provision.js"
import { startSimulator } from "./Simulator.js"

const USAGE = `usage: npm run simulate -- [--devices N] [--rate POINTS_PER_S] [--api URL] [--mqtt URL]
         [--email EMAIL] [--password PASSWORD] [--encoding protobuf|json|mixed] [--mqtt-version 4|5] [--duration S]

Drives N simulated vehicles through Almaty against a running FleetCore, as real MQTT clients.
--rate is the total points per second over all vehicles (default: one point per vehicle per second).
The password defaults to FLEET_PASSWORD.`

const { fail } = makeCommandLine("simulate", USAGE)
const positive = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? n : fail(`--${name} must be a positive number, got "${value}"`)
}

const { values } = parseArgs({
  options: {
    devices: { type: "string" },
    rate: { type: "string" },
    api: { type: "string", default: "http://127.0.0.1:8080" },
    mqtt: { type: "string", default: "mqtt://127.0.0.1:1883" },
    email: { type: "string", default: "admin@demo.fleetcore.local" },
    password: { type: "string" },
    encoding: { type: "string", default: "mixed" },
    "mqtt-version": { type: "string", default: "4" },
    duration: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const devices = Math.round(positive(values.devices, "devices", 10))
const rate = positive(values.rate, "rate", devices)
const duration = values.duration === undefined ? null : positive(values.duration, "duration", 0)
const encoding = values.encoding as "protobuf" | "json" | "mixed"
if (!["protobuf", "json", "mixed"].includes(encoding)) fail(`--encoding must be protobuf, json or mixed`)
const version =
  values["mqtt-version"] === "5"
    ? 5
    : values["mqtt-version"] === "4"
      ? 4
      : fail("--mqtt-version must be 4 or 5")
const password =
  values.password ?? process.env.FLEET_PASSWORD ?? fail("give --password or set FLEET_PASSWORD")

const { devices: credentials } = await provisionDevices({
  api: values.api.replace(/\/$/, ""),
  email: values.email,
  password,
  count: devices,
  prefix: "sim",
})
const intervalMs = Math.max(10, Math.round((1000 * devices) / rate))
const sim = await startSimulator({
  mqttUrl: values.mqtt,
  devices: credentials,
  intervalMs,
  encoding,
  protocolVersion: version,
  log: (m) => console.error(m),
})
console.log(
  `simulating ${devices} vehicles, one point each every ${intervalMs} ms (${((1000 * devices) / intervalMs).toFixed(0)} points/s)`,
)
const report = setInterval(() => {
  const s = sim.stats()
  console.log(`published ${s.published}, acknowledged ${s.acked}, errors ${s.errors}`)
}, 5_000)
const stop = async () => {
  clearInterval(report)
  await sim.stop()
  process.exit(0)
}
process.on("SIGINT", () => void stop())
process.on("SIGTERM", () => void stop())
if (duration !== null) setTimeout(() => void stop(), duration * 1000)
