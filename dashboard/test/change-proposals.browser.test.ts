import { hashSecret } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, PASSWORD, startBrowserFleet } from "./browserFleet.js"

/*
 * Proposals to change a vehicle's critical data (seed 002), made from the dashboard by those who
 * may only propose them: a driver on the phone portal for the vehicle assigned to them, and a
 * service centre's owner through its service grant. Nothing changes before the vehicle's managers
 * decide; the proposer follows the proposal on its own page. Photographed into
 * test-results/change-proposals/.
 */
const POLL = { timeout: 30_000, interval: 200 }
const DRIVER = "proposing.driver@demo.example"
const CENTRE_OWNER = "owner@proposal-garage.test"
const VIN = "1M8GDM9AXKP042788"

interface Proposal {
  readonly id: string
  readonly status: string
  readonly changes: Record<string, unknown>
  readonly proposerKind: string
  readonly centreName: string | null
}

describe("proposing a change to a vehicle's critical data", () => {
  let b: BrowserFleet
  let vehicleId = ""
  let admin = ""

  beforeAll(async () => {
    b = await startBrowserFleet("change-proposals")
    admin = await b.tokenOf()
    const db = b.fleet.db.system
    const driverId = await b.addDriver({ email: DRIVER, name: "Айгерим Водитель", locale: "ru" })
    vehicleId = (
      await b.api<{ id: string }>(admin, "POST", "/api/v1/vehicles", {
        name: "Proposal Camry",
        plate: "555 PRP 02",
        plateCountry: "KZ",
        brand: "Toyota",
        model: "Camry",
        year: 2021,
      })
    ).id
    await b.api(admin, "POST", `/api/v1/vehicles/${vehicleId}/assignments`, {
      driverId,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
    // An approved centre whose owner redeems the fleet's invite code for the vehicle.
    const centre = (
      await db.query<{ id: string }>(
        "INSERT INTO organisations (name, slug, kind) VALUES ('Proposal Garage', 'proposal-garage', 'service_centre') RETURNING id",
      )
    ).rows[0]?.id as string
    await db.query(
      `INSERT INTO service_centres (org_id, country, address, phone, tax_id, status, approved_at)
       VALUES ($1, 'KZ', 'Almaty, Abay 12', '+7 727 000 0001', '123456789013', 'approved', now())`,
      [centre],
    )
    await db.query(
      "INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, $2, 'Garage Owner', $3, 'centre_owner')",
      [centre, CENTRE_OWNER, await hashSecret(PASSWORD)],
    )
    const { code } = await b.api<{ code: string }>(admin, "POST", "/api/v1/vehicle-access/invites", {
      vehicleIds: [vehicleId],
      scope: "service",
    })
    await b.api(await b.tokenOf(CENTRE_OWNER), "POST", "/api/v1/centre/redeem", { code })
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("a driver proposes a VIN from the phone portal, told why a wrong one is refused, and follows it", async () => {
    const phone = await b.newPage({ width: 390, height: 844 })
    await b.signIn(phone, DRIVER)
    await b.visit(phone, "/driver")
    const card = phone.getByTestId("driver-propose-change")
    await card.waitFor()
    // A number field refuses text before anything is sent.
    await card.getByTestId("propose-value").fill("сто")
    await card.getByTestId("propose-submit").click()
    await expect
      .poll(() => card.getByTestId("field-error-value").textContent(), POLL)
      .toBe("Введите значение, подходящее для этого поля")
    // The server checks a VIN as the vehicle's edit would, and says why under the value.
    await card.getByTestId("propose-field").selectOption("vin")
    await card.getByTestId("propose-value").fill("1M8GDM9AXKP042789")
    await card.getByTestId("propose-submit").click()
    await expect
      .poll(() => card.getByTestId("field-error-value").textContent(), POLL)
      .toMatch(/^контрольная цифра/u)
    await card.getByTestId("propose-value").fill(VIN.toLowerCase())
    await card.getByTestId("propose-comment").fill("VIN с таблички на стойке двери")
    await card.getByTestId("propose-submit").click()
    const row = card.getByTestId("driver-proposal")
    await expect.poll(() => row.count(), POLL).toBe(1)
    expect(await row.getByTestId("driver-proposal-status").textContent()).toBe("Ждёт решения")
    await b.shot(phone, "driver-proposal-ru-phone")

    const mine = await b.api<{ items: Proposal[] }>(admin, "GET", "/api/v1/vehicle-change-requests")
    expect(mine.items.map((r) => [r.proposerKind, r.changes, r.status])).toEqual([
      ["driver", { vin: VIN }, "pending"],
    ])
    // Proposed, not changed.
    expect(
      (await b.api<{ vin: string | null }>(admin, "GET", `/api/v1/vehicles/${vehicleId}`)).vin,
    ).toBeNull()

    // The proposal's own page (where its decision's notification links): the driver may open it.
    await row.locator("a").click()
    await phone.getByTestId("change-request").waitFor()
    expect(await phone.getByTestId("change-status").textContent()).toBe("Ждёт решения")
    expect(await phone.getByTestId("change-approve").count()).toBe(0)
    await b.shot(phone, "driver-proposal-page-ru-phone")
    expect(b.pageErrors).toEqual([])
  })

  it("a centre's owner proposes the oil its engine takes through the service grant", async () => {
    const page = await b.newPage({ colorScheme: "dark" })
    await b.signIn(page, CENTRE_OWNER)
    await b.visit(page, "/centre")
    // Its visits are shown filtered to the open ones: the empty list says so, not "none yet".
    await expect
      .poll(() => page.getByTestId("centre-visits").getByTestId("empty-state").textContent(), POLL)
      .toContain("No visit in the status “Open”.")
    const grant = page.getByTestId("centre-grants").getByRole("row").filter({ hasText: "555 PRP 02" })
    await grant.getByTestId("grant-propose-change").click()
    const dialog = page.getByTestId("propose-change-dialog")
    await dialog.waitFor()
    await dialog.getByTestId("propose-field").selectOption("oilType")
    await dialog.getByTestId("propose-value").fill("5W-30")
    await b.shot(page, "centre-proposal-en-dark")
    await dialog.getByTestId("propose-submit").click()
    await expect.poll(() => dialog.count(), POLL).toBe(0)
    const fleetSide = await b.api<{ items: Proposal[] }>(
      admin,
      "GET",
      "/api/v1/vehicle-change-requests?status=pending",
    )
    expect(
      fleetSide.items.filter((r) => r.proposerKind === "centre").map((r) => [r.changes, r.centreName]),
    ).toEqual([[{ oilType: "5W-30" }, "Proposal Garage"]])
    expect(b.pageErrors).toEqual([])
  })
})
