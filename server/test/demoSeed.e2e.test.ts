import { readFile, stat } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORDS_FILE, DEMO_USERS, seedDemo } from "../src/seedDemo.js"
import { DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

/** The demo seed gives a newcomer one account of every role, with passwords kept beside the admin's. */
let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const passwordsOf = async (): Promise<Map<string, string>> => {
  const text = await readFile(join(h.dataDir, DEMO_PASSWORDS_FILE), "utf8")
  return new Map(
    text
      .trim()
      .split("\n")
      .map((l) => l.split(" ") as [string, string]),
  )
}

describe("demo seed", () => {
  it("writes one password per demo account to a file only its owner can read, and each signs in with its role", async () => {
    const info = await stat(join(h.dataDir, DEMO_PASSWORDS_FILE))
    expect(info.mode & 0o777).toBe(0o600)
    const passwords = await passwordsOf()
    expect([...passwords.keys()].sort()).toEqual(DEMO_USERS.map((u) => u.email).sort())
    expect(DEMO_USERS.map((u) => u.role).sort()).toEqual([
      "analyst",
      "dispatcher",
      "driver",
      "manager",
      "owner",
      "viewer",
    ])
    for (const u of DEMO_USERS) {
      const api = await login(h.fleet, u.email, passwords.get(u.email) as string)
      const me = await api.call<{ role: string }>("GET", "/api/v1/me")
      expect([u.email, me.body.role]).toEqual([u.email, u.role])
    }
    // FLEET_DEMO_ADMIN_PASSWORD still sets the admin's.
    await expect(login(h.fleet, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).resolves.toBeDefined()
  })

  it("keeps the passwords across restarts and assigns the driver to the first demo vehicle", async () => {
    const before = await passwordsOf()
    const again = await seedDemo(h.fleet.db, {
      dataDir: h.dataDir,
      vehicles: 1,
      adminPassword: DEMO_PASSWORD,
    })
    expect(new Map(again.users.map((u) => [u.email, u.password]))).toEqual(before)
    expect(await passwordsOf()).toEqual(before)
    const assigned = await h.fleet.db.system.query<{ email: string; plate: string }>(
      `SELECT u.email, v.plate FROM driver_assignments a JOIN users u ON u.id = a.driver_id
       JOIN vehicles v ON v.id = a.vehicle_id WHERE a.ends_at IS NULL`,
    )
    expect(assigned.rows.map((r) => r.email)).toEqual(["driver@demo.fleetcore.local"])
    const driver = DEMO_USERS.find((u) => u.role === "driver")
    await expect(
      login(h.fleet, driver?.email as string, before.get(driver?.email as string) as string),
    ).resolves.toBeDefined()
    // A second run adds no second assignment.
    await seedDemo(h.fleet.db, { dataDir: h.dataDir, vehicles: 1, adminPassword: DEMO_PASSWORD })
    const count = await h.fleet.db.system.query<{ n: string }>("SELECT count(*) AS n FROM driver_assignments")
    expect(count.rows[0]?.n).toBe("1")
  })
})
