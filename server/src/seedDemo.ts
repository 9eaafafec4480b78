import { randomBytes } from "node:crypto"
import { chmod, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Role } from "@fleetcore/api"
import { hashSecret, type PostgresClient } from "@fleetcore/platform"
import type pg from "pg"
import { type DemoDevice, demoTrackerOf, upsertDemoTracker } from "./demo/demoTrackers.js"

export const DEMO_ADMIN_EMAIL = "admin@demo.fleetcore.local"

/** One demo account of every role besides the admin, so a newcomer can try each one. */
export const DEMO_USERS: ReadonlyArray<{
  readonly role: Role
  readonly email: string
  readonly name: string
}> = [
  { role: "owner", email: "owner@demo.fleetcore.local", name: "Demo Owner" },
  { role: "manager", email: "manager@demo.fleetcore.local", name: "Demo Manager" },
  { role: "dispatcher", email: "dispatcher@demo.fleetcore.local", name: "Demo Dispatcher" },
  { role: "driver", email: "driver@demo.fleetcore.local", name: "Demo Driver" },
  { role: "viewer", email: "viewer@demo.fleetcore.local", name: "Demo Viewer" },
  { role: "analyst", email: "analyst@demo.fleetcore.local", name: "Demo Analyst" },
]

/** The demo accounts' passwords, one `e-mail password` per line, beside `demo-admin-password`. */
export const DEMO_PASSWORDS_FILE = "demo-passwords"

const readPasswords = async (file: string): Promise<Map<string, string>> => {
  const text = await readFile(file, "utf8").catch(() => "")
  const entries = text
    .split("\n")
    .map((line) => line.trim().split(/\s+/u))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== "" && parts[1] !== "")
  return new Map(entries)
}

/**
 * The demo users of every role: each gets a generated password, written once to the passwords
 * file (mode 600) and hashed only when the account is new or its password was not in the file, so a
 * restart costs no hashing. The driver drives the first demo vehicle.
 */
