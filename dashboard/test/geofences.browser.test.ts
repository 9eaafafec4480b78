import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import mqtt from "mqtt"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"

/*
 * Issue 9, the geofence editor: a fleet manager draws a polygon with the mouse on the map and saves
 * it with a short dwell; a tracker then drives into it over real MQTT and stays; the enter alert
 * appears in the alerts inbox. Then the manager drags a corner of the fence (the ring changes) and
 * sets a schedule. Screenshots of the page and its editor in light and dark, English and Russian go
 * to test-results/geofences/. The dashboard must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "geofences")
const PASSWORD = "Quartz-Meadow-4821"
const POLL = { timeout: 30_000, interval: 200 }
/** Where the yard is: a reference tracker parks here, so the map opens on it. */
const YARD = { lat: 43.238, lon: 76.889 }

interface Fence {
  id: string
  name: string
  kind: string
  ring: Array<[number, number]> | null
  dwellS: number
  schedule: { days: string[]; from: string; to: string } | null
}

describe("the geofence editor in a browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore
  let browser: Browser
  let adminToken = ""
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const tracker = async (id: string, name: string, plate: string) => {
    const vehicle = await api<{ id: string }>("POST", "/api/v1/vehicles", { name, plate })
    const { secret } = await api<{ secret: string }>("POST", "/api/v1/devices", { id, vehicleId: vehicle.id })
    return { id, secret, vehicleId: vehicle.id }
  }
  const publish = async (device: { id: string; secret: string }, points: ReadonlyArray<object>) => {
    const client = await mqtt.connectAsync(fleet.mqttUrl, {
      clientId: device.id,
      username: device.id,
      password: device.secret,
      reconnectPeriod: 0,
    })
    await client.publishAsync(`fleet/v1/devices/${device.id}/telemetry`, JSON.stringify({ points }), {
      qos: 1,
    })
    await client.endAsync()
  }
  const newPage = async (colorScheme: "light" | "dark" = "light", locale = "en-GB") => {
    const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 800 } })
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    return page
  }
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("login-email").fill(email)
    await page.getByTestId("login-password").fill(PASSWORD)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("home").waitFor()
  }
  const openEditorPage = async (page: Page) => {
    await page.getByTestId("nav-geofences").click()
    // The first view settles on the fences, else the reference tracker (a fit without animation),
    // then tiles render: a fence drawn before that would be drawn at whatever zoom the map had.
    await page
      .locator('[data-testid="geofence-map"][data-ready="true"][data-settled="true"]')
      .waitFor({ timeout: 30_000 })
    await page.waitForTimeout(500)
  }
  /** The basemap the geofences map draws (its name, set once the map settles). */
  const basemapOf = (page: Page) => page.locator(".geofence-map__canvas").getAttribute("data-basemap-style")
  const mapBox = async (page: Page) => {
    const box = await page.getByTestId("geofence-map").boundingBox()
    if (box === null) throw new Error("the map has no box")
    return { cx: box.x + box.width / 2, cy: box.y + box.height / 2 }
  }
  const click = async (page: Page, x: number, y: number) => {
    await page.mouse.move(x, y, { steps: 4 })
    await page.mouse.click(x, y)
    await page.waitForTimeout(150)
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir, `${name}.png`) })

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-geofences-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    if (!fleet.demo) throw new Error("the server seeded no demo organisation")
    for (const [email, name, locale] of [
      ["manager@fences.test", "Marat Manager", "en"],
      ["manager-ru@fences.test", "Мария Менеджер", "ru"],
    ] as const) {
      await fleet.db.system.query(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, 'manager', $5)",
        [fleet.demo.orgId, email, name, await hashSecret(PASSWORD), locale],
      )
    }
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: fleet.demo.email, password: fleet.demo.password }),
    })
    adminToken = ((await login.json()) as { accessToken: string }).accessToken
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("a geofence drawn in the editor raises an alert for a vehicle that then drives into it", async () => {
    // A parked tracker at the yard, so the editor's map opens there.
    const parked = await tracker("fence-ref-1", "Yard tractor", "GEO 100")
    await publish(parked, [{ timeMs: Date.now() - 60_000, ...YARD, speedMps: 0, ignition: false }])
    await expect
      .poll(async () => {
        const map = await api<{ ids: string[]; lat: Array<number | null> }>("GET", "/api/v1/live/map")
        return map.lat[map.ids.indexOf(parked.vehicleId)] ?? null
      }, POLL)
      .not.toBeNull()
    const page = await newPage()
    await signIn(page, "manager@fences.test")
    await openEditorPage(page)
    await page.getByTestId("empty-state").waitFor()

    // Draw a square with the mouse: four corners, then the first corner again closes it.
    await page.getByTestId("geofence-draw-polygon").click()
    const { cx, cy } = await mapBox(page)
    const corners: Array<[number, number]> = [
      [cx - 140, cy - 100],
      [cx + 140, cy - 100],
      [cx + 140, cy + 100],
      [cx - 140, cy + 100],
    ]
    for (const [x, y] of corners) await click(page, x, y)
    await click(page, corners[0]?.[0] ?? 0, corners[0]?.[1] ?? 0)
    await expect.poll(() => page.getByTestId("geofence-save").isEnabled(), POLL).toBe(true)
    await page.getByTestId("geofence-name").fill("Central yard")
    await page.getByTestId("geofence-dwell").fill("10")
    await shot(page, "editor-new-en-light")
    await page.getByTestId("geofence-save").click()

    await expect
      .poll(async () => (await api<{ items: Fence[] }>("GET", "/api/v1/geofences")).items.length, POLL)
      .toBe(1)
    const fence = (await api<{ items: Fence[] }>("GET", "/api/v1/geofences")).items[0] as Fence
    expect(fence).toMatchObject({ name: "Central yard", kind: "polygon", dwellS: 10, schedule: null })
    expect(fence.ring).toHaveLength(4)
    const ring = fence.ring ?? []
    const lats = ring.map((p) => p[0])
    const lons = ring.map((p) => p[1])
    // The square drawn around the map's centre, the yard, a few hundred metres across.
    expect(Math.min(...lats)).toBeLessThan(YARD.lat)
    expect(Math.max(...lats)).toBeGreaterThan(YARD.lat)
    expect(Math.min(...lons)).toBeLessThan(YARD.lon)
    expect(Math.max(...lons)).toBeGreaterThan(YARD.lon)
    expect(Math.max(...lons) - Math.min(...lons)).toBeLessThan(0.05)
    await page.getByTestId("geofence-editor").waitFor()
    await shot(page, "editor-saved-en-light")

    // A van drives in from a kilometre north of the fence (its size follows the map's zoom when it
    // was drawn) and parks at its centre for a minute.
    const van = await tracker("fence-van-1", "Sprinter 3", "GEO 333")
    const t0 = Date.now() - 5 * 60_000
    const centre = {
      lat: lats.reduce((s, x) => s + x, 0) / lats.length,
      lon: lons.reduce((s, x) => s + x, 0) / lons.length,
    }
    const startLat = Math.max(...lats) + 0.01
    const approachS = 60
    const approachMps = ((startLat - centre.lat) * 111_320) / approachS
    const points = Array.from({ length: approachS + 60 }, (_, i) => {
      const k = Math.min(i, approachS) / approachS
      return {
        timeMs: t0 + i * 1000,
        lat: startLat + (centre.lat - startLat) * k,
        lon: centre.lon,
        speedMps: i < approachS ? approachMps : 0,
        ignition: true,
      }
    })
    await publish(van, points)

    const row = page
      .getByTestId("alerts-row")
      .filter({ has: page.getByText("Geofence entered") })
      .filter({ hasText: "GEO 333" })
    // The engine's run and the alert's write, waited for through the API first (up to 90 s under a
    // loaded suite), so a failure says which side is late: the rules, or the inbox's live update.
    const vanAlerts = async () =>
      (
        await api<{ items: Array<{ type: string; key: string }> }>(
          "GET",
          `/api/v1/alerts?vehicleId=${van.vehicleId}`,
        )
      ).items.map((a) => [a.type, a.key])
    const vanOnMap = async () => {
      const map = await api<{ ids: string[]; lat: Array<number | null> }>("GET", "/api/v1/live/map")
      return map.lat[map.ids.indexOf(van.vehicleId)] ?? null
    }
    await expect
      .poll(vanAlerts, { timeout: 90_000, interval: 500 })
      .toEqual([["geofence_enter", fence.id]])
      .catch(async (error: Error) => {
        const lat = await vanOnMap()
        throw new Error(
          `${error.message}\nthe van's last latitude on the live map: ${lat}; the fence's centre: ${centre.lat}`,
        )
      })
    // The inbox lists it (its live updates have their own tests: alerts, alertsCatchUp).
    await page.getByTestId("nav-alerts").click()
    await row.waitFor({ timeout: 30_000 })
    await shot(page, "alerts-inbox-en-light")

    // Back in the editor: drag the fence 100 px east and give it working hours with Saturday.
    await openEditorPage(page)
    await page.getByTestId("geofence-row").first().locator("button").click()
    await page.getByTestId("geofence-editor").waitFor()
    await page.waitForTimeout(800) // the map flies to the fence: its centre is the map's centre
    const at = await mapBox(page)
    await page.mouse.move(at.cx, at.cy, { steps: 4 })
    await page.mouse.down()
    await page.mouse.move(at.cx + 100, at.cy, { steps: 10 })
    await page.mouse.up()
    await page.getByTestId("geofence-always").uncheck()
    await page.getByTestId("geofence-day-sat").check()
    await page.getByTestId("geofence-from").fill("07:30")
    await page.getByTestId("geofence-to").fill("19:00")
    await page.getByTestId("geofence-save").click()
    await expect
      .poll(async () => (await api<{ items: Fence[] }>("GET", "/api/v1/geofences")).items[0]?.schedule, POLL)
      .toEqual({ days: ["mon", "tue", "wed", "thu", "fri", "sat"], from: "07:30", to: "19:00" })
    const moved = (await api<{ items: Fence[] }>("GET", "/api/v1/geofences")).items[0]?.ring ?? []
    const shift = Math.min(...moved.map((p) => p[1])) - Math.min(...lons)
    expect(shift).toBeGreaterThan(0)
    expect(Math.max(...moved.map((p) => p[0])) - Math.max(...lats)).toBeCloseTo(0, 4)
    await shot(page, "editor-schedule-en-light")
    expect(pageErrors).toEqual([])
  }, 240_000)

  it("draws a circle, pauses it from the list, and shows the page in light and dark, English and Russian", async () => {
    // A circle drawn by dragging out its radius beside the yard, alerting on exit; then paused from the list.
    const page = await newPage()
    await signIn(page, "manager@fences.test")
    await openEditorPage(page)
    await page.getByTestId("geofence-draw-circle").click()
    const { cx, cy } = await mapBox(page)
    await page.mouse.move(cx - 200, cy + 260, { steps: 4 })
    await page.mouse.down()
    await page.mouse.move(cx - 140, cy + 260, { steps: 10 })
    await page.mouse.up()
    await expect.poll(() => page.getByTestId("geofence-save").isEnabled(), POLL).toBe(true)
    await page.getByTestId("geofence-name").fill("Fuel station")
    await page.getByTestId("geofence-alert-on").selectOption("exit")
    await shot(page, "editor-circle-en-light")
    await page.getByTestId("geofence-save").click()
    const circleOf = async () =>
      (
        await api<{ items: Array<Fence & { radiusM: number | null; alertOn: string; active: boolean }> }>(
          "GET",
          "/api/v1/geofences?kind=circle",
        )
      ).items[0]
    await expect.poll(async () => (await circleOf())?.name, POLL).toBe("Fuel station")
    const circle = await circleOf()
    expect(circle).toMatchObject({ kind: "circle", alertOn: "exit", active: true })
    // 60 px at the yard's zoom is some tens of metres, never the 10 m floor nor a kilometre.
    expect(circle?.radiusM).toBeGreaterThan(20)
    expect(circle?.radiusM).toBeLessThan(1000)
    // The page opens the saved fence once its own list has refetched (only an open fence can be
    // deleted): closed before that, the editor reopened over the list on a loaded machine.
    await expect.poll(() => page.getByTestId("geofence-delete").isVisible(), POLL).toBe(true)
    await page.getByTestId("geofence-cancel").click()
    await page.getByTestId("geofence-row").filter({ hasText: "Fuel station" }).getByRole("checkbox").uncheck()
    await expect.poll(async () => (await circleOf())?.active, POLL).toBe(false)
    // The editor's map follows the theme, its fences kept on the new basemap.
    await expect.poll(() => basemapOf(page), POLL).toBe("FleetCore offline (light)")
    await page.getByTestId("theme-menu").click()
    await page.getByTestId("theme-dark").click()
    await expect.poll(() => basemapOf(page), POLL).toBe("FleetCore offline (dark)")
    await shot(page, "list-en-dark-switched")

    const [scheme, email, lang] = ["dark", "manager-ru@fences.test", "ru"] as const
    const other = await newPage(scheme, lang === "ru" ? "ru-RU" : "en-GB")
    await signIn(other, email)
    await openEditorPage(other)
    await expect.poll(() => other.getByTestId("geofence-row").count(), POLL).toBe(2)
    await expect.poll(() => basemapOf(other), POLL).toBe("FleetCore offline (dark)")
    await shot(other, `list-${lang}-${scheme}`)
    await other.getByTestId("geofence-row").filter({ hasText: "Central yard" }).locator("button").click()
    await other.getByTestId("geofence-editor").waitFor()
    await other.waitForTimeout(800)
    await shot(other, `editor-${lang}-${scheme}`)
    expect(pageErrors).toEqual([])
  }, 120_000)
})
