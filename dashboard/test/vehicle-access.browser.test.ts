import { hashSecret } from "@fleetcore/platform"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, PASSWORD, startBrowserFleet } from "./browserFleet.js"
import { pickRecord } from "./pickRecord.js"

/*
 * The fleet's page of service centres' access (issue 16): a centre's request approved and then
 * revoked, and an invite code made for a vehicle that a centre redeems, all seen from the browser;
 * the centre's side goes through the API as a centre's staff would.
 */
const POLL = { timeout: 30_000, interval: 200 }
const VIN = "1M8GDM9AXKP042788"

describe("service centres' access in a browser", () => {
  let b: BrowserFleet
  let centreToken = ""
  let vehicleId = ""

  /** An approved centre with its owner, as a moderator would leave it. */
  const approvedCentre = async (name: string, email: string) => {
    const db = b.fleet.db.system
    const org = await db.query<{ id: string }>(
      "INSERT INTO organisations (name, slug, kind) VALUES ($1, $2, 'service_centre') RETURNING id",
      [name, name.toLowerCase().replace(/[^a-z0-9]+/gu, "-")],
    )
    const id = org.rows[0]?.id as string
    await db.query(
      `INSERT INTO service_centres (org_id, country, address, phone, tax_id, status, approved_at)
       VALUES ($1, 'KZ', 'Almaty, Abay 10', '+7 727 000 0000', '123456789012', 'approved', now())`,
      [id],
    )
    await db.query(
      "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'Centre Owner', $3, 'centre_owner')",
      [id, email, await hashSecret(PASSWORD)],
    )
    const login = await fetch(`${b.fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
    return ((await login.json()) as { accessToken: string }).accessToken
  }
  const open = async (page: Page) => {
    await page.goto(`${b.fleet.httpUrl}/vehicle-access`)
    await page.getByTestId("vehicle-access").waitFor()
  }

  beforeAll(async () => {
    b = await startBrowserFleet("vehicle-access")
    for (const [email, name, locale] of [
      ["manager@access.test", "Aigerim Manager", "en"],
      ["manager-ru@access.test", "Айгерим Менеджер", "ru"],
    ] as const)
      await b.addUser({ email, role: "manager", name, locale })
    const admin = await b.tokenOf()
    vehicleId = (
      await b.api<{ id: string }>(admin, "POST", "/api/v1/vehicles", {
        name: "Workshop Camry",
        plate: "777 ACC 02",
        plateCountry: "KZ",
        vin: VIN,
        brand: "Toyota",
        model: "Camry",
        year: 2020,
      })
    ).id
    centreToken = await approvedCentre("Abay Auto Service", "owner@abay-auto.test")
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("approves a centre's request, then revokes the access it gave", async () => {
    const search = await b.api<{ searchId: string }>(centreToken, "POST", "/api/v1/centre/vehicle-search", {
      vin: VIN,
    })
    await b.api(centreToken, "POST", "/api/v1/centre/access-requests", {
      searchId: search.searchId,
      scope: "service",
      message: "The customer brought it in for brakes",
    })
    const page = await b.newPage()
    await b.signIn(page, "manager@access.test")
    await page.getByTestId("nav-vehicleAccess").click()
    const request = page
      .getByTestId("access-requests")
      .getByRole("row")
      .filter({ hasText: "Abay Auto Service" })
    await request.waitFor()
    expect(await request.textContent()).toContain("Toyota Camry 2020")
    // Which of the fleet's vehicles is asked for, not only the make and model the centre saw.
    expect(await request.getByTestId("request-vehicle").textContent()).toBe("Workshop Camry (777 ACC 02)")
    await b.shot(page, "requests-en-light")
    await request.getByTestId("request-approve").click()
    const grant = page.getByTestId("access-grants").getByRole("row").filter({ hasText: "Abay Auto Service" })
    await expect.poll(() => grant.getByTestId("grant-state").getAttribute("data-status"), POLL).toBe("active")
    expect(await grant.textContent()).toContain("777 ACC 02")
    // The centre now sees the vehicle among its grants.
    const seen = await b.api<{ items: Array<{ vehicle: { id: string } }> }>(
      centreToken,
      "GET",
      "/api/v1/centre/grants",
    )
    expect(seen.items.map((g) => g.vehicle.id)).toEqual([vehicleId])
    await grant.getByTestId("grant-revoke").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => grant.getByTestId("grant-state").getAttribute("data-status"), POLL).toBe("ended")
    const after = await b.api<{ items: Array<{ active: boolean }> }>(
      centreToken,
      "GET",
      "/api/v1/centre/grants",
    )
    expect(after.items.map((g) => g.active)).toEqual([false])
  })

  it("makes an invite code for a vehicle, shows it once, and lists the grant when the centre redeems it", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager@access.test")
    await open(page)
    await pickRecord(page, "invite-vehicle", "777 ACC", /Workshop Camry/)
    await expect.poll(() => page.getByTestId("invite-chosen").textContent(), POLL).toBe("1 vehicle(s) chosen")
    await page.getByTestId("invite-scope").selectOption("read")
    await page.getByTestId("invite-make").click()
    const code = (await page.getByTestId("invite-code").textContent())?.trim() ?? ""
    expect(code).toMatch(/^[A-Z0-9-]{6,}$/u)
    await page.getByTestId("access-invites").getByTestId("invite-revoke").waitFor()
    await b.shot(page, "invite-en-light")
    await b.api(centreToken, "POST", "/api/v1/centre/redeem", { code })
    await page.reload()
    const granted = page.getByTestId("access-grants").getByRole("row").filter({ hasText: "See the vehicle" })
    await expect
      .poll(() => granted.getByTestId("grant-state").getAttribute("data-status"), POLL)
      .toBe("active")
    // The code is used up: no longer among the open ones.
    await expect
      .poll(() => page.getByTestId("access-invites").getByTestId("invite-revoke").count(), POLL)
      .toBe(0)
    for (const [who, theme, name] of [
      ["manager@access.test", "dark", "en-dark"],
      ["manager-ru@access.test", "light", "ru-light"],
      ["manager-ru@access.test", "dark", "ru-dark"],
    ] as const) {
      const other = await b.newPage({ colorScheme: theme })
      await b.signIn(other, who)
      await open(other)
      await other.getByTestId("access-grants").getByTestId("grant-state").first().waitFor()
      await b.shot(other, `access-${name}`)
    }
    expect(b.pageErrors).toEqual([])
  })

  it("confirms a centre's completed visit: it enters the service book and the expenses", async () => {
    const admin = await b.tokenOf()
    const { code } = await b.api<{ code: string }>(admin, "POST", "/api/v1/vehicle-access/invites", {
      vehicleIds: [vehicleId],
      scope: "service",
    })
    await b.api(centreToken, "POST", "/api/v1/centre/redeem", { code })
    const visit = await b.api<{ id: string }>(centreToken, "POST", "/api/v1/service-visits", {
      vehicleId,
      odometerKm: 48_200,
      complaint: "Squeaking front brakes",
      currency: "KZT",
    })
    for (const item of [
      {
        kind: "part",
        description: "Front brake pads",
        partNumber: "04465-33471",
        quantity: 1,
        unitCost: "28500",
      },
      {
        kind: "labour",
        description: "Replace the pads",
        quantity: 1.5,
        unitCost: "12000",
        recommendations: "Discs in 10,000 km",
      },
    ])
      await b.api(centreToken, "POST", `/api/v1/service-visits/${visit.id}/items`, {
        ...item,
        currency: "KZT",
      })
    await b.api(centreToken, "POST", `/api/v1/service-visits/${visit.id}/complete`)

    const page = await b.newPage()
    await b.signIn(page, "manager@access.test")
    await open(page)
    await page
      .getByTestId("centre-visits")
      .getByTestId("visit-row-centre")
      .filter({ hasText: "Abay Auto Service" })
      .click()
    await page.getByTestId("service-visit").waitFor()
    expect(await page.getByTestId("visit-status").getAttribute("data-status")).toBe("completed")
    await expect.poll(() => page.getByTestId("visit-items-row").count(), POLL).toBe(2)
    await b.shot(page, "visit-en-light")
    await page.getByTestId("visit-confirm").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => page.getByTestId("visit-status").getAttribute("data-status"), POLL)
      .toBe("confirmed")
    // The service book: the vehicle's maintenance history holds the visit's work now.
    await page.getByTestId("visit-service-book").click()
    await expect.poll(() => new URL(page.url()).searchParams.get("tab"), POLL).toBe("maintenance")
    await page.getByText("Abay Auto Service").first().waitFor()
    const confirmed = await b.api<{ expenseId: string | null; total: string }>(
      admin,
      "GET",
      `/api/v1/service-visits/${visit.id}`,
    )
    expect(confirmed.total).toBe("46500.00")
    const expense = await b.api<{ amount: string }>(admin, "GET", `/api/v1/expenses/${confirmed.expenseId}`)
    expect(Number(expense.amount)).toBe(46_500)
    const ru = await b.newPage({ colorScheme: "dark" })
    await b.signIn(ru, "manager-ru@access.test")
    await ru.goto(`${b.fleet.httpUrl}/service-visits/${visit.id}`)
    await ru.getByTestId("visit-service-book").waitFor()
    await b.shot(ru, "visit-ru-dark")
    expect(b.pageErrors).toEqual([])
  })

  it("approves a centre's proposed change after seeing each field old and new", async () => {
    await b.api(centreToken, "POST", `/api/v1/vehicles/${vehicleId}/change-requests`, {
      changes: { plate: "778 ACC 02", oilType: "5W-30" },
      comment: "The plate was re-issued; the engine takes 5W-30",
    })
    const page = await b.newPage()
    await b.signIn(page, "manager@access.test")
    await open(page)
    // The manager sees who asks before deciding: the centre, by name.
    const proposal = page
      .getByTestId("change-requests")
      .getByRole("row")
      .filter({ hasText: "Workshop Camry" })
    await proposal.waitFor()
    expect(await proposal.textContent()).toContain("Abay Auto Service")
    await page.getByTestId("change-requests").getByTestId("change-row-vehicle").first().click()
    await page.getByTestId("change-request").waitFor()
    expect(await page.getByTestId("change-proposer").textContent()).toMatch(
      /^Proposed by the service centre Abay Auto Service, /u,
    )
    const rows = page.getByTestId("change-diff-row")
    await expect.poll(() => rows.count(), POLL).toBe(2)
    expect((await rows.allTextContents()).map((r) => r.replace(/\s+/gu, " ").trim())).toEqual([
      "Plate777 ACC 02778 ACC 02",
      "Oil type—5W-30",
    ])
    await b.shot(page, "change-en-light")
    await page.getByTestId("change-approve").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => page.getByTestId("change-status").getAttribute("data-status"), POLL)
      .toBe("approved")
    const admin = await b.tokenOf()
    expect((await b.api<{ plate: string }>(admin, "GET", `/api/v1/vehicles/${vehicleId}`)).plate).toBe(
      "778 ACC 02",
    )
    const ru = await b.newPage({ colorScheme: "dark" })
    await b.signIn(ru, "manager-ru@access.test")
    await ru.goto(page.url())
    await ru.getByTestId("change-diff").waitFor()
    expect(await ru.getByTestId("change-proposer").textContent()).toMatch(
      /^Предложил сервисный центр «Abay Auto Service», /u,
    )
    await b.shot(ru, "change-ru-dark")
    expect(b.pageErrors).toEqual([])
  })
  it("shows the moderators' decision on a disputed visit, and lets the owner confirm one whose dispute was rejected", async () => {
    const admin = await b.tokenOf()
    const { code } = await b.api<{ code: string }>(admin, "POST", "/api/v1/vehicle-access/invites", {
      vehicleIds: [vehicleId],
      scope: "service",
    })
    await b.api(centreToken, "POST", "/api/v1/centre/redeem", { code })
    const visitOf = async (complaint: string) => {
      const visit = await b.api<{ id: string }>(centreToken, "POST", "/api/v1/service-visits", {
        vehicleId,
        odometerKm: 49_000,
        complaint,
        currency: "KZT",
      })
      await b.api(centreToken, "POST", `/api/v1/service-visits/${visit.id}/items`, {
        kind: "labour",
        description: "Diagnostics",
        quantity: 1,
        unitCost: "9000",
        currency: "KZT",
      })
      return visit.id
    }
    const disputed = await visitOf("Check engine light")
    await b.api(centreToken, "POST", `/api/v1/service-visits/${disputed}/complete`)
    await b.api(admin, "POST", `/api/v1/service-visits/${disputed}/dispute`, {
      reason: "Nobody looked at the engine",
    })
    await b.addUser({ email: "moderator@access.test", role: "moderator", name: "Moderator" })
    const moderator = await b.tokenOf("moderator@access.test")
    await b.api(moderator, "POST", `/api/v1/service-visit-disputes/${disputed}/settle`, {
      outcome: "rejected",
      note: "The scanner log shows the diagnostics",
    })
    const cancelled = await visitOf("Wheel alignment")
    await b.api(centreToken, "POST", `/api/v1/service-visits/${cancelled}/cancel`, {
      reason: "The customer took the car away",
    })

    const page = await b.newPage()
    await b.signIn(page, "manager@access.test")
    await b.visit(page, `/service-visits/${disputed}`)
    await page.getByTestId("service-visit").waitFor()
    expect(await page.getByTestId("visit-settlement").textContent()).toMatch(
      /^Dispute rejected: the visit stands · /u,
    )
    expect(await page.getByTestId("visit-settlement-note").textContent()).toBe(
      "The scanner log shows the diagnostics",
    )
    // The visit stands: its owner confirms it now; it cannot be disputed twice.
    expect(await page.getByTestId("visit-dispute").count()).toBe(0)
    await b.shot(page, "visit-settled-en-light")
    await page.getByTestId("visit-confirm").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => page.getByTestId("visit-status").getAttribute("data-status"), POLL)
      .toBe("confirmed")

    const ru = await b.newPage({ colorScheme: "dark" })
    await b.signIn(ru, "manager-ru@access.test")
    await b.visit(ru, `/service-visits/${cancelled}`)
    await ru.getByTestId("service-visit").waitFor()
    expect(await ru.getByTestId("visit-cancel-reason").textContent()).toBe("The customer took the car away")
    expect(await ru.getByTestId("visit-odometer").textContent()).toMatch(/^49\s000\sкм$/u)
    await b.shot(ru, "visit-cancelled-ru-dark")
    expect(b.pageErrors).toEqual([])
  })
})
