import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"

// The dashboard must be built first (`npm run build -w @fleetcore/dashboard`): the server serves dist/.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results")
const VEHICLES = 3
const POLL = { timeout: 30_000, interval: 250 }

describe("dashboard in a browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore | undefined
  let browser: Browser | undefined
  let context: BrowserContext
  let page: Page
  const pageErrors: Error[] = []
  const consoleErrors: string[] = []
  // The wrong-password step answers 401 on purpose; Chromium logs every failed request.
  const expectedConsoleError = /status of 401/

  const demo = () => {
    if (!fleet?.demo) throw new Error("the server seeded no demo organisation")
    return fleet.demo
  }
  const lastSeenTimes = () =>
    page.getByTestId("vehicle-last-seen").evaluateAll((els) => els.map((el) => el.getAttribute("datetime")))

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-dashboard-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: VEHICLES, simulatorIntervalMs: 500 })
    browser = await launchChromium()
    context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 800 } })
    page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error))
    page.on("console", (message) => {
      if (message.type() === "error" && !expectedConsoleError.test(message.text()))
        consoleErrors.push(message.text())
    })
  })

  afterAll(async () => {
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("shows the API's error for a wrong password", async () => {
    await page.goto(fleet?.httpUrl ?? "")
    await page.getByTestId("login-email").fill(demo().email)
    await page.getByTestId("login-password").fill(`${demo().password}-wrong`)
    await page.getByTestId("login-submit").click()
    const error = page.getByTestId("login-error")
    await error.waitFor({ timeout: 15_000 })
    expect(await error.textContent()).toBe("Wrong e-mail or password.")
    expect(await page.getByTestId("vehicle-row").count()).toBe(0)
  })

  it("signs in, lists every vehicle and connects the live feed", async () => {
    await page.getByTestId("login-password").fill(demo().password)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("nav-live").click()
    await expect.poll(() => page.getByTestId("vehicle-row").count(), POLL).toBe(VEHICLES)
    await expect.poll(() => page.getByTestId("live-status").getAttribute("data-status"), POLL).toBe("open")
    // MapLibre and deck.gl both got a WebGL canvas, and the map reported no error.
    await page.locator(".live-map canvas.maplibregl-canvas").waitFor({ timeout: 15_000 })
    expect(await page.locator(".live-map__error").count()).toBe(0)
  })

  it("moves vehicles as live positions arrive", async () => {
    await expect.poll(async () => (await lastSeenTimes()).length, POLL).toBe(VEHICLES)
    const before = await lastSeenTimes()
    await expect
      .poll(async () => (await lastSeenTimes()).filter((t, i) => t !== before[i]).length, POLL)
      .toBe(VEHICLES)
  })

  it("shows the selected vehicle's data and today's track", async () => {
    const row = page.getByTestId("vehicle-row").first()
    const name = await row.locator(".vehicle-row__name").textContent()
    await row.click()
    const panel = page.getByTestId("vehicle-details")
    await panel.waitFor()
    expect(await panel.getByTestId("vehicle-details-name").textContent()).toBe(name)
    for (const field of ["detail-time", "detail-speed", "detail-coordinates"]) {
      expect(await panel.getByTestId(field).textContent()).toMatch(/\d/)
    }
    expect(await panel.getByTestId("detail-speed").textContent()).toContain("km/h")
    const coordinates = await panel.getByTestId("detail-coordinates").textContent()
    await expect.poll(() => panel.getByTestId("detail-coordinates").textContent(), POLL).not.toBe(coordinates)
    // Today's track: fetched, then extended by live positions.
    const points = panel.getByTestId("vehicle-track-points")
    await points.waitFor({ timeout: 15_000 })
    const count = Number(await points.getAttribute("data-count"))
    await expect
      .poll(async () => Number(await points.getAttribute("data-count")), POLL)
      .toBeGreaterThan(count)

    await panel.getByTestId("follow-toggle").check()
    expect(await panel.getByTestId("follow-toggle").isChecked()).toBe(true)
    await page.waitForTimeout(1_500)
    await page.screenshot({ path: join(resultsDir, "dashboard.png") })
  })

  it("zooms out to the offline basemap's coasts and borders", async () => {
    await page.getByTestId("follow-toggle").uncheck()
    for (let i = 0; i < 8; i += 1) {
      await page.getByTestId("map-zoom-out").click()
      await page.waitForTimeout(350)
    }
    await page.waitForTimeout(1_000)
    await page.screenshot({ path: join(resultsDir, "dashboard-overview.png") })
    expect(await page.locator(".live-map__error").count()).toBe(0)
  })

  it("puts the list under the map at phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    const map = await page.getByTestId("live-map").boundingBox()
    const list = await page.locator(".vehicle-list").boundingBox()
    expect(map).not.toBeNull()
    expect(list).not.toBeNull()
    if (map && list) expect(list.y).toBeGreaterThanOrEqual(map.y + map.height - 1)
    await page.screenshot({ path: join(resultsDir, "dashboard-mobile.png"), fullPage: true })
  })

  it("signs out", async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByTestId("user-menu").click()
    await page.getByTestId("logout").click()
    await page.getByTestId("login-email").waitFor()
    expect(await page.getByTestId("vehicle-row").count()).toBe(0)
  })

  it("raised no uncaught errors in the page", () => {
    expect(pageErrors.map((e) => e.message)).toEqual([])
    if (consoleErrors.length > 0) console.warn("browser console errors:", consoleErrors)
  })
})
