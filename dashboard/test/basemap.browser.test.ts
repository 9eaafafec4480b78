import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, BrowserContext, Page } from "playwright-core"
import sharp from "sharp"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { BASEMAP_PALETTES } from "../src/map/basemapPalette.js"
import { launchChromium } from "./launchChromium.js"

/*
 * The live map's basemap. Without a configured style: the bundled offline map, with place names
 * at country zoom and closer in, land at street zoom and lakes around the city, in light and dark. With FLEET_MAP_STYLE_URL: that style (served
 * here, a plain magenta background); with one that does not load: the offline map and a notice.
 * Photographs into test-results/. The dashboard must be built first.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results")
const PASSWORD = "Basemap-Lantern-4410"
const POLL = { timeout: 60_000, interval: 250 }
const MAGENTA = "#ff00ff"

/** Starts FleetCore with two vehicles, in Almaty and Astana, and a dispatcher of each language. */
const startWithVehicles = async (mapStyleUrl?: string) => {
  const dataDir = await mkdtemp(join(tmpdir(), "fleetcore-basemap-"))
  const fleet = await startFleetCore({
    dataDir,
    simulatorVehicles: 0,
    ...(mapStyleUrl ? { mapStyleUrl } : {}),
  })
  const orgId = fleet.demo?.orgId as string
  for (const locale of ["en", "ru"])
    await fleet.db.system.query(
      "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, 'Dispatcher', $3, 'dispatcher', $4)",
      [orgId, `basemap-${locale}@ui.test`, await hashSecret(PASSWORD), locale],
    )
  await fleet.db.system.query(
    `WITH v AS (
       INSERT INTO vehicles (org_id, name, plate)
       VALUES ($1, 'Almaty van', 'BM 1'), ($1, 'Astana truck', 'BM 2') RETURNING id, name
     )
     INSERT INTO vehicle_state (vehicle_id, org_id, time, lat, lon, speed_mps, heading_deg, ignition)
     SELECT id, $1, now(),
            CASE WHEN name = 'Almaty van' THEN 43.2567 ELSE 51.1801 END,
            CASE WHEN name = 'Almaty van' THEN 76.9286 ELSE 71.446 END, 0, 0, false
     FROM v`,
    [orgId],
  )
  return { fleet, dataDir }
}

