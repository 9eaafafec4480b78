import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * A burst of live alerts on a phone (390 × 844): at most three toasts show, the newest on top, each
 * one closes, "+N more" above them says how many newer ones pushed off the screen, and the list's
 * pagination at the page's end scrolls clear of them (the point under the next-page button is the
 * button) and takes a real click. On a desktop, in Russian, "+N more" opens the inbox. Photographed
 * into test-results/toasts/.
 */
const POLL = { timeout: 15_000, interval: 100 }
const TYPES = [
  "overspeed",
  "low_battery",
  "dtc",
  "fuel_theft",
  "odometer_jump",
  "maintenance_due",
  "device_offline",
]

describe("toasts on a phone", () => {
  let b: BrowserFleet

  beforeAll(async () => {
    b = await startBrowserFleet("toasts")
    await b.addUser({ email: "manager@toasts.example", role: "manager", name: "Toast Manager" })
    await b.addUser({ email: "manager.ru@toasts.example", role: "manager", name: "Менеджер", locale: "ru" })
    // Enough vehicles for a second page of the vehicles list (50 a page).
    await b.fleet.db.system.query(
      `INSERT INTO vehicles (org_id, name, plate)
       SELECT $1, 'Van ' || n, 'TST ' || lpad(n::text, 3, '0') FROM generate_series(1, 60) AS n`,
      [b.orgId],
    )
  }, 300_000)

  afterAll(async () => {
    await b?.close()
  })

  it("shows at most three, newest on top, each closable, never over the next-page button", async () => {
    for (const [pass, scheme] of (["light", "dark"] as const).entries()) {
      const page = await b.newPage({ colorScheme: scheme, width: 390, height: 844 })
      await b.signIn(page, "manager@toasts.example")
      await page.goto(`${b.fleet.httpUrl}/vehicles`)
      await page.getByTestId("vehicles-next").waitFor()
      // The live socket is up before the burst, so every alert arrives as a toast.
      await page.waitForTimeout(1_000)
      // An alert opened as the engine opens one: the trigger turns it into a notification.
      for (const [n, type] of TYPES.entries())
        await b.fleet.db.system.query(
          "INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, details) VALUES ($1, NULL, $2, $3, 'critical', now(), now(), '{}')",
          [b.orgId, type, `toast-${scheme}-${n}`],
        )
      const toasts = page.getByTestId("toast")
      await expect
        .poll(() => page.getByTestId("notification-count").textContent(), POLL)
        .toBe(String(TYPES.length * (pass + 1)))
      await expect.poll(() => toasts.count(), POLL).toBe(3)
      // Held while the pointer rests on them (Kobalte pauses their timers), as a reader would.
      await toasts.first().hover()
      expect(await toasts.count()).toBe(3)
      // The newest (last in the list) is drawn on top.
      const tops = await toasts.evaluateAll((all) => all.map((t) => t.getBoundingClientRect().top))
      expect(Math.min(...tops)).toBe(tops[tops.length - 1])
      // The four that newer ones pushed off are said above them, a link to the inbox.
      const more = page.getByTestId("toast-more")
      await expect.poll(() => more.textContent(), POLL).toBe(`+${TYPES.length - 3} more`)
      expect(await more.getAttribute("href")).toBe("/notifications")
      const moreBox = await more.boundingBox()
      expect((moreBox?.y ?? 0) + (moreBox?.height ?? 0)).toBeLessThanOrEqual(Math.min(...tops))
      expect((moreBox?.x ?? 0) + (moreBox?.width ?? 0)).toBeLessThanOrEqual(390)
      await b.shot(page, `burst-${scheme}`, { fullPage: false })

      // At the page's end the next-page button lies clear of the toasts.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      const next = page.getByTestId("vehicles-next")
      const box = await next.boundingBox()
      if (box === null) throw new Error("no next-page button on screen")
      const hit = await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="vehicles-next"]') !== null,
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      )
      expect(hit).toBe(true)
      await b.shot(page, `page-end-${scheme}`, { fullPage: false })
      // Each one closes.
      await toasts.first().getByRole("button").click()
      await expect.poll(() => toasts.count(), POLL).toBe(2)
      await next.click({ timeout: 5_000 })
      await page.waitForURL(/page=2/u)
      await page.close()
    }
    expect(b.pageErrors).toEqual([])
  })

  it("on a desktop, in Russian, says how many more arrived and opens the inbox", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1400, height: 900 })
    await b.signIn(page, "manager.ru@toasts.example")
    await page.goto(`${b.fleet.httpUrl}/vehicles`)
    await page.getByTestId("vehicles-next").waitFor()
    await page.waitForTimeout(1_000)
    for (const [n, type] of TYPES.slice(0, 5).entries())
      await b.fleet.db.system.query(
        "INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, details) VALUES ($1, NULL, $2, $3, 'critical', now(), now(), '{}')",
        [b.orgId, type, `toast-desktop-${n}`],
      )
    const toasts = page.getByTestId("toast")
    await expect.poll(() => toasts.count(), POLL).toBe(3)
    const more = page.getByTestId("toast-more")
    await expect.poll(() => more.textContent(), POLL).toBe("Ещё 2")
    expect(await more.getAttribute("title")).toBe("Открыть уведомления")
    await toasts.first().hover()
    await b.shot(page, "burst-desktop-ru", { fullPage: false })
    // Followed, it is forgotten: the inbox lists them all.
    await more.click()
    await page.waitForURL(/\/notifications$/u)
    await expect.poll(() => more.count(), POLL).toBe(0)
    await page.close()
    expect(b.pageErrors).toEqual([])
  })
})
