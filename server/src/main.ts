import { runFleetCore } from "./FleetCore.js"
import { loadConfig } from "./loadConfig.js"

/** `npm start`: every role in one process on embedded defaults unless configured otherwise. */
const main = async () => {
  const config = await loadConfig(process.env).catch((error: unknown) => {
    console.error(`FleetCore: invalid configuration: ${String(error)}`)
    process.exit(2)
  })
  const started = Date.now()
  const fleet = await runFleetCore(config)
  const lines = [
    "",
    `FleetCore is ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  Dashboard:  ${fleet.httpUrl}/`,
    `  MQTT:       ${fleet.mqttUrl}   (WebSocket: ${fleet.mqttWsUrl})`,
    `  HTTP ingest: ${fleet.httpUrl}/ingest/v1/telemetry`,
  ]
  if (fleet.demo !== null) {
    lines.push(`  Log in as:  ${fleet.demo.email}`, `  Password:   ${fleet.demo.password}`)
    // One account of every other role, to try each (also in <data folder>/demo-passwords).
    const width = Math.max(...fleet.demo.users.map((u) => u.email.length))
    for (const u of fleet.demo.users)
      lines.push(`  ${`${u.role}:`.padEnd(12)}${u.email.padEnd(width)}  ${u.password}`)
    if (fleet.demo.devices.length > 0)
      lines.push(`  Simulator:  ${fleet.demo.devices.length} vehicles driving in Almaty`)
  }
  console.log(`${lines.join("\n")}\n`)

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`FleetCore: ${signal}, stopping…`)
    fleet.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on("SIGINT", () => shutdown("SIGINT"))
  process.on("SIGTERM", () => shutdown("SIGTERM"))
}

main().catch((error: unknown) => {
  console.error("FleetCore failed to start:", error)
  process.exit(1)
})
