import type { RunningFleetCore } from "@fleetcore/server"
import mqtt from "mqtt"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Issue 9, history replay in the browser: a tracker drives five minutes through Almaty over real
 * MQTT and parks; the rules make a trip of it. A dispatcher opens the vehicle's trips, sees the trip
 * and its track on the preview map, opens its replay, sees the track drawn (every point on the
 * timeline), plays it and watches the marker's time advance. Screenshots of the replay and the trips
 * tab in light and dark, English and Russian go to test-results/replay/.
 */

const POLL = { timeout: 30_000, interval: 100 }
const DRIVE_S = 300
const PARKED_S = 240

/** Five minutes east along a street at 20 to 70 km/h (one fix a second), then parked with the ignition off. */
const drive = (t0: number) => {
  const points: Array<Record<string, unknown>> = []
  let lon = 76.88
  for (let i = 0; i < DRIVE_S; i++) {
    const kmh = 20 + 50 * Math.abs(Math.sin(i / 60))
    points.push({
      timeMs: t0 + i * 1000,
      lat: 43.2385,
      lon,
      speedMps: kmh / 3.6,
      headingDeg: 90,
      ignition: true,
    })
    lon += kmh / 3.6 / 81_000 // metres per degree of longitude at 43° N
  }
  for (let s = 0; s <= PARKED_S; s += 5) {
    points.push({ timeMs: t0 + (DRIVE_S + s) * 1000, lat: 43.2385, lon, speedMps: 0, ignition: false })
  }
  return points
}

