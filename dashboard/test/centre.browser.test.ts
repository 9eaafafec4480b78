import type { Page } from "playwright-core"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, PASSWORD, startBrowserFleet } from "./browserFleet.js"

/**
 * A service centre's own pages (issue 16), in the browser: it registers from the sign-in page, its
 * owner fills the verification details, uploads a document and submits them; once a moderator
 * approves, the owner redeems the fleet's invite code and hires a mechanic from the Users page; the
 * mechanic sets a password with the link and, on a phone, opens a visit on the vehicle, adds a part
 * and labour and a photo; the owner completes it; the fleet's manager sees the photo, confirms the
 * visit and finds it in the vehicle's service book and in the expenses. Light and Russian-dark.
 */
const POLL = { timeout: 30_000, interval: 200 }

let b: BrowserFleet
let fleetToken = ""
let vehicleId = ""

const status = (page: Page) => page.getByTestId("centre-status").getAttribute("data-status")

beforeAll(async () => {
  b = await startBrowserFleet("centre")
  await b.addUser({ email: "fleet@centre.test", role: "admin", name: "Farida Fleet" })
  await b.addUser({ email: "moderator@centre.test", role: "moderator", name: "Murat Moderator" })
  fleetToken = await b.tokenOf("fleet@centre.test")
  vehicleId = (
    await b.api<{ id: string }>(fleetToken, "POST", "/api/v1/vehicles", {
      name: "Service van",
      plate: "SRV 100",
    })
  ).id
}, 120_000)
afterAll(async () => {
  await b?.close()
})