describe("the live map's basemap", () => {
  let browser: Browser
  let styleServer: Server
  let styleUrl: string
  let styleRequests = 0
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const open = async (fleet: RunningFleetCore, language: "en" | "ru", colorScheme: "light" | "dark") => {
    const context = await browser.newContext({
      locale: "en-GB",
      colorScheme,
      viewport: { width: 1280, height: 800 },
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("login-email").fill(`basemap-${language}@ui.test`)
    await page.getByTestId("login-password").fill(PASSWORD)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("sidebar").waitFor()
    await page.goto(`${fleet.httpUrl}/live`)
    await page.locator('[data-testid="live-map"][data-fitted="true"]').waitFor({ timeout: 60_000 })
    return page
  }
  const canvas = (page: Page) => page.locator(".live-map__canvas")
  const places = async (page: Page) => Number(await canvas(page).getAttribute("data-basemap-places"))
  const names = async (page: Page) => (await canvas(page).getAttribute("data-basemap-place-names")) ?? ""
  const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir, `${name}.png`) })
  /** The colour of the map's pixel at (x, y) of the page, as #rrggbb. */
  const pixel = async (page: Page, x: number, y: number) => {
    const { data } = await sharp(await page.screenshot())
      .extract({ left: x, top: y, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true })
    return `#${[...data.subarray(0, 3)].map((c) => c.toString(16).padStart(2, "0")).join("")}`
  }

  /** The share of the map's pixels painted exactly in `colour` (#rrggbb): the fills are opaque. */
  const share = async (page: Page, colour: string) => {
    const box = await canvas(page).boundingBox()
    const { data, info } = await sharp(await page.screenshot())
      .extract({
        left: Math.round(box?.x ?? 0),
        top: Math.round(box?.y ?? 0),
        width: Math.round(box?.width ?? 1),
        height: Math.round(box?.height ?? 1),
      })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16))
    let count = 0
    for (let i = 0; i < data.length; i += 3)
      if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count += 1
    return count / (info.width * info.height)
  }

  beforeAll(async () => {
    await mkdir(resultsDir, { recursive: true })
    browser = await launchChromium()
    styleServer = createServer((request, response) => {
      response.setHeader("access-control-allow-origin", "*")
      if (request.url !== "/style.json") {
        response.statusCode = 404
        response.end()
        return
      }
      styleRequests += 1
      response.setHeader("content-type", "application/json")
      response.end(
        JSON.stringify({
          version: 8,
          name: "Test streets",
          sources: {},
          layers: [{ id: "background", type: "background", paint: { "background-color": MAGENTA } }],
        }),
      )
    })
    await new Promise<void>((resolve) => styleServer.listen(0, "127.0.0.1", resolve))
    styleUrl = `http://127.0.0.1:${(styleServer.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await new Promise((resolve) => styleServer?.close(resolve))
  })

  describe("without a configured style", () => {
    let fleet: RunningFleetCore
    let dataDir: string
    beforeAll(async () => {
      ;({ fleet, dataDir } = await startWithVehicles())
    }, 120_000)
    afterAll(async () => {
      await fleet?.stop()
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
    })

    it("draws the offline basemap with place names at country zoom and at city zoom, light and dark", async () => {
      for (const [language, scheme] of [
        ["en", "light"],
        ["ru", "dark"],
      ] as const) {
        const page = await open(fleet, language, scheme)
        await expect
          .poll(() => canvas(page).getAttribute("data-basemap-style"), POLL)
          .toBe(`FleetCore offline (${scheme})`)
        expect(await page.locator(".live-page__map").getAttribute("data-basemap")).toBe("offline")
        // Both cities in view (country zoom): the capital and other large places are named.
        expect(Number(await page.getByTestId("live-map").getAttribute("data-zoom"))).toBeLessThan(7)
        await expect.poll(() => places(page), POLL).toBeGreaterThan(3)
        // GeoNames (the bundled data) still calls Astana "Nur-Sultan"; Bishkek and Almaty are in view too.
        expect(await names(page)).toContain("Bishkek")
        await shot(page, `basemap-country-${language}-${scheme}`)

        // One vehicle at street level: the city it is in is named.
        await page.getByTestId("vehicle-search").fill("Almaty van")
        await page.getByTestId("vehicle-row").first().click()
        await expect
          .poll(async () => Number(await page.getByTestId("live-map").getAttribute("data-zoom")), POLL)
          .toBeGreaterThanOrEqual(11.9)
        // Street zoom inland: land all round, no sea where the 1:50m continent was cut into tiles.
        const palette = BASEMAP_PALETTES[scheme]
        await expect.poll(() => share(page, palette.land), POLL).toBeGreaterThan(0.5)
        expect(await share(page, palette.water)).toBeLessThan(0.01)
        await shot(page, `basemap-street-${language}-${scheme}`)
        for (let i = 0; i < 3; i += 1) await page.getByTestId("map-zoom-out").click()
        await expect.poll(() => names(page), POLL).toContain("Almaty")
        await shot(page, `basemap-city-${language}-${scheme}`)
        // A step out, Kapchagay reservoir and the Ili north of the city are drawn as water.
        await page.getByTestId("map-zoom-out").click()
        await expect.poll(() => share(page, palette.water), POLL).toBeGreaterThan(0.005)
        await shot(page, `basemap-lakes-${language}-${scheme}`)
        if (scheme === "light") {
          // A theme switch redraws the basemap in place, the vehicles still on it.
          await page.getByTestId("theme-menu").click()
          await page.getByTestId("theme-dark").click()
          await expect
            .poll(() => canvas(page).getAttribute("data-basemap-style"), POLL)
            .toBe("FleetCore offline (dark)")
          expect(await page.getByTestId("live-map").getAttribute("data-single")).toBe("1")
        }
      }
      expect(pageErrors).toEqual([])
    }, 180_000)
  })

  describe("with a configured style", () => {
    // One FleetCore at a time per process (chDB): each test stops its own.
    let run: { fleet: RunningFleetCore; dataDir: string } | undefined
    afterEach(async () => {
      await run?.fleet.stop()
      if (run) await rm(run.dataDir, { recursive: true, force: true })
      run = undefined
    })

    it("uses the style at FLEET_MAP_STYLE_URL", async () => {
      run = await startWithVehicles(`${styleUrl}/style.json`)
      const page = await open(run.fleet, "en", "light")
      await expect.poll(() => canvas(page).getAttribute("data-basemap-style"), POLL).toBe("Test streets")
      expect(await page.locator(".live-page__map").getAttribute("data-basemap")).toBe("configured")
      expect(styleRequests).toBeGreaterThan(0)
      expect(await page.getByTestId("map-style-fallback").count()).toBe(0)
      const box = await canvas(page).boundingBox()
      expect(await pixel(page, Math.round((box?.x ?? 0) + 20), Math.round((box?.y ?? 0) + 120))).toBe(MAGENTA)
      await shot(page, "basemap-configured-style")
    }, 180_000)

    it("falls back to the offline basemap, with a notice, when the style does not load", async () => {
      run = await startWithVehicles(`${styleUrl}/missing.json`)
      const page = await open(run.fleet, "en", "light")
      await expect
        .poll(() => canvas(page).getAttribute("data-basemap-style"), POLL)
        .toBe("FleetCore offline (light)")
      const notice = page.getByTestId("map-style-fallback")
      expect(await notice.textContent()).toContain("HTTP 404")
      await shot(page, "basemap-style-fallback")
      expect(pageErrors).toEqual([])
    }, 180_000)
  })
})