describe("history replay in a browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let adminToken = ""
  let vehicleId = ""

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const mapOf = (page: Page) => page.getByTestId("replay-map")
  /** The basemap the replay map draws (its name, set once the map settles). */
  const basemapOf = (page: Page) =>
    mapOf(page).locator(".replay-map__canvas").getAttribute("data-basemap-style")
  const attr = async (page: Page, name: string) =>
    Number((await mapOf(page).getAttribute(name)) ?? Number.NaN)

  beforeAll(async () => {
    b = await startBrowserFleet("replay")
    fleet = b.fleet
    for (const [email, name, locale] of [
      ["dispatcher@replay.test", "Dana Dispatcher", "en"],
      ["dispatcher-ru@replay.test", "Дина Диспетчер", "ru"],
    ] as const)
      await b.addUser({ email, role: "dispatcher", name, locale })
    adminToken = await b.tokenOf()
    vehicleId = (
      await api<{ id: string }>("POST", "/api/v1/vehicles", { name: "Replay Van", plate: "RPL 101" })
    ).id
    const deviceId = "replay-tracker-1"
    const { secret } = await api<{ secret: string }>("POST", "/api/v1/devices", { id: deviceId, vehicleId })
    const client = await mqtt.connectAsync(fleet.mqttUrl, {
      clientId: deviceId,
      username: deviceId,
      password: secret,
      reconnectPeriod: 0,
    })
    const points = drive(Date.now() - 20 * 60_000)
    for (let i = 0; i < points.length; i += 100) {
      await client.publishAsync(
        `fleet/v1/devices/${deviceId}/telemetry`,
        JSON.stringify({ points: points.slice(i, i + 100) }),
        { qos: 1 },
      )
    }
    await client.endAsync()
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("history replay shows a recorded trip", async () => {
    const page = await b.newPage()
    await b.signIn(page, "dispatcher@replay.test")
    await page.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=trips`)
    // The rules close the trip once the vehicle has stood three minutes: reload until it is listed.
    await expect
      .poll(
        async () => {
          const rows = await page.getByTestId("vehicle-trips-row").count()
          if (rows === 0) await page.reload()
          return rows
        },
        { timeout: 60_000, interval: 3_000 },
      )
      .toBe(1)
    // The newest trip is previewed: its track on the small map.
    await expect.poll(() => attr(page, "data-track-points"), POLL).toBeGreaterThanOrEqual(DRIVE_S - 5)
    expect(await attr(page, "data-drawn-points")).toBeGreaterThan(1)
    // The open stop after it needs the rules' saved state to say the vehicle stands, which may be
    // written a moment after the trip: reload until it is listed.
    await expect
      .poll(
        async () => {
          const rows = await page.getByTestId("vehicle-stops-row").count()
          if (rows === 0) await page.reload()
          return rows
        },
        { timeout: 60_000, interval: 3_000 },
      )
      .toBe(1)
    await b.shot(page, "trips-en-light")

    await page.getByTestId("trip-replay").click()
    await page.getByTestId("replay").waitFor()
    expect(new URL(page.url()).searchParams.get("tab")).toBe("track")
    await expect.poll(() => attr(page, "data-track-points"), POLL).toBeGreaterThanOrEqual(DRIVE_S - 5)
    await expect.poll(() => attr(page, "data-fitted"), POLL).toBeGreaterThan(0)
    const slider = page.getByTestId("replay-slider")
    const startMs = Number(await slider.getAttribute("min"))
    const endMs = Number(await slider.getAttribute("max"))
    // The timeline spans the trip: about five minutes of exact fix times.
    expect(endMs - startMs).toBeGreaterThan((DRIVE_S - 10) * 1000)
    expect(endMs - startMs).toBeLessThan((DRIVE_S + 60) * 1000)
    const time = page.getByTestId("replay-time")
    expect(Number(await time.getAttribute("data-time-ms"))).toBe(startMs)
    await b.shot(page, "replay-en-light")

    await page.getByTestId("replay-rate-60").click()
    await page.getByTestId("replay-play").click()
    await expect
      .poll(async () => Number(await time.getAttribute("data-time-ms")), POLL)
      .toBeGreaterThan(startMs + 30_000)
    await expect.poll(() => attr(page, "data-playhead-ms"), POLL).toBeGreaterThan(startMs + 30_000)
    expect(await page.getByTestId("replay-speed").textContent()).toMatch(/km\/h/)
    // ×60 plays the five minutes in five seconds and stops at the end.
    await expect.poll(async () => Number(await time.getAttribute("data-time-ms")), POLL).toBe(endMs)
    await b.shot(page, "replay-en-light-played")
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", async () => {
    const dark = await b.newPage({ colorScheme: "dark" })
    await b.signIn(dark, "dispatcher-ru@replay.test")
    await dark.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=trips`)
    await expect.poll(() => attr(dark, "data-track-points"), POLL).toBeGreaterThan(0)
    // The trips tab's small map is drawn in the dark theme too, as the live map is.
    await expect.poll(() => basemapOf(dark), POLL).toBe("FleetCore offline (dark)")
    await b.shot(dark, "trips-ru-dark")
    await dark.getByTestId("trip-replay").click()
    await expect.poll(() => attr(dark, "data-track-points"), POLL).toBeGreaterThan(0)
    await expect.poll(() => attr(dark, "data-fitted"), POLL).toBeGreaterThan(0)
    await expect.poll(() => basemapOf(dark), POLL).toBe("FleetCore offline (dark)")
    await b.shot(dark, "replay-ru-dark")
    const light = await b.newPage()
    await b.signIn(light, "dispatcher-ru@replay.test")
    await light.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=track&period=last7`)
    await expect.poll(() => attr(light, "data-track-points"), POLL).toBeGreaterThan(0)
    await expect.poll(() => attr(light, "data-fitted"), POLL).toBeGreaterThan(0)
    await expect.poll(() => basemapOf(light), POLL).toBe("FleetCore offline (light)")
    await b.shot(light, "replay-ru-light")
    // Switching the theme redraws the replay's basemap in place, the track still on it.
    await light.getByTestId("theme-menu").click()
    await light.getByTestId("theme-dark").click()
    await expect.poll(() => basemapOf(light), POLL).toBe("FleetCore offline (dark)")
    expect(await attr(light, "data-drawn-points")).toBeGreaterThan(1)
    await light.getByTestId("theme-menu").click()
    await light.getByTestId("theme-light").click()
    await expect.poll(() => basemapOf(light), POLL).toBe("FleetCore offline (light)")
    // From the live map: the selected vehicle's "History" opens today's replay; the last 7 days hold the trip.
    const en = await b.newPage({ colorScheme: "dark" })
    await b.signIn(en, "dispatcher@replay.test")
    await en.goto(`${fleet.httpUrl}/live`)
    await en.getByTestId("vehicle-search").fill("Replay Van")
    await en.getByTestId("vehicle-row").filter({ hasText: "Replay Van" }).click()
    await en.getByTestId("vehicle-history").click()
    await en.getByTestId("replay").waitFor()
    expect(new URL(en.url()).searchParams.get("period")).toBe("today")
    await en.getByTestId("replay-period-last7").click()
    await expect.poll(() => attr(en, "data-track-points"), POLL).toBeGreaterThan(0)
    await expect.poll(() => attr(en, "data-fitted"), POLL).toBeGreaterThan(0)
    await b.shot(en, "replay-en-dark")
    expect(b.pageErrors).toEqual([])
  }, 240_000)
})
