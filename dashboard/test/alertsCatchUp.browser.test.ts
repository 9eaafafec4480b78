import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/**
 * The alerts inbox fetches its list, then its live socket opens. An alert raised in between sends its
 * live message to nobody; the page must still show it: it catches up when its socket opens. Here the
 * socket is held shut until an alert has been stored behind the page's back (no live message at all),
 * so only the catch-up can bring it.
 */
describe("the alerts inbox catches up when its live socket opens", () => {
  let b: BrowserFleet

  beforeAll(async () => {
    b = await startBrowserFleet("alertsCatchUp")
    await b.addUser({ email: "dispatcher@catchup.test", role: "dispatcher", locale: "en" })
  }, 180_000)

  afterAll(async () => {
    await b?.close()
  })

  it("shows an alert raised between the list's fetch and the socket's open", async () => {
    const db = b.fleet.db.system
    const vehicle = await db.query<{ id: string }>(
      "INSERT INTO vehicles (org_id, name, plate) VALUES ($1, 'Catch-up van', 'CATCH 01') RETURNING id",
      [b.orgId],
    )
    const page = await b.newPage()
    let release: () => void = () => undefined
    const opened = new Promise<void>((resolve) => {
      release = resolve
    })
    await page.routeWebSocket(/\/api\/v1\/live(\?.*)?$/u, async (ws) => {
      await opened
      ws.connectToServer()
    })
    await b.signIn(page, "dispatcher@catchup.test")
    await page.goto(`${b.fleet.httpUrl}/alerts`)
    // The list has loaded (the small demo may have no alerts for it yet).
    await page.getByTestId("alerts-row").or(page.getByTestId("empty-state")).first().waitFor()
    const row = page.getByTestId("alerts-row").filter({ hasText: "CATCH 01" })
    expect(await row.count()).toBe(0)

    await db.query(
      `INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, details)
       VALUES ($1, $2, 'overspeed', '', 'warning', now(), now(), '{"speedKmh": 131}')`,
      [b.orgId, vehicle.rows[0]?.id],
    )
    release()
    await row.waitFor({ timeout: 15_000 })
    expect(await row.count()).toBe(1)
  })
})
