import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, createOrg, DEMO_PASSWORD, type Harness, login, startHarness } from "./harness.js"

/**
 * "Today" in the fleet records is the organisation's day, as on the home page and in contracts: a
 * rental's "expiring" flag and count, the documents and drivers expiring within N days, the day of
 * a status change given without one. The
 * organisation's zone is picked so that its date differs from UTC's at the moment the test runs
 * (UTC+14 from 10:00 UTC, UTC-11 before 11:00 UTC), so a day counted in UTC shows.
 */
let h: Harness
let admin: ApiClient
let zone = ""

const utcHour = new Date().getUTCHours()
const ZONE = utcHour >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago"
/** The organisation's calendar day `offset` days from its today, as YYYY-MM-DD (neither zone has DST). */
const localDay = (offset: number): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date(Date.now() + offset * 86_400_000))

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
)

beforeAll(async () => {
  h = await startHarness()
  const org = await createOrg(h.fleet, "org-days", DEMO_PASSWORD)
  admin = await login(h.fleet, org.email, DEMO_PASSWORD)
  const set = await admin.call<{ timezone: string }>("PUT", "/api/v1/settings", { timezone: ZONE })
  zone = set.body.timezone
})
afterAll(async () => h?.close())

describe("the organisation's today in the records", () => {
  it("is not UTC's today where the test runs", () => {
    expect(zone).toBe(ZONE)
    expect(localDay(0)).not.toBe(new Date().toISOString().slice(0, 10))
  })

  it("flags and counts a rental as expiring from 14 days before its end to its end, on local days", async () => {
    const rental = async (plate: string, endsOn: string) => {
      const r = await admin.call<{ rentalExpiring: boolean }>("POST", "/api/v1/vehicles", {
        name: `Rental ${plate}`,
        plate,
        status: "rented",
        rental: true,
        rentalStartsOn: localDay(-60),
        rentalEndsOn: endsOn,
        rentalMonthlyCost: "100.00",
        rentalCurrency: "EUR",
      })
      expect(r.status).toBe(201)
      return r.body.rentalExpiring
    }
    expect(await rental("100 END 01", localDay(-1))).toBe(false)
    expect(await rental("101 END 01", localDay(0))).toBe(true)
    expect(await rental("114 END 01", localDay(14))).toBe(true)
    expect(await rental("115 END 01", localDay(15))).toBe(false)
    const summary = await admin.call<{ vehicles: number; expiring: number }>(
      "GET",
      "/api/v1/vehicle-rentals/summary",
    )
    expect(summary.body).toMatchObject({ vehicles: 4, expiring: 2 })
    const listed = await admin.call<{ items: Array<{ plate: string; rentalExpiring: boolean }> }>(
      "GET",
      "/api/v1/vehicles?rental=true&sort=plate",
    )
    expect(listed.body.items.map((v) => [v.plate, v.rentalExpiring])).toEqual([
      ["100 END 01", false],
      ["101 END 01", true],
      ["114 END 01", true],
      ["115 END 01", false],
    ])
  })

  it("dates a status change without a day on the organisation's today", async () => {
    const v = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Retired" })
    const r = await admin.call<{ statusChangedOn: string }>("POST", `/api/v1/vehicles/${v.body.id}/status`, {
      status: "decommissioned",
    })
    expect(r.body.statusChangedOn).toBe(localDay(0))
  })

  it("lists the documents expiring within N days of the organisation's today", async () => {
    const vehicle = await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "Papers" })
    const upload = async (name: string, expiresOn: string) => {
      const form = new FormData()
      form.append("entityType", "vehicle")
      form.append("entityId", vehicle.body.id)
      form.append("kind", "insurance")
      form.append("expiresOn", expiresOn)
      form.append("files", new Blob([PDF], { type: "application/pdf" }), name)
      const res = await fetch(`${h.fleet.httpUrl}/api/v1/documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin.token}` },
        body: form,
      })
      expect(res.status).toBe(201)
    }
    await upload("today.pdf", localDay(0))
    await upload("tomorrow.pdf", localDay(1))
    const expiring = await admin.call<{ items: Array<{ filename: string }> }>(
      "GET",
      "/api/v1/documents?expiringWithinDays=0",
    )
    expect(expiring.body.items.map((d) => d.filename)).toEqual(["today.pdf"])
    // The home page counts the same documents.
    const home = await admin.call<{ documents: { expiring: number; expired: number } }>("GET", "/api/v1/home")
    expect(home.body.documents).toMatchObject({ expiring: 2, expired: 0 })
  })

  it("lists the drivers whose licence expires within N days of the organisation's today", async () => {
    for (const [name, day] of [
      ["Today Licence", localDay(0)],
      ["Tomorrow Licence", localDay(1)],
    ] as const) {
      const r = await admin.call("POST", "/api/v1/drivers", { fullName: name, licenceExpiresOn: day })
      expect(r.status).toBe(201)
    }
    const expiring = await admin.call<{ items: Array<{ fullName: string }> }>(
      "GET",
      "/api/v1/drivers?licenceExpiringWithinDays=0",
    )
    expect(expiring.body.items.map((d) => d.fullName)).toEqual(["Today Licence"])
  })
})