const seedDemoUsers = async (
  client: pg.ClientBase,
  orgId: string,
  dataDir: string,
  firstVehicleId: string | undefined,
): Promise<ReadonlyArray<{ role: Role; email: string; password: string }>> => {
  const file = join(dataDir, DEMO_PASSWORDS_FILE)
  const known = await readPasswords(file)
  const existing = new Set(
    (
      await client.query<{ email: string }>("SELECT email FROM users WHERE email = ANY($1::text[])", [
        DEMO_USERS.map((u) => u.email),
      ])
    ).rows.map((r) => r.email),
  )
  const users = DEMO_USERS.map((u) => {
    const stored = known.get(u.email)
    return { ...u, password: stored ?? randomBytes(9).toString("base64url"), fresh: stored === undefined }
  })
  const toStore = users.filter((u) => u.fresh || !existing.has(u.email))
  const hashes = await Promise.all(toStore.map((u) => hashSecret(u.password)))
  for (const [i, u] of toStore.entries()) {
    await client.query(
      `INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
      [orgId, u.email, u.name, hashes[i], u.role],
    )
  }
  if (users.some((u) => u.fresh)) {
    await writeFile(file, `${users.map((u) => `${u.email} ${u.password}`).join("\n")}\n`, { mode: 0o600 })
    await chmod(file, 0o600)
  }
  await seedDemoDrivers(client, orgId)
  const driver = users.find((u) => u.role === "driver")
  if (firstVehicleId !== undefined && driver !== undefined) {
    // Only when nobody drives the vehicle now: assignments of one vehicle do not overlap.
    await client.query(
      `INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at)
       SELECT $1, $2, d.id, now() FROM users u JOIN drivers d ON d.user_id = u.id
       WHERE u.email = $3 AND NOT EXISTS (
         SELECT 1 FROM driver_assignments a WHERE a.vehicle_id = $2 AND (a.ends_at IS NULL OR a.ends_at > now()))`,
      [orgId, firstVehicleId, driver.email],
    )
  }
  return users.map(({ role, email, password }) => ({ role, email, password }))
}

/** Demo drivers without a login (the demo driver account gets its record in `seedDemoDrivers`). */
const DEMO_DRIVERS = [
  {
    name: "Askar Nurlanov",
    employeeId: "KZ-0101",
    phone: "+7 701 555 0101",
    categories: ["B", "C", "CE"],
    team: "Almaty city",
  },
  {
    name: "Dana Seitkali",
    employeeId: "KZ-0102",
    phone: "+7 702 555 0102",
    categories: ["B"],
    team: "Almaty city",
  },
  {
    name: "Yerlan Bekov",
    employeeId: "KZ-0103",
    phone: "+7 705 555 0103",
    categories: ["B", "C", "D"],
    team: "Long haul",
  },
  {
    name: "Aigerim Tulegen",
    employeeId: "KZ-0104",
    phone: "+7 707 555 0104",
    categories: ["B", "BE"],
    team: "Long haul",
  },
] as const

/**
 * The demo's driver records and teams: the demo driver account's record (same id as its login, as
 * for every driver login made before drivers were records), and a few drivers without a login, one
 * of them with a licence expiring soon so the expiry badge has something to show.
 */
const seedDemoDrivers = async (client: pg.ClientBase, orgId: string): Promise<void> => {
  await client.query(
    `INSERT INTO drivers (id, org_id, user_id, full_name, email, licence_categories, status)
     SELECT u.id, u.org_id, u.id, u.name, u.email, '{B,C}', 'active' FROM users u
     WHERE u.org_id = $1 AND u.role = 'driver'
       AND NOT EXISTS (SELECT 1 FROM drivers d WHERE d.user_id = u.id)
     ON CONFLICT (id) DO NOTHING`,
    [orgId],
  )
  for (const [i, d] of DEMO_DRIVERS.entries()) {
    const team = await client.query<{ id: string }>(
      `INSERT INTO teams (org_id, name) VALUES ($1, $2)
       ON CONFLICT (org_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [orgId, d.team],
    )
    await client.query(
      `INSERT INTO drivers (org_id, full_name, employee_id, phone, licence_number, licence_categories,
         licence_expires_on, medical_expires_on, hired_on, department, team_id)
       VALUES ($1, $2, $3, $4, $5, $6, current_date + $7::int, current_date + 200, current_date - 400 * ($8::int + 1),
         'Logistics', $9)
       ON CONFLICT (org_id, employee_id) DO NOTHING`,
      [
        orgId,
        d.name,
        d.employeeId,
        d.phone,
        `AB ${123450 + i}`,
        d.categories,
        i === 1 ? 20 : 700 + i * 90,
        i,
        team.rows[0]?.id,
      ],
    )
  }
}

const VEHICLE_TYPES = [
  { name: "Passenger car", rated: 8.0, limit: 110, tank: 60 },
  { name: "Light van", rated: 11.5, limit: 100, tank: 80 },
  { name: "Truck", rated: 28.0, limit: 90, tank: 300 },
] as const

const MODELS = [
  "Toyota Camry",
  "Hyundai Accent",
  "Ford Transit",
  "Mercedes Sprinter",
  "KAMAZ 5490",
  "Lada Vesta",
  "Chevrolet Cobalt",
  "Isuzu NPR",
]
const REGION_ALMATY = "02"
const LETTERS = "ABCDEHKMOPTXY"

/** A Kazakh-style plate, e.g. "123 ABC 02", fixed for a given index. */
const plateFor = (i: number): string => {
  const digits = String(101 + ((i * 37) % 899)).padStart(3, "0")
  const l = (k: number) => LETTERS[(i * 7 + k * 5) % LETTERS.length]
  return `${digits} ${l(0)}${l(1)}${l(2)} ${REGION_ALMATY}`
}

export interface DemoSeed {
  readonly orgId: string
  readonly email: string
  readonly password: string
  /** The other demo accounts, one of every role (passwords also in `<dataDir>/demo-passwords`). */
  readonly users: ReadonlyArray<{ readonly role: Role; readonly email: string; readonly password: string }>
  /**
   * Simulated devices: MQTT ones with freshly issued secrets (rotated at every start, never stored in
   * clear), and trackers known by protocol and IMEI (demoTrackers.ts).
   */
  readonly devices: ReadonlyArray<DemoDevice>
}

