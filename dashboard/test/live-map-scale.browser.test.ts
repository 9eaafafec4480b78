import type { RunningFleetCore } from "@fleetcore/server"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

// The dashboard must be built first (`npm run build -w @fleetcore/dashboard`): the server serves dist/.
/** Vehicles around Almaty and Astana, a few hundred metres apart. */
const VEHICLES = 3_000
const POLL = { timeout: 60_000, interval: 250 }

/**
 * The live map with a few thousand vehicles: zoomed out it draws clusters, zoomed in (past the last
 * cluster zoom) every vehicle on its own; the side list is virtualised and still reaches the last
 * vehicle; the filters narrow both.
 */
describe("the live map at scale, in a browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore

  const open = async (email: string, colorScheme: "light" | "dark" = "light"): Promise<Page> => {
    const page = await b.newPage({ colorScheme, width: 1440 })
    await b.signIn(page, email)
    await page.goto(`${fleet.httpUrl}/live`)
    await page.locator('[data-testid="live-map"][data-fitted="true"]').waitFor({ timeout: 60_000 })
    return page
  }
  const mapState = async (page: Page) => {
    const map = page.getByTestId("live-map")
    return {
      zoom: Number(await map.getAttribute("data-zoom")),
      clusters: Number(await map.getAttribute("data-clusters")),
      single: Number(await map.getAttribute("data-single")),
      labelled: Number(await map.getAttribute("data-labelled")),
    }
  }

  beforeAll(async () => {
    b = await startBrowserFleet("live-map-scale")
    fleet = b.fleet
    const orgId = b.orgId
    for (const locale of ["en", "ru"])
      await b.addUser({ email: `map-${locale}@ui.test`, role: "dispatcher", name: `Map ${locale}`, locale })
    // Two cities; vehicle n is one of a grid of cells ~300 m apart; every third one parked.
    await fleet.db.system.query(
      `WITH v AS (
         INSERT INTO vehicles (org_id, name, plate)
         SELECT $1, 'Scale ' || lpad(n::text, 4, '0'), 'SC ' || n FROM generate_series(1, $2) AS n
         RETURNING id, name
       )
       INSERT INTO vehicle_state (vehicle_id, org_id, time, lat, lon, speed_mps, heading_deg, ignition)
       SELECT id, $1, now(),
              CASE WHEN n % 2 = 0 THEN 43.2 ELSE 51.1 END + (n / 2 / 40) * 0.003,
              CASE WHEN n % 2 = 0 THEN 76.85 ELSE 71.4 END + (n / 2 % 40) * 0.004,
              CASE WHEN n % 3 = 0 THEN 0 ELSE 12 END, 90, n % 3 <> 0
       FROM (SELECT id, substring(name FROM 7)::int AS n FROM v) AS s`,
      [orgId, VEHICLES],
    )
  })
  afterAll(async () => {
    await b?.close()
  })

  it("zoomed out shows clusters; a cluster clicked and zoomed in shows every vehicle on its own", async () => {
    const page = await open("map-en@ui.test")
    // Everything fitted into view: a few clusters, far fewer items than vehicles.
    await expect.poll(async () => (await mapState(page)).clusters, POLL).toBeGreaterThan(0)
    const out = await mapState(page)
    expect(out.clusters + out.single).toBeLessThan(200)
    await b.shot(page, "clusters", { fullPage: false })

    // Centre on one vehicle at street level: no clusters, the vehicles in view each drawn.
    await page.getByTestId("vehicle-search").fill("Scale 0002")
    await page.getByTestId("vehicle-row").first().click()
    await page.getByTestId("vehicle-details").waitFor()
    await expect.poll(async () => (await mapState(page)).zoom, POLL).toBeGreaterThanOrEqual(12)
    for (let i = 0; i < 2; i += 1) await page.getByTestId("map-zoom-in").click()
    await expect.poll(async () => (await mapState(page)).zoom, POLL).toBeGreaterThan(13)
    await expect.poll(async () => (await mapState(page)).clusters, POLL).toBe(0)
    const near = await mapState(page)
    expect(near.single).toBeGreaterThan(1)
    // Names are drawn where they fit (declutterLabels keeps them apart; its unit test proves no overlap).
    expect(near.labelled).toBeGreaterThan(1)
    expect(near.labelled).toBeLessThanOrEqual(near.single)
    await b.shot(page, "vehicles", { fullPage: false })
  })

  it("the side list holds only the rows in view and scrolls to the last vehicle", async () => {
    const page = await open("map-en@ui.test")
    await expect.poll(() => page.getByTestId("vehicle-count").textContent(), POLL).toBe("3,000")
    const rendered = await page.getByTestId("vehicle-row").count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(80)
    await page.getByTestId("vehicle-list-scroll").evaluate((el) => {
      el.scrollTop = el.scrollHeight
    })
    await expect
      .poll(
        () => page.locator('[data-testid="vehicle-row"]').last().locator(".vehicle-row__name").textContent(),
        POLL,
      )
      .toBe("Scale 3000")
    await page.getByTestId("vehicle-row").last().click()
    await expect.poll(() => page.getByTestId("vehicle-details-name").textContent(), POLL).toBe("Scale 3000")
  })

  it("the status filter narrows the list and the map", async () => {
    const page = await open("map-en@ui.test")
    await page.getByTestId("live-filter-status").selectOption("idle")
    // Every third vehicle is parked with its ignition off: stopped, not idle; the rest move.
    await expect.poll(() => page.getByTestId("vehicle-count").textContent(), POLL).toBe("0")
    await page.getByTestId("live-filter-status").selectOption("stopped")
    await expect.poll(() => page.getByTestId("vehicle-count").textContent(), POLL).toBe("1,000")
    expect(
      await page
        .getByTestId("vehicle-row")
        .evaluateAll((rows) => rows.every((r) => r.dataset.status === "stopped")),
    ).toBe(true)
  })

  it("looks right in light English and in dark Russian", async () => {
    for (const [locale, scheme] of [
      ["en", "light"],
      ["ru", "dark"],
    ] as const) {
      const page = await open(`map-${locale}@ui.test`, scheme)
      await expect.poll(async () => (await mapState(page)).clusters, POLL).toBeGreaterThan(0)
      await page.waitForTimeout(500)
      await b.shot(page, `${locale}-${scheme}`, { fullPage: false })
    }
    expect(b.pageErrors).toEqual([])
  }, 240_000)
})
