import { lowerOtherThreads } from "@fleetcore/platform"
import { runRoles } from "./FleetCore.js"
import { loadConfig } from "./loadConfig.js"
import { isAllRoles } from "./roles/Roles.js"

/**
 * Starts this process's roles (FLEET_ROLES, every role by default) from the environment, prints
 * where to reach them, and stops cleanly on SIGINT and SIGTERM. `npm start` and `fleetcore <roles>`.
 */
export const startServer = async (env: Record<string, string | undefined>): Promise<void> => {
  const config = await loadConfig(env).catch((error: unknown) => {
    console.error(
      `FleetCore: invalid configuration: ${error instanceof Error ? error.message : String(error)}`,
    )
    process.exit(2)
  })
  // Signals are FleetCore's from the start. One that arrives while the roles start (migrations,
  // seeding, the bus's replay) is acted on once they are up: left to Node's default, it would end
  // the process at once and leave the embedded PostgreSQL running on its folder and port. A second
  // one ends the process at once, for a start that hangs.
  let stop: ((signal: string) => void) | null = null
  let signalledWhileStarting: string | null = null
  const onSignal = (signal: "SIGINT" | "SIGTERM") => {
    if (stop !== null) return stop(signal)
    if (signalledWhileStarting !== null) process.exit(signal === "SIGINT" ? 130 : 143)
    signalledWhileStarting = signal
    console.log(`FleetCore: ${signal} while starting; stopping as soon as started (again to stop at once)…`)
  }
  process.on("SIGINT", () => onSignal("SIGINT"))
  process.on("SIGTERM", () => onSignal("SIGTERM"))

  const started = Date.now()
  const fleet = await runRoles(config)
  // This thread reads the sockets and acknowledges devices; on busy cores it runs first
  // (docs/architecture.md, "The socket thread first").
  const background = lowerOtherThreads(config.backgroundNice)
  let stopping = false
  stop = (signal: string) => {
    if (stopping) return
    stopping = true
    background.stop()
    console.log(`FleetCore: ${signal}, stopping…`)
    fleet.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  if (signalledWhileStarting !== null) return stop(signalledWhileStarting)
  const roles = isAllRoles(fleet.roles) ? "every role" : `roles ${fleet.roles.join(", ")}`
  const lines = ["", `FleetCore (${roles}) is ready in ${((Date.now() - started) / 1000).toFixed(1)} s`]
  if (fleet.roles.includes("api")) lines.push(`  Dashboard:  ${fleet.httpUrl}/`)
  else lines.push(`  Health:     ${fleet.httpUrl}/healthz, ${fleet.httpUrl}/readyz, ${fleet.httpUrl}/metrics`)
  if (fleet.mqttUrl !== null) {
    lines.push(
      `  MQTT:       ${fleet.mqttUrl}   (WebSocket: ${fleet.mqttWsUrl})`,
      `  HTTP ingest: ${fleet.httpUrl}/ingest/v1/telemetry`,
    )
  }
  // Trackers' own protocols: the listeners turned off (port 0) are not shown.
  if (fleet.teltonikaPort !== null) lines.push(`  Teltonika:  TCP port ${fleet.teltonikaPort} (Codec 8 / 8E)`)
  if (fleet.gt06Port !== null) lines.push(`  GT06:       TCP port ${fleet.gt06Port} (Concox / Jimi)`)
  if (fleet.demo !== null) {
    lines.push(`  Log in as:  ${fleet.demo.email}`, `  Password:   ${fleet.demo.password}`)
    // One account of every other role, to try each (also in <data folder>/demo-passwords).
    const width = Math.max(...fleet.demo.users.map((u) => u.email.length))
    for (const u of fleet.demo.users)
      lines.push(`  ${`${u.role}:`.padEnd(12)}${u.email.padEnd(width)}  ${u.password}`)
    if (fleet.demo.devices.length > 0 && fleet.mqttUrl !== null) {
      const over = (protocol: string) =>
        fleet.demo?.devices.filter((d) => "tracker" in d && d.tracker.protocol === protocol).length ?? 0
      const trackers = [
        over("teltonika") > 0 ? `${over("teltonika")} Teltonika` : "",
        over("gt06") > 0 ? `${over("gt06")} GT06` : "",
      ].filter((s) => s !== "")
      lines.push(
        `  Simulator:  ${fleet.demo.devices.length} vehicles driving in Almaty${trackers.length > 0 ? ` (${trackers.join(", ")} among them, over their own protocols)` : ""}`,
      )
    }
  }
  console.log(`${lines.join("\n")}\n`)
}
