import type { DriverDashboard, HomeSummary, VehicleDashboard } from "@fleetcore/contract"
import mqtt from "mqtt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/**
 * Seed 001's dashboards in the browser: a van driving now (a real MQTT publish) opens with its
 * summary above the tabs (moving, its driver, today's distance, the refuel, the late task); its
 * driver's page with the vehicle and the month's driving; the home page with the fleet's operations
 * as the API counts them. Light and dark, English and Russian.
 */
const POLL = { timeout: 30_000, interval: 200 }

let b: BrowserFleet
let token = ""
let vehicleId = ""
let driverId = ""

beforeAll(async () => {
  b = await startBrowserFleet("dashboards")
  await b.addUser({ email: "admin@dash.test", role: "admin", name: "Aida Admin" })
  await b.addUser({ email: "ru@dash.test", role: "manager", name: "Марат Менеджер", locale: "ru" })
  token = await b.tokenOf("admin@dash.test")
  vehicleId = (
    await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name: "Sprinter", plate: "DSH 777" })
  ).id
  const device = await b.api<{ secret: string }>(token, "POST", "/api/v1/devices", {
    id: "dash-tracker",
    vehicleId,
  })
  driverId = (
    await b.api<{ id: string }>(token, "POST", "/api/v1/drivers", {
      fullName: "Ерлан Сапаров",
      licenceExpiresOn: "2028-03-31",
    })
  ).id
  await b.api(token, "POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
    driverId,
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
  })
  await b.api(token, "POST", `/api/v1/vehicles/${vehicleId}/fuel-entries`, {
    time: new Date().toISOString(),
    litres: 40,
    amount: "12000.00",
  })
  await b.api(token, "POST", "/api/v1/tasks", {
    title: "Deliver the spare wheel",
    vehicleId,
    driverId,
    dueAt: new Date(Date.now() - 3_600_000).toISOString(),
  })
  // Two minutes of driving north at 15 m/s, ending now.
  const client = await mqtt.connectAsync(b.fleet.mqttUrl, {
    clientId: "dash-tracker",
    username: "dash-tracker",
    password: device.secret,
    reconnectPeriod: 0,
  })
  const end = Date.now() - 2_000
  const points = Array.from({ length: 120 }, (_, i) => ({
    timeMs: end - (119 - i) * 1000,
    lat: 43.238 + i * 0.000135,
    lon: 76.889,
    speedMps: 15,
    ignition: true,
    fuelLevelPct: 62,
  }))
  await client.publishAsync("fleet/v1/devices/dash-tracker/telemetry", JSON.stringify({ points }), { qos: 1 })
  await client.endAsync()
  // The engine's daily totals have the drive before any page opens.
  for (const deadline = Date.now() + 30_000; ; ) {
    const d = await b.api<typeof VehicleDashboard.Encoded>(
      token,
      "GET",
      `/api/v1/vehicles/${vehicleId}/dashboard`,
    )
    if ((d.distance?.todayKm ?? 0) > 1) break
    if (Date.now() > deadline) throw new Error(`the drive was not counted: ${JSON.stringify(d.distance)}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}, 120_000)
afterAll(async () => {
  await b?.close()
})

describe("dashboards", () => {
  it("a vehicle opens with its summary above the tabs, and its driver's tile leads to the driver", async () => {
    const page = await b.newPage()
    await b.signIn(page, "admin@dash.test")
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicleId}`)
    const value = (id: string) => page.getByTestId(`${id}-value`).innerText()
    await expect.poll(() => value("summary-now"), POLL).toBe("Moving")
    expect(await page.getByTestId("summary-now").innerText()).toContain("54 km/h, ignition on")
    expect(await value("summary-driver")).toBe("Ерлан Сапаров")
    expect(await value("summary-distance")).toMatch(/^1\.\d km today$/u)
    expect(await value("summary-fuel")).toBe("1 · 40.0 L")
    expect(await page.getByTestId("summary-tasks").getAttribute("data-tone")).toBe("warning")
    expect(await page.getByTestId("summary-tasks").innerText()).toContain("1 late")
    await b.shot(page, "vehicle-summary-en-light", { fullPage: false })

    await page.getByTestId("summary-driver").click()
    await expect.poll(() => page.url(), POLL).toContain(`/drivers/${driverId}`)
    await expect.poll(() => value("summary-vehicle"), POLL).toBe("DSH 777 · Sprinter")
    const api = await b.api<typeof DriverDashboard.Encoded>(
      token,
      "GET",
      `/api/v1/drivers/${driverId}/dashboard`,
    )
    expect(await value("summary-driving")).toBe(`${api.driving?.km.toFixed(1)} km`)
    expect(await page.getByTestId("summary-score").innerText()).toContain("Not scored under 100 km")
    expect(await value("summary-licence")).toBe("Mar 31, 2028")
    await b.shot(page, "driver-summary-en-light", { fullPage: false })
    expect(b.pageErrors).toEqual([])
  })

  it("the home page shows the fleet's operations as the API counts them", async () => {
    const page = await b.newPage()
    await b.signIn(page, "admin@dash.test")
    await page.goto(`${b.fleet.httpUrl}/`)
    await expect.poll(() => page.getByTestId("home-operations").count(), POLL).toBe(1)
    const home = await b.api<typeof HomeSummary.Encoded>(token, "GET", "/api/v1/home")
    const ops = home.operations
    expect(ops?.live?.moving).toBeGreaterThanOrEqual(1)
    expect(await page.getByTestId("home-live-moving").locator("strong").innerText()).toBe(
      String(ops?.live?.moving),
    )
    expect(await page.getByTestId("home-ops-tasks").locator("strong").innerText()).toBe(
      String(ops?.tasks?.open),
    )
    await b.shot(page, "home-operations-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("reads in Russian, in the dark", async () => {
    const page = await b.newPage({ colorScheme: "dark" })
    await b.signIn(page, "ru@dash.test")
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicleId}`)
    await expect.poll(() => page.getByTestId("summary-now-value").innerText(), POLL).toBe("В движении")
    expect(await page.getByTestId("summary-fuel-value").innerText()).toBe("1 · 40,0 л")
    await b.shot(page, "vehicle-summary-ru-dark", { fullPage: false })
    await page.goto(`${b.fleet.httpUrl}/drivers/${driverId}`)
    await expect.poll(() => page.getByTestId("summary-licence-value").innerText(), POLL).toMatch(/2028/u)
    await b.shot(page, "driver-summary-ru-dark", { fullPage: false })
    await page.goto(`${b.fleet.httpUrl}/`)
    await expect
      .poll(() => page.getByTestId("home-operations").innerText(), POLL)
      .toContain("Оперативная сводка")
    await b.shot(page, "home-operations-ru-dark")
    expect(b.pageErrors).toEqual([])
  })
})
