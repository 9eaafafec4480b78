import { deflateSync } from "node:zlib"
import type { RunningFleetCore } from "@fleetcore/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Driver tickets in the browser: a driver at phone size (390×844) raises a ticket with a photo from
 * the portal (the location comes from the vehicle's last position); a manager opens it from the
 * queue and turns it into a repair in the service book; the driver sees the new status. Pages are
 * photographed in light and dark, English and Russian, into test-results/tickets/.
 */

const POLL = { timeout: 20_000, interval: 100 }
const TITLE = "Engine warning light on"

/** A real 8×8 PNG (the server recognises files by their bytes): the photo from the camera. */
const photoPng = (): Buffer => {
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
  header.writeUInt32BE(8, 0)
  header.writeUInt32BE(8, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(8 * 3, 180)])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: 8 }, () => row)))),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

describe("driver tickets in the browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let vehicleId = ""

  beforeAll(async () => {
    b = await startBrowserFleet("tickets")
    fleet = b.fleet
    for (const [email, role, locale] of [
      ["driver.en@tickets.example", "driver", "en"],
      ["driver.ru@tickets.example", "driver", "ru"],
      ["manager.en@tickets.example", "manager", "en"],
      ["manager.ru@tickets.example", "manager", "ru"],
    ] as const)
      await b.addUser({ email, role, name: `Tickets ${role} ${locale}`, locale })
    const vehicle = await b.api<{ id: string }>(await b.tokenOf(), "POST", "/api/v1/vehicles", {
      name: "Ticket van",
      plate: "TKT 390",
    })
    vehicleId = vehicle.id
    // Both driver logins drive the van; it last reported from Almaty.
    await fleet.db.system.query(
      `INSERT INTO drivers (org_id, user_id, full_name) SELECT $1, id, name FROM users WHERE email LIKE 'driver.%@tickets.example'`,
      [b.orgId],
    )
    await fleet.db.system.query(
      `INSERT INTO driver_assignments (org_id, vehicle_id, driver_id, starts_at)
       SELECT $1, $2, d.id, now() - interval '1 day' FROM drivers d JOIN users u ON u.id = d.user_id
       WHERE u.email LIKE 'driver.%@tickets.example'`,
      [b.orgId, vehicleId],
    )
    await fleet.db.system.query(
      "INSERT INTO vehicle_state (vehicle_id, org_id, time, lat, lon) VALUES ($1, $2, now() - interval '2 minutes', 43.2567, 76.9286)",
      [vehicleId, b.orgId],
    )
  }, 180_000)

  afterAll(async () => {
    await b?.close()
  })

  it("a driver on a phone raises a ticket with a photo; a manager turns it into a repair; the driver sees the status", async () => {
    const phone = await b.newPage({ colorScheme: "light", width: 390, height: 844 })
    await b.signIn(phone, "driver.en@tickets.example")
    await phone.getByTestId("driver-raise-ticket").waitFor(POLL)
    await phone.getByTestId("raise-ticket-type").selectOption("breakdown")
    await phone.getByTestId("raise-ticket-title").fill(TITLE)
    await phone
      .getByTestId("raise-ticket-description")
      .fill("Amber light since this morning, engine runs rough.")
    await phone.getByTestId("driver-ticket-photo").setInputFiles({
      name: "dashboard.png",
      mimeType: "image/png",
      buffer: photoPng(),
    })
    await phone.getByTestId("raise-ticket-submit").click()
    await expect.poll(() => phone.getByTestId("driver-tickets").textContent(), POLL).toContain(TITLE)
    const stored = await fleet.db.system.query<{ id: string; lat: number; lon: number; photos: string }>(
      `SELECT t.id, t.lat, t.lon,
              (SELECT count(*) FROM documents d WHERE d.entity_type = 'ticket' AND d.entity_id = t.id)::text AS photos
       FROM tickets t WHERE t.vehicle_id = $1 AND t.title = $2`,
      [vehicleId, TITLE],
    )
    expect(stored.rows).toHaveLength(1)
    const ticket = stored.rows[0] as { id: string; lat: number; lon: number; photos: string }
    expect([ticket.lat, ticket.lon]).toEqual([43.2567, 76.9286])
    expect(ticket.photos).toBe("1")
    // Nothing of the portal overflows the phone's width.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await phone.evaluate(() => window.scrollTo(0, 0))
    await b.shot(phone, "driver-raise-light-en")

    const office = await b.newPage({ colorScheme: "light", width: 1280, height: 1000 })
    await b.signIn(office, "manager.en@tickets.example")
    await office.goto(`${fleet.httpUrl}/tickets?status=active`)
    const row = office.getByTestId("ticket-row-title").filter({ hasText: TITLE })
    await row.waitFor(POLL)
    await b.shot(office, "queue-light-en")
    await row.click()
    await office.getByTestId("ticket-facts").waitFor(POLL)
    await expect.poll(() => office.getByTestId("ticket-location").textContent(), POLL).toContain("43.25670")
    await office.getByTestId("ticket-make-repair").click()
    await office.getByTestId("confirm-dialog-confirm").click()
    await office.getByTestId("ticket-repair").waitFor(POLL)
    await expect
      .poll(() => office.getByTestId("ticket-status").first().getAttribute("data-status"), POLL)
      .toBe("in_progress")
    const repair = await fleet.db.system.query<{ status: string; vehicle_id: string }>(
      "SELECT k.status, k.vehicle_id FROM tickets t JOIN maintenance_tasks k ON k.id = t.maintenance_task_id WHERE t.id = $1",
      [ticket.id],
    )
    expect(repair.rows).toEqual([{ status: "in_progress", vehicle_id: vehicleId }])
    expect(await office.getByTestId("ticket-event").count()).toBe(4)
    await b.shot(office, "ticket-light-en")

    // The driver follows it: the status on their card, and the history on the ticket.
    await phone.reload()
    const mine = phone.getByTestId("driver-ticket-row").filter({ hasText: TITLE })
    await expect
      .poll(() => mine.getByTestId("ticket-status").getAttribute("data-status"), POLL)
      .toBe("in_progress")
    await mine.getByRole("link").click()
    await phone.getByTestId("ticket-timeline").waitFor(POLL)
    await expect
      .poll(() => phone.getByTestId("ticket-timeline").textContent(), POLL)
      .toContain("made a repair of it")
    expect(await phone.getByTestId("ticket-actions").count()).toBe(0)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await b.shot(phone, "driver-ticket-light-en")

    const dark = await b.newPage({ colorScheme: "dark", width: 1280, height: 1000 })
    await b.signIn(dark, "manager.en@tickets.example")
    await dark.goto(`${fleet.httpUrl}/tickets/${ticket.id}`)
    await dark.getByTestId("ticket-timeline").waitFor(POLL)
    await b.shot(dark, "ticket-dark-en")
    const ru = await b.newPage({ colorScheme: "light", width: 1280, height: 1000, locale: "ru-RU" })
    await b.signIn(ru, "manager.ru@tickets.example")
    await ru.goto(`${fleet.httpUrl}/tickets`)
    await ru.getByTestId("ticket-row-title").first().waitFor(POLL)
    await expect.poll(() => ru.locator("body").textContent(), POLL).toContain("Заявки")
    await b.shot(ru, "queue-light-ru")
    await ru.goto(`${fleet.httpUrl}/tickets/${ticket.id}`)
    await expect
      .poll(() => ru.getByTestId("ticket-timeline").textContent(), POLL)
      .toContain("создал(а) по ней ремонт")
    await b.shot(ru, "ticket-light-ru")
    const ruPhone = await b.newPage({ colorScheme: "dark", width: 390, height: 844, locale: "ru-RU" })
    await b.signIn(ruPhone, "driver.ru@tickets.example")
    await expect
      .poll(() => ruPhone.getByTestId("driver-raise-ticket").textContent(), POLL)
      .toContain("Сообщить о проблеме")
    await ruPhone.getByTestId("driver-raise-ticket").scrollIntoViewIfNeeded()
    await b.shot(ruPhone, "driver-raise-dark-ru", { fullPage: false })
    expect(b.pageErrors).toEqual([])
  })
})
