import { access, mkdir, mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, BrowserContext, Locator, Page } from "playwright-core"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"
import { pickRecord } from "./pickRecord.js"

/*
 * Seed 003 phases 2, 4 and 5 in the guide's order, as the owner, Test Company Alpha's manager and
 * its two drivers do them in the browser: universal types seen from another organisation, teams,
 * assignments (the driver then sees their vehicle), ownership, an expense with its receipt photo,
 * vehicle documents (expiring, expired, far away; previewed, downloaded), fines with the driver-pays
 * flow on a phone, driver documents; then edits, deletes and the deletes the server refuses.
 * The organisation, users and the vehicles of step 2.2 (walked by vehicles.browser) are set up
 * through the API; every step under test goes through the pages. Screenshots of every records page
 * in light and dark, English and Russian: test-results/seed003-records/<page>-<theme>-<lang>.png.
 * The dashboard must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "seed003-records")
const POLL = { timeout: 15_000, interval: 100 }
const PASSWORD = "Alpha-Records-2025!"
const UUID_PATH = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u
/** A calendar day `offset` days from today, as the guide's dates are relative to the walk. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
)
/** A small picture of a paper (a receipt, a registration), as a PNG. */
const paper = (label: string) =>
  sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 245, g: 240, b: 228 } } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="600" height="400"><rect x="40" y="40" width="520" height="320" fill="none" stroke="#333" stroke-width="4"/><text x="70" y="120" font-size="42" font-family="sans-serif" fill="#222">${label}</text></svg>`,
        ),
      },
    ])
    .png()
    .toBuffer()

interface Ids {
  alpha: string
  civic: string
  sprinter: string
  rentalCivic: string
  rentalSprinter: string
  ivan: string
  maria: string
  hondaType: string
  refuel: string
  repairExpense: string
  openFine2: string
  constructionTeam: string
}

describe("seed 003 phases 2, 4 and 5 in a browser", () => {
  let dataDir = ""
  let fleet: RunningFleetCore
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []
  const ids: Ids = {
    alpha: "",
    civic: "",
    sprinter: "",
    rentalCivic: "",
    rentalSprinter: "",
    ivan: "",
    maria: "",
    hondaType: "",
    refuel: "",
    repairExpense: "",
    openFine2: "",
    constructionTeam: "",
  }
  let ownerEmail = ""
  let ownerPassword = ""
  let managerToken = ""
  let manager: Page

  const url = (path: string) => `${fleet.httpUrl}${path}`
  const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(url(path), {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as T
  }
  const tokenOf = async (email: string, password: string) => {
    const r = await fetch(url("/api/v1/auth/login"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    })
    return ((await r.json()) as { accessToken: string }).accessToken
  }
  const insertUser = async (email: string, name: string, role: string, locale: string) =>
    (
      await fleet.db.system.query<{ id: string }>(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        [ids.alpha, email, name, await hashSecret(PASSWORD), role, locale],
      )
    ).rows[0]?.id as string
  const insertDriver = async (userId: string, name: string, phone: string) =>
    (
      await fleet.db.system.query<{ id: string }>(
        "INSERT INTO drivers (org_id, user_id, full_name, phone, licence_categories) VALUES ($1, $2, $3, $4, '{B}') RETURNING id",
        [ids.alpha, userId, name, phone],
      )
    ).rows[0]?.id as string

  const signedIn = async (
    email: string,
    options: { scheme?: "light" | "dark"; width?: number; height?: number; password?: string } = {},
  ): Promise<Page> => {
    const context = await browser.newContext({
      locale: "en-GB",
      colorScheme: options.scheme ?? "light",
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(url("/login"))
    await page.getByTestId("login-email").fill(email)
    await page.getByTestId("login-password").fill(options.password ?? PASSWORD)
    await page.getByTestId("login-submit").click()
    // At phone width the sidebar is folded away: attached, not visible.
    await page.getByTestId("sidebar").waitFor({ state: "attached" })
    await page.waitForURL(url("/"))
    return page
  }
  /**
   * The frame scrolls inside its main area, so the window grows to the content's height for the
   * picture (a whole record page), once nothing is loading any more.
   */
  const shot = async (page: Page, name: string) => {
    await expect.poll(() => page.locator(".spinner").count(), POLL).toBe(0)
    await expect
      .poll(
        () => page.locator("img").evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete)),
        POLL,
      )
      .toBe(true)
    const viewport = page.viewportSize() ?? { width: 1280, height: 900 }
    const overflow = await page.evaluate(() => {
      const main = document.querySelector(".frame__content")
      return main === null ? 0 : main.scrollHeight - main.clientHeight
    })
    if (overflow > 0) {
      await page.setViewportSize({
        width: viewport.width,
        height: Math.min(viewport.height + overflow, 4000),
      })
    }
    await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })
    if (overflow > 0) await page.setViewportSize(viewport)
  }
  const openVehicle = async (page: Page, vehicleId: string, tab: string) => {
    await page.goto(url(`/vehicles/${vehicleId}?tab=${tab}`))
    await page.getByTestId(`vehicle-panel-${tab}`).waitFor()
  }
  const openDriver = async (page: Page, driverId: string, tab: string) => {
    await page.goto(url(`/drivers/${driverId}?tab=${tab}`))
    await page.getByTestId(`driver-panel-${tab}`).waitFor()
  }
  const upload = async (
    panel: Locator,
    kind: string,
    expiresOn: string,
    file: { name: string; mimeType: string; buffer: Buffer },
  ) => {
    await panel.getByTestId("document-upload-kind").selectOption(kind)
    await panel.getByTestId("document-upload-expiry").fill(expiresOn)
    await panel.getByTestId("document-file-input").setInputFiles(file)
    await expect
      .poll(
        () =>
          panel
            .locator('[data-testid="document-upload"][data-state="done"]')
            .filter({ hasText: file.name })
            .count(),
        POLL,
      )
      .toBe(1)
  }
  /** Confirms a destructive dialog the server refuses: the dialog stays open with its reason. */
  const refusedDelete = async (page: Page, button: string, reason: RegExp) => {
    await page.getByTestId(button).click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => page.getByTestId("confirm-dialog").locator(".error-banner").textContent(), POLL)
      .toMatch(reason)
    await page.getByTestId("confirm-dialog").locator("button", { hasText: "Cancel" }).click()
    await page.getByTestId("confirm-dialog").waitFor({ state: "detached" })
  }
  const openFines = async (page: Page) => {
    await page.goto(url("/penalties?status=open"))
    await page.getByTestId("penalties-table").waitFor()
    return page.getByTestId("penalties-row")
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-seed003-records-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    const owner = fleet.demo?.users.find((u) => u.role === "owner")
    if (!owner) throw new Error("the demo seed has no owner")
    ownerEmail = owner.email
    ownerPassword = owner.password
    // Phase 1 (walked by seed003-phase1): Test Company Alpha, its manager and two drivers.
    const ownerToken = await tokenOf(owner.email, owner.password)
    ids.alpha = (
      await api<{ id: string }>(ownerToken, "POST", "/api/v1/organisations", {
        name: "Test Company Alpha",
        description: "Тестовая организация для проверки системы",
        settings: { currency: "KZT", timezone: "Asia/Almaty" },
      })
    ).id
    await insertUser("admin.alpha@test.com", "Admin Alpha", "admin", "en")
    await insertUser("manager.alpha@test.com", "Manager Alpha", "manager", "en")
    await insertUser("menedzher.alpha@test.com", "Менеджер Альфа", "manager", "ru")
    ids.ivan = await insertDriver(
      await insertUser("driver1.alpha@test.com", "Ivan Petrov", "driver", "en"),
      "Ivan Petrov",
      "+49 123 4567890",
    )
    ids.maria = await insertDriver(
      await insertUser("driver2.alpha@test.com", "Maria Schmidt", "driver", "ru"),
      "Maria Schmidt",
      "+49 123 4567891",
    )
    managerToken = await tokenOf("manager.alpha@test.com", PASSWORD)
    // A euro rate, so the euro expenses count in the organisation's tenge.
    await api(managerToken, "POST", "/api/v1/currency-rates", {
      currency: "EUR",
      date: "2024-11-01",
      rate: "520",
    })
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("1.2 the owner's universal types are offered in Test Company Alpha", async () => {
    const owner = await signedIn(ownerEmail, { password: ownerPassword })
    for (const [name, brand, model, rated, tank] of [
      ["Honda Civic", "Honda", "Civic", "6.5", "50"],
      ["Mercedes Sprinter Van", "Mercedes-Benz", "Sprinter", "9.8", "75"],
    ] as const) {
      await owner.goto(url("/vehicle-types"))
      await owner.getByTestId("type-new").click()
      await owner.getByTestId("type-name").fill(name)
      await owner.getByTestId("type-brand").fill(brand)
      await owner.getByTestId("type-model").fill(model)
      await owner.getByTestId("type-ratedConsumptionL100km").fill(rated)
      await owner.getByTestId("type-tankCapacityL").fill(tank)
      await owner.getByTestId("type-universal").selectOption("true")
      await owner.getByTestId("type-submit").click()
      await owner.getByTestId("vehicle-type-dialog").waitFor({ state: "detached" })
    }
    const universal = await fleet.db.system.query<{ id: string; name: string }>(
      "SELECT id, name FROM vehicle_types WHERE org_id IS NULL AND name IN ('Honda Civic', 'Mercedes Sprinter Van')",
    )
    expect(universal.rows.map((r) => r.name).sort()).toEqual(["Honda Civic", "Mercedes Sprinter Van"])
    ids.hondaType = universal.rows.find((r) => r.name === "Honda Civic")?.id ?? ""
    const sprinterType = universal.rows.find((r) => r.name === "Mercedes Sprinter Van")?.id ?? ""

    manager = await signedIn("manager.alpha@test.com")
    await manager.getByTestId("nav-vehicleTypes").click()
    await expect
      .poll(() => manager.getByTestId("type-row-name").allTextContents(), POLL)
      .toEqual(expect.arrayContaining(["Honda Civic", "Mercedes Sprinter Van"]))
    await manager.goto(url("/vehicles/new"))
    const options = manager.getByTestId("vehicle-vehicleTypeId").locator("option")
    await expect
      .poll(async () => (await options.allTextContents()).join("|"), POLL)
      .toMatch(/Honda Civic.*\|.*Mercedes Sprinter Van|Mercedes Sprinter Van.*\|.*Honda Civic/u)

    // Step 2.2's vehicles (the form and the VIN check are walked by vehicles.browser). Seed 003's
    // 1HGBH41JXMN109999 fails the ISO 3779 check digit: the right one is 7.
    const vehicle = async (body: Record<string, unknown>) =>
      (await api<{ id: string }>(managerToken, "POST", "/api/v1/vehicles", body)).id
    ids.civic = await vehicle({
      name: "Civic Work Car 1",
      plate: "B-TC-1234",
      vin: "1HGBH41JXMN109186",
      vehicleTypeId: ids.hondaType,
      brand: "Honda",
      model: "Civic",
      year: 2020,
    })
    ids.sprinter = await vehicle({
      name: "Sprinter Van 1",
      plate: "B-TC-5678",
      vin: "WD3PE7CC7B5500001",
      vehicleTypeId: sprinterType,
      brand: "Mercedes-Benz",
      model: "Sprinter",
      year: 2021,
    })
    ids.rentalCivic = await vehicle({
      name: "Rental Civic Fleet 1",
      plate: "B-RN-1111",
      vin: "1HGBH41J7MN109999",
      vehicleTypeId: ids.hondaType,
      year: 2022,
      status: "rented",
      rental: true,
      rentalStartsOn: day(-14),
      rentalEndsOn: day(6),
      rentalMonthlyCost: "450.00",
      rentalCurrency: "EUR",
    })
    ids.rentalSprinter = await vehicle({
      name: "Rental Sprinter 1",
      plate: "B-RN-2222",
      vin: "WD3PE7CC7B5599999",
      vehicleTypeId: sprinterType,
      status: "rented",
      rental: true,
      rentalStartsOn: day(-45),
      rentalEndsOn: day(45),
      rentalMonthlyCost: "750.00",
      rentalCurrency: "EUR",
    })
    await manager.goto(url("/vehicles?sort=plate"))
    await expect
      .poll(() => manager.getByTestId("rental-summary-monthly").textContent(), POLL)
      .toBe("€1,200.00")
    const rows = manager.getByTestId("vehicles-row")
    await expect.poll(() => rows.count(), POLL).toBe(4)
    expect(await rows.filter({ hasText: "B-RN-1111" }).getByTestId("vehicle-rental-expiring").count()).toBe(1)
    expect(await rows.filter({ hasText: "B-RN-2222" }).getByTestId("vehicle-rental-expiring").count()).toBe(0)
  }, 90_000)

  it("2.1 teams, each with a driver", async () => {
    for (const [name, description, driver] of [
      ["Construction Team A", "Основная строительная бригада", "Ivan"],
      ["Delivery Team A", "Команда доставки", "Maria"],
    ] as const) {
      await manager.goto(url("/teams"))
      await manager.getByTestId("team-new").click()
      await manager.getByTestId("team-name").fill(name)
      await manager.getByTestId("team-description").fill(description)
      await manager.getByTestId("team-submit").click()
      await manager.waitForURL(UUID_PATH)
      if (driver === "Ivan") ids.constructionTeam = manager.url().split("/").pop() ?? ""
      await pickRecord(manager, "team-add-driver-select", driver)
      await manager.getByTestId("team-add-driver-submit").click()
      await expect
        .poll(() => manager.getByTestId("team-driver").allTextContents(), POLL)
        .toEqual([driver === "Ivan" ? "Ivan Petrov" : "Maria Schmidt"])
    }
    await manager.goto(url("/teams"))
    await expect
      .poll(async () => (await manager.getByTestId("team-row-name").allTextContents()).sort(), POLL)
      .toEqual(["Construction Team A", "Delivery Team A"])
  })

  it("2.3 assignments show on the vehicle page, and the driver sees their vehicle", async () => {
    for (const [vehicleId, driver] of [
      [ids.civic, "Ivan Petrov"],
      [ids.sprinter, "Maria Schmidt"],
    ] as const) {
      await openVehicle(manager, vehicleId, "assignments")
      await pickRecord(manager, "assign-driver", driver)
      await manager.getByTestId("assign-from").fill("2025-01-01")
      await manager.getByTestId("assign-submit").click()
      await expect
        .poll(() => manager.getByTestId("vehicle-assignment-driver").allTextContents(), POLL)
        .toEqual([driver])
      // The page's summary names the driver too, without a reload.
      await expect.poll(() => manager.getByTestId("summary-driver").textContent(), POLL).toContain(driver)
    }
    // Maria cannot drive the Civic while Ivan does: the server's reason, on the form.
    await openVehicle(manager, ids.civic, "assignments")
    await pickRecord(manager, "assign-driver", "Maria Schmidt")
    await manager.getByTestId("assign-from").fill("2025-02-01")
    await manager.getByTestId("assign-submit").click()
    await expect.poll(() => manager.getByTestId("form-error").textContent(), POLL).toMatch(/another driver/iu)

    const ivan = await signedIn("driver1.alpha@test.com")
    await ivan.getByTestId("nav-vehicles").click()
    await expect
      .poll(() => ivan.getByTestId("vehicle-row-name").allTextContents(), POLL)
      .toEqual(["Civic Work Car 1"])
    await ivan.context().close()
  })

  it("2.4 ownership history on the vehicle page", async () => {
    await openVehicle(manager, ids.civic, "ownership")
    for (const [type, name, from, to, bought, sold] of [
      ["company", "Previous Owner LLC", "2020-01-01", "2024-12-31", "15000", "12000"],
      ["company", "Test Company Alpha", "2025-01-01", "", "12000", ""],
    ] as const) {
      await manager.getByTestId("ownership-ownerType").selectOption(type)
      await manager.getByTestId("ownership-ownerName").fill(name)
      await manager.getByTestId("ownership-from").fill(from)
      await manager.getByTestId("ownership-to").fill(to)
      await manager.getByTestId("ownership-purchasePrice").fill(bought)
      await manager.getByTestId("ownership-salePrice").fill(sold)
      await manager.getByTestId("ownership-currency").selectOption("EUR")
      await manager.getByTestId("ownership-submit").click()
      await expect
        .poll(() => manager.getByTestId("vehicle-ownership-row").filter({ hasText: name }).count(), POLL)
        .toBe(1)
    }
    const current = manager.getByTestId("vehicle-ownership-row").filter({ hasText: "Test Company Alpha" })
    expect(await current.textContent()).toContain("12,000")
  })

  it("4.1 an expense with its receipt photo; the vehicle's expenses tab lists the Civic's", async () => {
    await manager.goto(url("/expenses/new"))
    await manager.getByTestId("expense-category-select").selectOption("service")
    await pickRecord(manager, "expense-vehicle", "B-TC-1234", "Civic Work Car 1 · B-TC-1234")
    await manager.getByTestId("expense-amount").fill("350.00")
    await manager.getByTestId("expense-currency").selectOption("EUR")
    await manager.getByTestId("expense-date").fill("2025-01-08")
    await manager.getByTestId("expense-description").fill("Замена тормозных колодок")
    await manager.getByTestId("expense-submit").click()
    await manager.getByTestId("expense-facts").waitFor()
    ids.repairExpense = manager.url().split("/").pop() ?? ""
    const panel = manager.getByTestId("documents-panel")
    await upload(panel, "receipt", "", {
      name: "brake-pads-receipt.png",
      mimeType: "image/png",
      buffer: await paper("Receipt 350 EUR"),
    })
    await expect.poll(() => panel.getByTestId("document-item").count(), POLL).toBe(1)
    // The receipt's thumbnail shows (the server made it from the photo).
    await expect
      .poll(
        () =>
          panel
            .getByTestId("document-item")
            .locator("img")
            .evaluate((i) => (i as HTMLImageElement).naturalWidth),
        POLL,
      )
      .toBeGreaterThan(0)

    // The guide's other expenses of 4.1 and a refuel (phase 3's), through the API.
    const add = (body: Record<string, unknown>) =>
      api<{ id: string }>(managerToken, "POST", "/api/v1/expenses", { currency: "EUR", ...body })
    await add({
      vehicleId: ids.sprinter,
      category: "service",
      amount: "780.00",
      date: "2025-01-09",
      description: "Ремонт двигателя",
    })
    await add({
      vehicleId: ids.civic,
      category: "insurance",
      amount: "120.00",
      date: "2025-01-10",
      description: "Ежемесячная страховка",
    })
    await add({ vehicleId: ids.sprinter, category: "insurance", amount: "180.00", date: "2025-01-10" })
    await add({
      vehicleId: ids.rentalCivic,
      category: "rental",
      amount: "450.00",
      date: "2025-01-01",
      description: "Ежемесячный платеж аренды январь",
    })
    await add({
      vehicleId: ids.rentalSprinter,
      category: "rental",
      amount: "750.00",
      date: "2025-01-01",
      description: "Аренда январь",
    })
    await add({ vehicleId: ids.civic, category: "parking", amount: "15.00", date: "2025-01-11" })
    await add({ vehicleId: ids.sprinter, category: "parking", amount: "20.00", date: "2025-01-11" })
    ids.refuel = (
      await add({
        vehicleId: ids.civic,
        category: "fuel",
        amount: "40.00",
        date: "2025-01-02",
        litres: 28.5,
        odometerKm: 10_000,
        description: "Первая заправка - базовая",
      })
    ).id
    await openVehicle(manager, ids.civic, "expenses")
    await expect.poll(() => manager.getByTestId("vehicle-expenses-row").count(), POLL).toBe(4)
  })

  it("4.4 vehicle documents: expiring, expired and far away; previewed; the expiring view lists exactly two; a download", async () => {
    await openVehicle(manager, ids.civic, "documents")
    const panel = manager.getByTestId("documents-panel")
    await upload(panel, "insurance", day(19), {
      name: "Comprehensive Insurance Policy.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    })
    await upload(panel, "registration", day(-4), {
      name: "Vehicle Registration Certificate.png",
      mimeType: "image/png",
      buffer: await paper("Registration B-TC-1234"),
    })
    const items = panel.getByTestId("document-item")
    await expect.poll(() => items.count(), POLL).toBe(2)
    const badge = (name: string) =>
      items.filter({ hasText: name }).getByTestId("document-expiry").getAttribute("data-expiry")
    await expect.poll(() => badge("Comprehensive Insurance"), POLL).toBe("soon")
    await expect.poll(() => badge("Vehicle Registration"), POLL).toBe("expired")

    await items.filter({ hasText: "Vehicle Registration" }).getByTestId("document-preview-open").click()
    await expect
      .poll(
        () =>
          manager.getByTestId("document-preview-image").evaluate((i) => (i as HTMLImageElement).naturalWidth),
        POLL,
      )
      .toBe(600)
    await manager.keyboard.press("Escape")
    await manager.getByTestId("document-preview-image").waitFor({ state: "detached" })
    await items.filter({ hasText: "Comprehensive Insurance" }).getByTestId("document-preview-open").click()
    expect(await manager.getByTestId("document-preview-pdf").getAttribute("data")).toMatch(
      /\/content\?inline=true$/u,
    )
    await manager.keyboard.press("Escape")
    await manager.getByTestId("document-preview-pdf").waitFor({ state: "detached" })

    // The download link saves the bytes that were uploaded.
    const [download] = await Promise.all([
      manager.waitForEvent("download"),
      items.filter({ hasText: "Comprehensive Insurance" }).locator("a[download]").click(),
    ])
    expect(download.suggestedFilename()).toBe("Comprehensive Insurance Policy.pdf")
    expect(await readFile((await download.path()) ?? "")).toEqual(PDF)

    await openVehicle(manager, ids.sprinter, "documents")
    await upload(manager.getByTestId("documents-panel"), "other", day(200), {
      name: "Sprinter inspection.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    })
    await manager.getByTestId("nav-documents").click()
    await manager.getByTestId("documents-view-expiring").click()
    await expect
      .poll(async () => (await manager.getByTestId("document-row-name").allTextContents()).sort(), POLL)
      .toEqual(["Comprehensive Insurance Policy.pdf", "Vehicle Registration Certificate.png"])
  })

  it("4.3 fines: two open, two paid; the driver reports one paid on a phone with a receipt file; the manager confirms", async () => {
    await manager.goto(url(`/penalties/new?vehicleId=${ids.civic}`))
    await manager.getByTestId("penalty-offence").fill("2025-01-05T10:00")
    await manager.getByTestId("penalty-amount").fill("50.00")
    await manager.getByTestId("penalty-currency").selectOption("EUR")
    await manager.getByTestId("penalty-reason").fill("Превышение скорости 20км/ч")
    await manager.getByTestId("penalty-submit").click()
    await manager.getByTestId("penalty-facts").waitFor()
    // The driver assigned at the offence (step 2.3).
    expect(await manager.getByTestId("penalty-driver").textContent()).toBe("Ivan Petrov")
    const fine = (body: Record<string, unknown>) =>
      api<{ id: string }>(managerToken, "POST", "/api/v1/penalties", { currency: "EUR", ...body })
    ids.openFine2 = (
      await fine({
        vehicleId: ids.sprinter,
        amount: "30.00",
        offenceAt: "2025-01-08T09:00:00Z",
        reason: "Парковка в неположенном месте",
      })
    ).id
    await fine({
      vehicleId: ids.civic,
      driverId: ids.ivan,
      amount: "25.00",
      offenceAt: "2024-12-20T09:00:00Z",
      reason: "Проезд на красный",
      status: "paid",
      paidOn: "2024-12-28",
    })
    await fine({
      vehicleId: ids.sprinter,
      amount: "40.00",
      offenceAt: "2025-01-09T09:00:00Z",
      reason: "Превышение скорости",
      status: "paid",
      paidOn: "2025-01-15",
    })
    await expect.poll(async () => (await openFines(manager)).count(), POLL).toBe(2)

    const phone = await signedIn("driver1.alpha@test.com", { width: 390, height: 844 })
    await phone.goto(url("/penalties"))
    const cards = phone.getByTestId("my-penalty")
    await expect.poll(() => cards.count(), POLL).toBe(2)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const open = cards.filter({ hasText: "20км/ч" })
    await open.getByTestId("penalty-pay").click()
    await phone.getByTestId("penalty-pay-dialog-receipt").setInputFiles({
      name: "fine-receipt.png",
      mimeType: "image/png",
      buffer: await paper("Paid 50 EUR"),
    })
    await expect
      .poll(() => phone.getByTestId("penalty-pay-dialog-file").textContent(), POLL)
      .toBe("fine-receipt.png")
    await phone.getByTestId("penalty-pay-dialog-submit").click()
    await phone.getByTestId("penalty-pay-dialog").waitFor({ state: "detached" })
    await expect
      .poll(() => open.getByTestId("penalty-status").getAttribute("data-status"), POLL)
      .toBe("paid_by_driver")
    await phone.context().close()

    await manager.goto(url("/penalties?status=paid_by_driver"))
    await manager.getByTestId("penalties-row").first().click()
    await manager.getByTestId("penalty-receipt-link").waitFor()
    await manager.getByTestId("penalty-confirm").click()
    await manager.getByTestId("confirm-dialog-confirm").click()
    await expect
      .poll(() => manager.getByTestId("penalty-status").getAttribute("data-status"), POLL)
      .toBe("paid")
    await expect.poll(async () => (await openFines(manager)).count(), POLL).toBe(1)
  })

  it("4.4 driver documents: a licence and a medical certificate on the drivers' pages", async () => {
    for (const [driverId, kind, expires, file] of [
      [
        ids.ivan,
        "licence",
        "2030-05-10",
        { name: "DL-123456789.png", mimeType: "image/png", buffer: await paper("DL-123456789") },
      ],
      [
        ids.maria,
        "medical",
        day(300),
        { name: "Medical certificate.pdf", mimeType: "application/pdf", buffer: PDF },
      ],
    ] as const) {
      await openDriver(manager, driverId, "documents")
      const panel = manager.getByTestId("documents-panel")
      await upload(panel, kind, expires, file)
      await expect
        .poll(() => panel.getByTestId("document-item").filter({ hasText: file.name }).count(), POLL)
        .toBe(1)
    }
  })

  it("phase 5: edits are saved and shown", async () => {
    // The Civic goes to the workshop.
    await openVehicle(manager, ids.civic, "info")
    await manager.getByTestId("vehicle-status-select").selectOption("in_maintenance")
    await manager.getByTestId("vehicle-status-save").click()
    await expect
      .poll(() => manager.getByTestId("vehicle-status").first().getAttribute("data-status"), POLL)
      .toBe("in_maintenance")
    // Ivan's new phone.
    await openDriver(manager, ids.ivan, "info")
    await manager.getByTestId("driver-phone").fill("+49 123 4567899")
    await manager.getByTestId("driver-submit").click()
    await expect
      .poll(() => manager.getByTestId("driver-facts").textContent(), POLL)
      .toContain("+49 123 4567899")
    // The repair's description.
    await manager.goto(url(`/expenses/${ids.repairExpense}`))
    await manager.getByTestId("expense-description").fill("Замена тормозных колодок и дисков")
    await manager.getByTestId("expense-submit").click()
    await expect
      .poll(() => manager.locator(".page-header").textContent(), POLL)
      .toContain("Замена тормозных колодок и дисков")
    // The second fine's amount.
    await manager.goto(url(`/penalties/${ids.openFine2}`))
    await manager.getByTestId("penalty-edit-amount").fill("35.00")
    await manager.getByTestId("penalty-edit-save").click()
    await expect.poll(() => manager.getByTestId("penalty-amount-view").textContent(), POLL).toContain("35.00")
  })

  it("phase 5: deletes a refuel, a document (its file too) and a team member; refuses what history holds", async () => {
    await manager.goto(url(`/expenses/${ids.refuel}`))
    await manager.getByTestId("expense-delete").click()
    await manager.getByTestId("confirm-dialog-confirm").click()
    await manager.waitForURL(/\/expenses$/u)
    await manager.goto(url(`/vehicles/${ids.civic}?tab=expenses`))
    await expect.poll(() => manager.getByTestId("vehicle-expenses-row").count(), POLL).toBe(3)

    const stored = await fleet.db.system.query<{ storage_key: string }>(
      "SELECT storage_key FROM documents WHERE filename = 'Sprinter inspection.pdf'",
    )
    const file = join(dataDir, "documents", ...(stored.rows[0]?.storage_key ?? "").split("/"))
    await access(file)
    await openVehicle(manager, ids.sprinter, "documents")
    await manager.getByTestId("document-item").getByTestId("document-delete").click()
    await manager.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => manager.getByTestId("document-item").count(), POLL).toBe(0)
    await expect
      .poll(
        () =>
          access(file).then(
            () => "there",
            () => "gone",
          ),
        POLL,
      )
      .toBe("gone")

    await manager.goto(url(`/teams/${ids.constructionTeam}`))
    await manager.getByTestId("team-driver-remove").click()
    await expect.poll(() => manager.getByTestId("team-driver").count(), POLL).toBe(0)
    await manager.goto(url("/drivers"))
    await expect
      .poll(() => manager.getByTestId("driver-row-name").allTextContents(), POLL)
      .toContain("Ivan Petrov")

    // What history holds is not deleted: the server's reason, in the dialog. A manager does not
    // delete vehicles at all (seed 003, role permissions): the button is the owner's and admins'.
    await openVehicle(manager, ids.civic, "info")
    await manager.getByTestId("vehicle-decommission").waitFor()
    expect(await manager.getByTestId("vehicle-delete").count()).toBe(0)
    await openDriver(manager, ids.ivan, "info")
    await refusedDelete(manager, "driver-delete", /assignment|history|terminate/iu)
    const alphaAdmin = await signedIn("admin.alpha@test.com")
    await openVehicle(alphaAdmin, ids.civic, "info")
    await refusedDelete(alphaAdmin, "vehicle-delete", /history|decommission/iu)
    await alphaAdmin.context().close()
    const owner = await signedIn(ownerEmail, { password: ownerPassword })
    await owner.goto(url("/vehicle-types"))
    await owner
      .getByTestId("type-row-name")
      .filter({ hasText: /^Honda Civic$/u })
      .click()
    await refusedDelete(owner, "type-delete", /use/iu)
    await owner.context().close()
  })

  it("screenshots every records page in light and dark, English and Russian", async () => {
    const contract = await api<{ id: string }>(managerToken, "POST", "/api/v1/contracts", {
      vehicleId: ids.rentalCivic,
      type: "rental",
      contractor: "Nomad Rent",
      number: "R-2025-01",
      startDate: day(-14),
      endDate: day(6),
      amount: "450.00",
      currency: "EUR",
      paymentFrequency: "monthly",
    })
    await api(managerToken, "POST", "/api/v1/budgets", {
      category: "service",
      period: "month",
      start: `${day(0).slice(0, 7)}-01`,
      amount: "500000",
    })
    // Light English and dark Russian: between them every colour and every string set of the pages.
    const looks = [
      ["manager.alpha@test.com", "light", "en"],
      ["menedzher.alpha@test.com", "dark", "ru"],
    ] as const
    const tabs = [
      "info",
      "ownership",
      "assignments",
      "expenses",
      "contracts",
      "penalties",
      "documents",
      "photos",
    ]
    const telemetryTabs = ["mileage", "maintenance", "fuel", "devices", "trips"]
    for (const [email, theme, lang] of looks) {
      const page = await signedIn(email, { scheme: theme, height: 1000 })
      const look = `${theme}-${lang}`
      const visit = async (name: string, path: string, ready: string) => {
        await page.goto(url(path))
        await page.getByTestId(ready).first().waitFor()
        await shot(page, `${name}-${look}`)
      }
      await visit("vehicles", "/vehicles", "vehicles-row")
      await visit("vehicle-cards", "/vehicles?view=cards", "vehicle-card")
      await visit("vehicle-new", "/vehicles/new", "vehicle-form")
      await visit("vehicle-types", "/vehicle-types", "type-row-name")
      for (const tab of [...tabs, ...telemetryTabs]) {
        await openVehicle(page, ids.civic, tab)
        await shot(page, `vehicle-${tab}-${look}`)
      }
      await visit("drivers", "/drivers", "driver-row-name")
      await visit("driver-new", "/drivers/new", "driver-form")
      for (const tab of ["info", "vehicles", "penalties", "documents", "expenses"]) {
        await openDriver(page, ids.ivan, tab)
        await shot(page, `driver-${tab}-${look}`)
      }
      await visit("teams", "/teams", "team-row-name")
      await visit("team", `/teams/${ids.constructionTeam}`, "team-drivers")
      await visit("expenses", "/expenses", "expenses-row")
      await visit("expense-new", "/expenses/new", "expense-form")
      await visit("expense", `/expenses/${ids.repairExpense}`, "expense-facts")
      await visit("budgets", "/expenses/budgets", "budget-row")
      await visit("currency-rates", "/settings/currency-rates", "rates-import")
      await visit("contracts", "/contracts", "contract-row-contractor")
      await visit("contract", `/contracts/${contract.id}`, "contract-facts")
      await visit("contract-new", "/contracts/new", "contract-type")
      await visit("penalties", "/penalties", "penalties-row")
      await visit("penalty", `/penalties/${ids.openFine2}`, "penalty-facts")
      await visit("penalty-new", "/penalties/new", "penalty-form")
      await visit("documents", "/documents", "documents-row")
      await visit("documents-expiring", "/documents?expiringWithinDays=30", "documents-row")
      await page.getByTestId("documents-row").first().click()
      await page
        .locator('[data-testid="document-preview-image"], [data-testid="document-preview-pdf"]')
        .first()
        .waitFor()
      await shot(page, `document-preview-${look}`)
      await page.context().close()
      // The driver's fines at phone width, in the same look: Ivan (English) has paid his; Maria
      // (Russian) has an open one, and her "I paid" dialog is pictured too.
      const phone = await signedIn(lang === "en" ? "driver1.alpha@test.com" : "driver2.alpha@test.com", {
        scheme: theme,
        width: 390,
        height: 844,
      })
      await phone.goto(url("/penalties"))
      await phone.getByTestId("my-penalty").first().waitFor()
      await shot(phone, `driver-penalties-phone-${look}`)
      if (lang === "ru") {
        await phone.getByTestId("penalty-pay").click()
        await phone.getByTestId("penalty-pay-dialog").waitFor()
        await shot(phone, `driver-pay-dialog-phone-${look}`)
      }
      await phone.context().close()
    }
    expect(pageErrors).toEqual([])
  }, 300_000)
})