describe("a service centre's pages", () => {
  it("the owner completes the verification details, uploads a document and submits them", async () => {
    // The centre registers from the sign-in page and lands on its own page, signed in.
    const page = await b.newPage()
    await page.goto(`${b.fleet.httpUrl}/login`)
    await page.getByTestId("login-register-centre").click()
    for (const [field, value] of [
      ["name", "Alem Service"],
      ["address", "Almaty, Raiymbek 12"],
      ["phone", "+77010000001"],
      ["taxId", "123456789012"],
      ["ownerName", "Aliya Owner"],
      ["email", "owner@alem.test"],
      ["password", PASSWORD],
    ] as const)
      await page.getByTestId(`register-${field}`).fill(value)
    await b.shot(page, "centre-register-en-light")
    await page.getByTestId("register-submit").click()
    await page.waitForURL((url) => url.pathname === "/centre")
    await expect.poll(() => status(page), POLL).toBe("draft")
    await page.getByTestId("centre-legalName").fill("Alem Service LLP")
    await page.getByTestId("centre-save").click()
    await expect.poll(() => page.getByText("Details saved").count(), POLL).toBeGreaterThan(0)
    const scan = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#e8eef5" } })
      .png()
      .toBuffer()
    await page
      .getByTestId("document-file-input")
      .setInputFiles({ name: "registration.png", mimeType: "image/png", buffer: scan })
    await expect.poll(() => page.getByTestId("document-item").count(), POLL).toBe(1)
    await b.shot(page, "centre-draft-en-light")
    await page.getByTestId("centre-submit").click()
    await expect.poll(() => status(page), POLL).toBe("submitted")
    // A moderator opens the centre from the queue, reads its document and approves it.
    const moderator = await b.newPage()
    await b.signIn(moderator, "moderator@centre.test")
    await moderator.getByTestId("sidebar").getByRole("link", { name: "Moderation" }).click()
    await moderator.getByTestId("moderation-centre").filter({ hasText: "Alem Service" }).click()
    await expect
      .poll(() => moderator.getByTestId("moderation-document").innerText(), POLL)
      .toBe("registration.png")
    const href = (await moderator.getByTestId("moderation-document").getAttribute("href")) ?? ""
    const document = await moderator.request.get(`${b.fleet.httpUrl}${href}`)
    expect(document.status()).toBe(200)
    expect(document.headers()["content-type"]).toBe("image/png")
    expect(await moderator.getByTestId("moderation-facts").innerText()).toContain("Alem Service LLP")
    await b.shot(moderator, "moderation-centre-en-light")
    await moderator.getByTestId("moderation-approve").click()
    await moderator.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => moderator.getByTestId("moderation-history").innerText(), POLL)
      .toContain("Approve")
    await page.reload()
    await expect.poll(() => status(page), POLL).toBe("approved")
    expect(await page.getByTestId("centre-details").count()).toBe(0)
    expect(b.pageErrors).toEqual([])
  })

  it("redeems the fleet's code, records a visit and completes it; the fleet confirms it", async () => {
    const invite = await b.api<{ code: string }>(fleetToken, "POST", "/api/v1/vehicle-access/invites", {
      vehicleIds: [vehicleId],
      scope: "service",
      expiresInHours: 72,
    })
    const page = await b.newPage()
    await b.signIn(page, "owner@alem.test")
    await page.goto(`${b.fleet.httpUrl}/centre/access`)
    await page.getByTestId("redeem-code").fill(invite.code)
    await page.getByTestId("redeem-submit").click()
    await expect.poll(() => page.getByText("Access given to 1 vehicles").count(), POLL).toBeGreaterThan(0)
    // A search answers only a masked card.
    await page.getByTestId("search-plate").fill("SRV 100")
    await page.getByTestId("search-submit").click()
    await expect.poll(() => page.getByTestId("search-found").count(), POLL).toBe(1)
    expect(await page.getByTestId("search-found").innerText()).not.toContain("Service van")
    await b.shot(page, "centre-access-en-light")

    // The owner hires a mechanic from the Users page; the mechanic sets a password with the link.
    await page.goto(`${b.fleet.httpUrl}/users/new`)
    await page.getByTestId("user-email").fill("mechanic@alem.test")
    await page.getByTestId("user-name").fill("Marat Mechanic")
    await page.getByTestId("user-role-select").selectOption("mechanic")
    await page.getByTestId("user-submit").click()
    await page.getByTestId("password-link-dialog").waitFor()
    const link = await page.getByTestId("password-link-url").inputValue()
    await page.getByTestId("password-link-done").click()
    const mechanic = await b.newPage({ width: 390, height: 844 })
    await mechanic.goto(link)
    await mechanic.getByTestId("set-password-new").fill(PASSWORD)
    await mechanic.getByTestId("set-password-confirm").fill(PASSWORD)
    await mechanic.getByTestId("set-password-submit").click()
    await mechanic.getByTestId("login-email").waitFor()
    await b.signIn(mechanic, "mechanic@alem.test")

    // The mechanic, on a phone, opens the visit, records the work and photographs it.
    await mechanic.goto(`${b.fleet.httpUrl}/centre`)
    await expect
      .poll(() => mechanic.getByTestId("grant-vehicle").innerText(), POLL)
      .toBe("SRV 100 · Service van")
    await mechanic.getByTestId("grant-open-visit").click()
    await mechanic.getByTestId("visit-odometer").fill("120500")
    await mechanic.getByTestId("visit-complaint").fill("Oil change and a noise at the front")
    await mechanic.getByTestId("visit-open").click()
    await mechanic.waitForURL((url) => url.pathname.startsWith("/service-visits/"))
    const visitPath = new URL(mechanic.url()).pathname
    for (const [kind, description, cost] of [
      ["part", "Oil filter", "4500"],
      ["labour", "Oil change", "12000"],
    ] as const) {
      await mechanic.getByTestId("item-kind").selectOption(kind)
      await mechanic.getByTestId("item-description").fill(description)
      await mechanic.getByTestId("item-unitCost").fill(cost)
      await mechanic.getByTestId("item-add").click()
      await expect
        .poll(() => mechanic.getByText(description, { exact: true }).count(), POLL)
        .toBeGreaterThan(0)
    }
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#2e86de" } })
      .jpeg()
      .toBuffer()
    await mechanic
      .getByTestId("visit-photo-input")
      .setInputFiles([{ name: "oil-filter.jpg", mimeType: "image/jpeg", buffer: photo }])
    await expect.poll(() => mechanic.getByTestId("visit-photo").count(), POLL).toBe(1)
    // A mechanic records the work; completing it is the centre's manager's or owner's.
    expect(await mechanic.getByTestId("visit-complete").count()).toBe(0)
    await b.shot(mechanic, "centre-visit-mechanic-phone")

    await page.goto(`${b.fleet.httpUrl}${visitPath}`)
    await b.shot(page, "centre-visit-open-en-light")
    await page.getByTestId("visit-complete").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => page.getByTestId("visit-complete").count(), POLL).toBe(0)

    const fleet = await b.newPage()
    await b.signIn(fleet, "fleet@centre.test")
    await fleet.goto(`${b.fleet.httpUrl}${visitPath}`)
    // The fleet sees the mechanic's photo before it confirms: it loads (a broken image never gets a
    // width; one still loading has none yet, so this waits for it, under load too).
    await expect.poll(() => fleet.getByTestId("visit-photo").count(), POLL).toBe(1)
    await expect
      .poll(
        () =>
          fleet
            .getByTestId("visit-photo")
            .locator("img")
            .evaluate((img: HTMLImageElement) => img.naturalWidth),
        POLL,
      )
      .toBeGreaterThan(0)
    await fleet.getByTestId("visit-confirm").click()
    await fleet.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => fleet.getByTestId("visit-service-book").count(), POLL).toBe(1)
    await b.shot(fleet, "fleet-visit-confirmed-en-light")
    // In the vehicle's service book, and in the expenses.
    await fleet.getByTestId("visit-service-book").click()
    await expect
      .poll(() => fleet.getByText("Service visit: Alem", { exact: false }).count(), POLL)
      .toBeGreaterThan(0)
    await fleet.goto(`${b.fleet.httpUrl}/expenses`)
    await expect.poll(() => fleet.getByText("16,500", { exact: false }).count(), POLL).toBeGreaterThan(0)
    const visit = await b.api<{ status: string; total: string }>(fleetToken, "GET", `/api/v1${visitPath}`)
    expect(visit).toMatchObject({ status: "confirmed", total: "16500.00" })
    expect(b.pageErrors).toEqual([])
  })

  it("a moderator settles a disputed visit from the queue", async () => {
    const owner = await b.tokenOf("owner@alem.test")
    const visit = await b.api<{ id: string }>(owner, "POST", "/api/v1/service-visits", {
      vehicleId,
      odometerKm: 121_000,
      currency: "KZT",
    })
    await b.api(owner, "POST", `/api/v1/service-visits/${visit.id}/items`, {
      kind: "labour",
      description: "Brake inspection",
      quantity: 1,
      unitCost: "7000",
      currency: "KZT",
    })
    await b.api(owner, "POST", `/api/v1/service-visits/${visit.id}/complete`)
    await b.api(fleetToken, "POST", `/api/v1/service-visits/${visit.id}/dispute`, {
      reason: "The brakes were not touched",
    })
    const page = await b.newPage()
    await b.signIn(page, "moderator@centre.test")
    await page.goto(`${b.fleet.httpUrl}/moderation`)
    await expect.poll(() => page.getByTestId("dispute-settle").count(), POLL).toBe(1)
    await page.getByTestId("dispute-settle").click()
    await page.getByTestId("settle-note").fill("No brake work in the photos")
    await page.getByTestId("settle-submit").click()
    await expect.poll(() => page.getByTestId("dispute-settle").count(), POLL).toBe(0)
    const settled = await b.api<{ disputeOutcome: string }>(
      fleetToken,
      "GET",
      `/api/v1/service-visits/${visit.id}`,
    )
    expect(settled.disputeOutcome).toBe("upheld")
    await b.shot(page, "moderation-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("reads in Russian, in the dark", async () => {
    await b.api(await b.tokenOf("owner@alem.test"), "PATCH", "/api/v1/me", { locale: "ru" })
    const page = await b.newPage({ colorScheme: "dark" })
    await b.signIn(page, "owner@alem.test")
    await page.goto(`${b.fleet.httpUrl}/centre`)
    await expect.poll(() => page.getByTestId("centre-status").innerText(), POLL).toBe("Проверен")
    await b.shot(page, "centre-ru-dark")
    expect(b.pageErrors).toEqual([])
  })
})
