import { deflateSync } from "node:zlib"
import type { RunningFleetCore } from "@fleetcore/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * The home page and the driver portal on the full demo fleet (500+ vehicles, a year of records):
 * a manager's home shows the widgets with the demo's real numbers and a widget opens its filtered
 * list; a driver at phone size (390×844) logs a refuel with a receipt photo and sees it listed.
 * Pages are photographed in light and dark, English and Russian, into test-results/.
 */

const POLL = { timeout: 20_000, interval: 100 }

/** A real 2×2 PNG (the server recognises files by their bytes): a receipt's photo stand-in. */
const tinyPng = (): Buffer => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, "ascii"), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.from([0, 200, 30, 30, 30, 200, 30, 0, 30, 30, 200, 200, 200, 200])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

describe("home page and driver portal in the browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let orgId = ""
  let driverVehicleId = ""
  let nextOdometerKm = 0

  const count = async (sql: string, values: unknown[] = [orgId]): Promise<number> =>
    Number((await fleet.db.system.query<{ n: string }>(sql, values)).rows[0]?.n)

  beforeAll(async () => {
    b = await startBrowserFleet("home", { demoScale: "full" })
    fleet = b.fleet
    orgId = b.orgId
    for (const [email, role, locale] of [
      ["manager.en@home.example", "manager", "en"],
      ["manager.ru@home.example", "manager", "ru"],
      ["driver.en@home.example", "driver", "en"],
      ["driver.ru@home.example", "driver", "ru"],
    ] as const)
      await b.addUser({ email, role, name: `Home ${role}`, locale })
    // Both driver logins are one demo driver with a vehicle assigned now (a rated vehicle type).
    const assigned = await fleet.db.system.query<{ driver_id: string; vehicle_id: string }>(
      `SELECT a.driver_id, a.vehicle_id FROM driver_assignments a
       JOIN drivers d ON d.id = a.driver_id AND d.user_id IS NULL
       JOIN vehicles v ON v.id = a.vehicle_id
       JOIN vehicle_types t ON t.id = v.vehicle_type_id AND t.rated_consumption_l_100km IS NOT NULL
       WHERE a.org_id = $1 AND a.starts_at <= now() AND (a.ends_at IS NULL OR a.ends_at > now())
       ORDER BY a.starts_at DESC LIMIT 1`,
      [orgId],
    )
    const row = assigned.rows[0]
    if (row === undefined) throw new Error("the demo fleet has no current assignment")
    driverVehicleId = row.vehicle_id
    await fleet.db.system.query(
      "UPDATE drivers SET user_id = (SELECT id FROM users WHERE email = 'driver.en@home.example') WHERE id = $1",
      [row.driver_id],
    )
    await fleet.db.system.query(
      `INSERT INTO drivers (org_id, user_id, full_name) SELECT $1, id, 'Home driver RU' FROM users WHERE email = 'driver.ru@home.example'`,
      [orgId],
    )
    await fleet.db.system.query(
      `INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at)
       SELECT $1, $2, d.id, now() - interval '1 day' FROM drivers d JOIN users u ON u.id = d.user_id
       WHERE u.email = 'driver.ru@home.example'`,
      [orgId, driverVehicleId],
    )
    const last = await fleet.db.system.query<{ km: string | null }>(
      `SELECT max(f.odometer_km) AS km FROM fuel_entries f JOIN expenses e ON e.id = f.id WHERE e.vehicle_id = $1`,
      [driverVehicleId],
    )
    nextOdometerKm = Math.ceil(Number(last.rows[0]?.km ?? 0)) + 450
  }, 180_000)

  afterAll(async () => {
    await b?.close()
  })

  it("shows the manager's widgets with the demo fleet's numbers, and a widget opens its filtered list", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 1280, height: 1700 })
    const started = Date.now()
    await b.signIn(page, "manager.en@home.example")
    await page.getByTestId("home-fleet").waitFor(POLL)
    const vehicles = await count("SELECT count(*) AS n FROM vehicles WHERE org_id = $1")
    const active = await count("SELECT count(*) AS n FROM vehicles WHERE org_id = $1 AND status = 'active'")
    const anomalies = await count(
      "SELECT count(*) AS n FROM fuel_entries WHERE org_id = $1 AND anomaly_status = 'unchecked'",
    )
    const documents = await count(
      `SELECT count(*) AS n FROM documents d JOIN organisations o ON o.id = d.org_id
       WHERE d.org_id = $1 AND d.expires_on <= (now() AT TIME ZONE coalesce(o.settings->>'timezone', 'Asia/Almaty'))::date + 30`,
    )
    expect(vehicles).toBeGreaterThanOrEqual(500)
    await expect
      .poll(() => page.getByTestId("home-fleet-total").textContent(), POLL)
      .toContain(vehicles.toLocaleString("en-GB"))
    await expect
      .poll(() => page.getByTestId("home-status-active").textContent(), POLL)
      .toContain(active.toLocaleString("en-GB"))
    expect(anomalies).toBeGreaterThan(0)
    await expect
      .poll(() => page.getByTestId("home-fuel-anomalies").textContent(), POLL)
      .toContain(`${anomalies.toLocaleString("en-GB")} refuels wait for a check`)
    await expect
      .poll(() => page.getByTestId("home-documents-count").textContent(), POLL)
      .toBe(documents.toLocaleString("en-GB"))
    // Each expiring document names the record it belongs to (here an insurance contract: its
    // contractor and number) and opens that record.
    const first = (
      await fleet.db.system.query<{ entity_type: string; entity_id: string; name: string | null }>(
        `SELECT d.entity_type, d.entity_id,
           CASE d.entity_type
             WHEN 'vehicle' THEN (SELECT concat_ws(' · ', v.name, v.plate) FROM vehicles v WHERE v.id = d.entity_id)
             WHEN 'driver' THEN (SELECT r.full_name FROM drivers r WHERE r.id = d.entity_id)
             WHEN 'contract' THEN (SELECT concat_ws(' ', c.contractor, c.number) FROM contracts c WHERE c.id = d.entity_id)
           END AS name
         FROM documents d JOIN organisations o ON o.id = d.org_id
         WHERE d.org_id = $1 AND d.expires_on <= (now() AT TIME ZONE coalesce(o.settings->>'timezone', 'Asia/Almaty'))::date + 30
         ORDER BY d.expires_on, d.id LIMIT 1`,
        [orgId],
      )
    ).rows[0]
    if (first?.name == null) throw new Error("the demo fleet's first expiring document has no named record")
    const firstRow = page.getByTestId("home-document").first()
    await expect.poll(() => firstRow.getByTestId("home-document-record").textContent(), POLL).toBe(first.name)
    const pages: Record<string, string> = {
      vehicle: `/vehicles/${first.entity_id}?tab=documents`,
      driver: `/drivers/${first.entity_id}?tab=documents`,
      contract: `/contracts/${first.entity_id}`,
    }
    const recordHref = pages[first.entity_type]
    expect(await firstRow.getAttribute("href")).toBe(recordHref)
    expect(await page.getByTestId("home-attention-vehicle").count()).toBeGreaterThan(0)
    expect(await page.getByTestId("home-expenses-sparkline").getAttribute("data-points")).toBe("12")
    expect(await page.getByTestId("home-activity-entry").count()).toBe(0)
    console.log(`manager home rendered ${Date.now() - started} ms after sign-in was clicked`)
    await b.shot(page, "home-light-en")

    // The row opens the record.
    await firstRow.click()
    await page.waitForURL((url) => `${url.pathname}${url.search}` === recordHref, POLL)
    // The record's page: a contract's title is its contractor, a vehicle's its plate and name.
    const title = page.getByTestId("page-title")
    await expect
      .poll(async () => {
        const words = ((await title.textContent()) ?? "").split(" · ")
        return words[0] !== "" && words.every((w) => first.name?.includes(w))
      }, POLL)
      .toBe(true)
    await page.goBack()
    await page.getByTestId("home-fleet").waitFor(POLL)

    // The "active" status opens the vehicles list filtered by it, with the same count.
    await page.getByTestId("home-status-active").click()
    await page.waitForURL(/\/vehicles\?status=active/u, POLL)
    await expect.poll(() => page.getByTestId("vehicles-filter-status").inputValue(), POLL).toBe("active")
    await expect
      .poll(async () => (await page.locator("body").textContent()) ?? "", POLL)
      .toContain(active.toLocaleString("en-GB"))

    // The expiring documents count opens the documents list's expiring view.
    await page.goBack()
    await page.getByTestId("home-documents-count").click()
    await page.waitForURL(/\/documents\?expiringWithinDays=30/u, POLL)
    await expect
      .poll(() => page.getByTestId("documents-view-expiring").getAttribute("aria-pressed"), POLL)
      .toBe("true")
  })

  it("looks right in dark and in Russian", async () => {
    const tall = { width: 1280, height: 1700 }
    const dark = await b.newPage({ colorScheme: "dark", ...tall })
    await b.signIn(dark, "manager.en@home.example")
    await dark.getByTestId("home-expenses").waitFor(POLL)
    await b.shot(dark, "home-dark-en")
    const ru = await b.newPage({ colorScheme: "light", ...tall, locale: "ru-RU" })
    await b.signIn(ru, "manager.ru@home.example")
    await ru.getByTestId("home-expenses").waitFor(POLL)
    await expect
      .poll(() => ru.getByTestId("home-fuel-anomalies").textContent(), POLL)
      .toContain("Заправок ждут проверки")
    await b.shot(ru, "home-light-ru")
    const ruDark = await b.newPage({ colorScheme: "dark", ...tall, locale: "ru-RU" })
    await b.signIn(ruDark, "manager.ru@home.example")
    await ruDark.getByTestId("home-expenses").waitFor(POLL)
    await b.shot(ruDark, "home-dark-ru")
  })

  it("keeps the month's expenses clear of their sparkline on a laptop, in English and Russian", async () => {
    // At 1366 px the widgets stand three abreast: the card is too narrow for the amount and the
    // sparkline side by side, so the line goes below the figures instead of over them.
    for (const [email, locale] of [
      ["manager.en@home.example", "en-GB"],
      ["manager.ru@home.example", "ru-RU"],
    ] as const) {
      const page = await b.newPage({ colorScheme: "light", width: 1366, height: 900, locale })
      await b.signIn(page, email)
      await page.getByTestId("home-expenses-sparkline").waitFor(POLL)
      await expect.poll(() => page.getByTestId("home-expenses-month").textContent(), POLL).toMatch(/\d/u)
      const boxes = await page.evaluate(() => {
        const text = (id: string) => {
          const range = document.createRange()
          range.selectNodeContents(document.querySelector(`[data-testid="${id}"]`) as Element)
          return range.getBoundingClientRect().toJSON() as DOMRect
        }
        const box = (id: string) =>
          (document.querySelector(`[data-testid="${id}"]`) as Element)
            .getBoundingClientRect()
            .toJSON() as DOMRect
        return {
          month: text("home-expenses-month"),
          year: text("home-expenses-year"),
          line: box("home-expenses-sparkline"),
          card: box("home-expenses"),
        }
      })
      const apart = (a: DOMRect, b: DOMRect) =>
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top
      expect(apart(boxes.month, boxes.line), `${locale}: the month's amount under the sparkline`).toBe(true)
      expect(apart(boxes.year, boxes.line), `${locale}: the year's amount under the sparkline`).toBe(true)
      expect(boxes.month.right).toBeLessThanOrEqual(boxes.card.right)
      await page
        .getByTestId("home-expenses")
        .screenshot({ path: `${b.resultsDir}/home-expenses-1366-${locale}.png` })
    }
  })

  it("lands a driver on their portal at phone width, logs a refuel with a receipt photo and lists it", async () => {
    const page = await b.newPage({ colorScheme: "light", width: 390, height: 844 })
    const phone = { width: 390, height: 2000 }
    await b.signIn(page, "driver.en@home.example")
    await page.getByTestId("driver-vehicle").waitFor(POLL)
    const plate = await fleet.db.system.query<{ plate: string }>("SELECT plate FROM vehicles WHERE id = $1", [
      driverVehicleId,
    ])
    expect(await page.getByTestId("driver-plate").textContent()).toBe(plate.rows[0]?.plate)

    await page.getByTestId("refuel-litres").fill("41,5")
    await page.getByTestId("refuel-odometerKm").fill(String(nextOdometerKm))
    await page.getByTestId("refuel-amount").fill("12450.00")
    await page.getByTestId("driver-receipt").setInputFiles({
      name: "receipt.png",
      mimeType: "image/png",
      buffer: tinyPng(),
    })
    await page.getByTestId("refuel-submit").click()
    await expect.poll(() => page.getByTestId("driver-refuels").textContent(), POLL).toContain("41.5 L")
    const stored = await fleet.db.system.query<{ id: string; litres: string; receipts: string }>(
      `SELECT f.id, f.litres::text AS litres,
              (SELECT count(*) FROM documents d WHERE d.entity_type = 'expense' AND d.entity_id = f.id AND d.kind = 'receipt')::text AS receipts
       FROM fuel_entries f JOIN expenses e ON e.id = f.id
       WHERE e.vehicle_id = $1 AND f.odometer_km = $2`,
      [driverVehicleId, nextOdometerKm],
    )
    expect(stored.rows).toHaveLength(1)
    expect(Number(stored.rows[0]?.litres)).toBe(41.5)
    expect(stored.rows[0]?.receipts).toBe("1")
    await page.setViewportSize(phone)
    await b.shot(page, "driver-phone-light-en")
    // Nothing of the page overflows the phone's width.
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.getBoundingClientRect().right > 391)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}`),
    )
    expect(wide).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    const dark = await b.newPage({ colorScheme: "dark", ...phone })
    await b.signIn(dark, "driver.en@home.example")
    await dark.getByTestId("driver-vehicle").waitFor(POLL)
    await b.shot(dark, "driver-phone-dark-en")
    const ru = await b.newPage({ colorScheme: "light", ...phone, locale: "ru-RU" })
    await b.signIn(ru, "driver.ru@home.example")
    await ru.getByTestId("driver-vehicle").waitFor(POLL)
    await expect
      .poll(() => ru.getByTestId("driver-refuel").textContent(), POLL)
      .toContain("Записать заправку")
    await b.shot(ru, "driver-phone-light-ru")
    expect(b.pageErrors).toEqual([])
  })
})