/**
 * Seeds (once) a demo organisation with an admin, a user of every other role, vehicle types, and
 * `vehicles` vehicles each with a device, and issues new secrets for those devices so the built-in simulator can connect. The
 * admin password is FLEET_DEMO_ADMIN_PASSWORD, else generated on first start and kept in the data
 * folder (mode 600), so the console can show it again.
 */
export const seedDemo = async (
  db: PostgresClient,
  options: {
    readonly dataDir: string
    readonly vehicles: number
    readonly adminPassword: string | null
    /** Which tracker protocols listen: some simulated vehicles then report through them. */
    readonly trackers?: { readonly teltonika: boolean; readonly gt06: boolean }
  },
): Promise<DemoSeed> => {
  const passwordFile = join(options.dataDir, "demo-admin-password")
  const stored = (await readFile(passwordFile, "utf8").catch(() => "")).trim()
  const password = options.adminPassword ?? (stored || randomBytes(9).toString("base64url"))
  if (options.adminPassword === null && stored === "")
    await writeFile(passwordFile, password, { mode: 0o600 })

  const client = await db.system.connect()
  try {
    await client.query("BEGIN")
    const org = await client.query<{ id: string }>(
      `INSERT INTO organisations (name, slug) VALUES ('Demo Fleet', 'demo')
       ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
    )
    const orgId = org.rows[0]?.id as string
    const hash = await hashSecret(password)
    await client.query(
      `INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'Demo Admin', $3, 'admin')
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash`,
      [orgId, DEMO_ADMIN_EMAIL, hash],
    )
    const typeIds: string[] = []
    for (const t of VEHICLE_TYPES) {
      const r = await client.query<{ id: string }>(
        `INSERT INTO vehicle_types (org_id, name, rated_consumption_l_100km, speed_limit_kmh, tank_capacity_l)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, name) DO UPDATE SET tank_capacity_l = COALESCE(vehicle_types.tank_capacity_l, EXCLUDED.tank_capacity_l)
         RETURNING id`,
        [orgId, t.name, t.rated, t.limit, t.tank],
      )
      typeIds.push(r.rows[0]?.id as string)
    }
    const devices: DemoDevice[] = []
    const vehicleIds: string[] = []
    for (let i = 0; i < options.vehicles; i++) {
      const n = String(i + 1).padStart(3, "0")
      const model = MODELS[i % MODELS.length] as string
      const typeId =
        typeIds[
          model.startsWith("KAMAZ") || model.startsWith("Isuzu")
            ? 2
            : model.includes("Transit") || model.includes("Sprinter")
              ? 1
              : 0
        ]
      const vehicle = await client.query<{ id: string }>(
        `INSERT INTO vehicles (org_id, name, plate, vehicle_type_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (org_id, plate) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [orgId, `${model} #${n}`, plateFor(i), typeId],
      )
      vehicleIds.push(vehicle.rows[0]?.id as string)
      const deviceId = `demo-${n}`
      const tracker = demoTrackerOf(i, options.vehicles, options.trackers)
      if (tracker !== null) {
        await upsertDemoTracker(client, {
          deviceId,
          orgId,
          vehicleId: vehicle.rows[0]?.id as string,
          n,
          tracker,
        })
        devices.push({ deviceId, tracker })
        continue
      }
      const secret = randomBytes(24).toString("base64url")
      await client.query(
        `INSERT INTO devices (id, org_id, vehicle_id, name, secret_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, protocol = 'fleetcore', identifier = NULL`,
        [deviceId, orgId, vehicle.rows[0]?.id, `Simulated tracker ${n}`, await hashSecret(secret)],
      )
      devices.push({ deviceId, secret })
    }
    const users = await seedDemoUsers(client, orgId, options.dataDir, vehicleIds[0])
    await client.query("COMMIT")
    return { orgId, email: DEMO_ADMIN_EMAIL, password, users, devices }
  } catch (error) {
    await client.query("ROLLBACK")
    throw error
  } finally {
    client.release()
  }
}
