import { readFile } from "node:fs/promises"
import ExcelJS from "exceljs"
import Papa from "papaparse"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"
import { pdfText, shootPdf } from "./reportPdf.js"

/*
 * Issue 11 in a browser: the contracts list exports from its Export menu (the rows the list
 * shows, statuses in words), and an admin uploads the organisation's logo on the settings page and
 * sees its preview, and the logo heads the list's PDF. Screenshots of the settings page in light and
 * dark, English and Russian, and of the PDF's first page go to test-results/exports/. Every other
 * list page and the vehicle's and driver's record tabs have their Export menu too, and an XLSX
 * downloaded from one carries the logo.
 */

const POLL = { timeout: 30_000, interval: 200 }

describe("list exports and the organisation's logo in a browser", () => {
  let b: BrowserFleet

  beforeAll(async () => {
    b = await startBrowserFleet("exports")
    await b.addUser({ email: "admin@exports.test", role: "admin", name: "Admin One", locale: "en" })
    await b.addUser({ email: "admin-ru@exports.test", role: "admin", name: "Админ", locale: "ru" })
    const token = await b.tokenOf()
    const vehicles = await Promise.all(
      ["Export van 1", "Export van 2"].map((name) =>
        b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name, plate: `${name.slice(-1)} EXP` }),
      ),
    )
    for (const [i, vehicle] of vehicles.entries())
      await b.api(token, "POST", "/api/v1/contracts", {
        vehicleId: vehicle.id,
        type: i === 0 ? "leasing" : "insurance_osago",
        contractor: i === 0 ? "Astana Leasing" : "Nomad Insurance",
        startDate: "2025-01-01",
        endDate: i === 0 ? "2029-12-31" : "2025-06-30",
        amount: "150000.00",
        currency: "KZT",
        paymentFrequency: "monthly",
      })
  })
  afterAll(async () => {
    await b?.close()
  })

  it("exports the contracts list from its Export menu, statuses in words", async () => {
    const page = await b.newPage()
    await b.signIn(page, "admin@exports.test")
    await page.goto(`${b.fleet.httpUrl}/contracts?sort=contractor`)
    await page.getByTestId("contracts-export").click()
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("contracts-export-csv").click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^contracts-\d{4}-\d{2}-\d{2}\.csv$/u)
    const text = (await readFile((await download.path()) ?? "", "utf8")).replace(/^\uFEFF/u, "")
    const rows = Papa.parse<Array<string>>(text, { skipEmptyLines: true }).data
    const token = await b.tokenOf("admin@exports.test")
    const list = await b.api<{ total: number }>(token, "GET", "/api/v1/contracts?pageSize=1")
    expect(list.total).toBeGreaterThan(0)
    expect(rows).toHaveLength(1 + list.total)
    const status = rows[0]?.indexOf("Status") ?? -1
    expect(status).toBeGreaterThan(0)
    for (const row of rows.slice(1))
      expect(["Active", "Expired", "Cancelled", "Pending renewal"]).toContain(row[status])
    // The maintenance board is no table: its Export menu sits in the header.
    await page.goto(`${b.fleet.httpUrl}/maintenance`)
    await page.getByTestId("maintenance-tasks-export").click()
    await expect.poll(() => page.getByTestId("maintenance-tasks-export-xlsx").count(), POLL).toBe(1)
    await b.shot(page, "maintenance-export-en-light", { fullPage: false })
    await page.keyboard.press("Escape")
    expect(b.pageErrors).toEqual([])
  })

  it("uploads the logo on the settings page and shows its preview", async () => {
    const page = await b.newPage()
    await b.signIn(page, "admin@exports.test")
    await page.goto(`${b.fleet.httpUrl}/settings/organisation`)
    await expect.poll(() => page.getByTestId("org-logo-none").count(), POLL).toBe(1)
    const logo = await sharp({
      create: { width: 900, height: 300, channels: 4, background: { r: 14, g: 99, b: 156, alpha: 1 } },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="300"><text x="60" y="190" font-size="120" font-family="sans-serif" fill="#fff">FleetCore</text></svg>',
          ),
        },
      ])
      .png()
      .toBuffer()
    await page
      .getByTestId("org-logo-file")
      .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logo })
    const preview = page.getByTestId("org-logo-preview")
    await expect.poll(() => preview.count(), POLL).toBe(1)
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth), POLL).toBe(600)
    expect(await page.getByTestId("org-logo").innerText()).toContain("600 × 200 px")
    expect(await page.getByTestId("org-logo-upload").innerText()).toBe("Replace logo")
    await b.shot(page, "settings-logo-en-light")

    // A file that is not an image is refused with the reason, the logo kept.
    await page
      .getByTestId("org-logo-file")
      .setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") })
    await expect.poll(() => page.getByText("The file is not a PNG or JPEG image.").count(), POLL).toBe(1)
    expect(await preview.count()).toBe(1)
    expect(b.pageErrors).toEqual([])
  })

  it("every other list and the record tabs export from their menu; the XLSX carries the logo", async () => {
    const token = await b.tokenOf("admin@exports.test")
    const vehicle = await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", {
      name: "Tab van",
      plate: "TAB 1",
    })
    const driver = await b.api<{ id: string }>(token, "POST", "/api/v1/drivers", { fullName: "Tab Driver" })
    await b.api(token, "POST", "/api/v1/fuel-cards", {
      name: "Tab card",
      currency: "KZT",
      driverId: driver.id,
      vehicleId: vehicle.id,
    })
    await b.api(token, "POST", `/api/v1/vehicles/${vehicle.id}/fuel-entries`, {
      time: "2025-03-01T09:00:00Z",
      litres: 40,
      amount: "12000.00",
    })
    await b.api(token, "POST", "/api/v1/teams", { name: "Export crew" })
    await b.api(token, "POST", `/api/v1/vehicles/${vehicle.id}/assignments`, {
      driverId: driver.id,
      startsAt: "2025-02-01T08:00:00Z",
    })
    const page = await b.newPage()
    await b.signIn(page, "admin@exports.test")
    for (const [path, id] of [
      ["/users", "users"],
      ["/vehicle-types", "vehicle-types"],
      ["/geofences", "geofences"],
      ["/tasks", "tasks"],
      ["/tickets", "tickets"],
      ["/onboarding", "onboarding"],
      ["/fuel?tab=cards", "fuel-cards"],
      ["/fuel?tab=sensor", "fuel-events"],
      [`/vehicles/${vehicle.id}?tab=expenses`, "vehicle-expenses"],
      [`/vehicles/${vehicle.id}?tab=contracts`, "vehicle-contracts"],
      [`/vehicles/${vehicle.id}?tab=documents`, "documents-panel"],
      [`/drivers/${driver.id}?tab=fuel-cards`, "driver-cards"],
      // The lists under a record and the settings lists.
      [`/vehicles/${vehicle.id}?tab=assignments`, "vehicle-assignments"],
      [`/vehicles/${vehicle.id}?tab=mileage`, "vehicle-readings"],
      [`/vehicles/${vehicle.id}?tab=mileage`, "vehicle-daily-mileage"],
      [`/vehicles/${vehicle.id}?tab=trips`, "vehicle-trips"],
      [`/vehicles/${vehicle.id}?tab=ownership`, "vehicle-ownership"],
      [`/vehicles/${vehicle.id}?tab=devices`, "vehicle-devices"],
      ["/fuel?tab=reconciliation", "fuel-recon"],
      ["/expenses/budgets", "budgets"],
      ["/settings/currency-rates", "rates"],
      ["/maintenance/templates", "maintenance-templates"],
      ["/tasks/templates", "task-templates"],
      ["/notifications", "notifications"],
      ["/settings/notifications", "webhooks"],
      ["/reports/schedules", "report-schedules"],
      ["/vehicle-access", "access-grants"],
    ] as const) {
      await page.goto(`${b.fleet.httpUrl}${path}`)
      await expect.poll(() => page.getByTestId(`${id}-export`).count(), { ...POLL, message: path }).toBe(1)
      // The menu beside a page's own buttons, and above a section's table.
      if (["budgets", "task-templates", "access-grants", "vehicle-readings", "vehicle-trips"].includes(id))
        await b.shot(page, `${id}-export`, { fullPage: false })
    }
    const download = async (id: string, format: string) => {
      await page.getByTestId(`${id}-export`).click()
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId(`${id}-export-${format}`).click(),
      ])
      return readFile((await file.path()) ?? "")
    }
    await page.goto(`${b.fleet.httpUrl}/teams?q=Export`)
    await expect.poll(() => page.getByText("Export crew").count(), POLL).toBeGreaterThan(0)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await download("teams", "xlsx")) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    const cells: Array<string> = []
    sheet?.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ""))))
    expect(cells).toContain("Export crew")
    expect(sheet?.getImages()).toHaveLength(1)
    // A record tab exports the whole list behind it: the vehicle's refuels.
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicle.id}?tab=fuel`)
    await expect.poll(() => page.getByTestId("vehicle-fuel-export").count(), POLL).toBe(1)
    const csv = (await download("vehicle-fuel", "csv")).toString("utf8").replace(/^\uFEFF/u, "")
    const rows = Papa.parse<Array<string>>(csv, { skipEmptyLines: true }).data
    expect(rows).toHaveLength(2)
    expect(rows[1]).toContain("Tab van")
    // The vehicle's trips and stops: its report over the period's days.
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicle.id}?tab=trips`)
    await expect.poll(() => page.getByTestId("vehicle-trips-export").count(), POLL).toBe(1)
    const tripsCsv = (await download("vehicle-trips", "csv")).toString("utf8").replace(/^\uFEFF/u, "")
    expect(tripsCsv.split("\n")[0]).toMatch(/^Vehicle,Plate,Driver,Start/u)
    // A driver's vehicles, by the driver's page.
    await page.goto(`${b.fleet.httpUrl}/drivers/${driver.id}?tab=vehicles`)
    await expect.poll(() => page.getByTestId("driver-assignments-export").count(), POLL).toBe(1)
    const driven = Papa.parse<Array<string>>(
      (await download("driver-assignments", "csv")).toString("utf8").replace(/^\uFEFF/u, ""),
      { skipEmptyLines: true },
    ).data
    expect(driven.slice(1).map((r) => r.slice(0, 3))).toEqual([["Tab van", "TAB 1", "Tab Driver"]])
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicle.id}?tab=fuel`)
    await expect.poll(() => page.getByTestId("vehicle-fuel-export").count(), POLL).toBe(1)
    await page.getByTestId("vehicle-fuel-export").click()
    await expect.poll(() => page.getByTestId("vehicle-fuel-export-pdf").count(), POLL).toBe(1)
    await b.shot(page, "vehicle-fuel-export-en-light", { fullPage: false })
    await page.keyboard.press("Escape")
    const dark = await b.newPage({ colorScheme: "dark" })
    await b.signIn(dark, "admin-ru@exports.test")
    await dark.goto(`${b.fleet.httpUrl}/drivers/${driver.id}?tab=fuel-cards`)
    await expect.poll(() => dark.getByTestId("driver-cards-export").innerText(), POLL).toBe("Экспорт")
    await b.shot(dark, "driver-cards-export-ru-dark", { fullPage: false })
    await dark.goto(`${b.fleet.httpUrl}/geofences`)
    await expect.poll(() => dark.getByTestId("geofences-export").count(), POLL).toBe(1)
    await b.shot(dark, "geofences-export-ru-dark", { fullPage: false })
    expect(b.pageErrors).toEqual([])
  })

  it("reads in the dark and in Russian", async () => {
    for (const [email, scheme, name] of [
      ["admin@exports.test", "dark", "settings-logo-en-dark"],
      ["admin-ru@exports.test", "light", "settings-logo-ru-light"],
      ["admin-ru@exports.test", "dark", "settings-logo-ru-dark"],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme })
      await b.signIn(page, email)
      await page.goto(`${b.fleet.httpUrl}/settings/organisation`)
      const preview = page.getByTestId("org-logo-preview")
      await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth), POLL).toBe(600)
      if (email.startsWith("admin-ru"))
        expect(await page.getByTestId("org-logo-upload").innerText()).toBe("Заменить логотип")
      await b.shot(page, name)
    }
    // The logo heads the contracts' PDF, statuses and types in Russian.
    const token = await b.tokenOf("admin-ru@exports.test")
    const answer = await fetch(`${b.fleet.httpUrl}/api/v1/contracts/export?format=pdf&sort=contractor`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(answer.status).toBe(200)
    const pdf = Buffer.from(await answer.arrayBuffer())
    expect(pdf.toString("latin1")).toMatch(/\/Subtype\s*\/Image/u)
    const text = await pdfText(pdf)
    expect(text).toContain("Договоры")
    expect(text).toContain("Лизинг")
    await shootPdf(b, pdf, "contracts-pdf-ru")
    expect(b.pageErrors).toEqual([])
  })
})
