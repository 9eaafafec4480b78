import { ROLE_PERMISSIONS } from "@fleetcore/contract"
import axe from "axe-core"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { MENU, mayOpen } from "../src/frame/menu.js"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Accessibility, checked by axe-core (WCAG 2.1 A and AA, and axe's best practices) on every page of
 * the menu an owner may open, on a record page of each kind, on the
 * sign-in page, on a delete confirmation and on the driver's pages at phone width: in light English
 * and in dark Russian, where colours and words differ. A violation fails with its rule, the element
 * and axe's reason.
 * The dashboard must be built first.
 */
const RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
/** Lists whose first row links to a record page. */
const RECORDS = [
  "/vehicles",
  "/drivers",
  "/alerts",
  "/contracts",
  "/penalties",
  "/expenses",
  "/incidents",
  "/tickets",
  "/tasks",
  "/teams",
  "/users",
]
const VIEWS = [
  { locale: "en", scheme: "light" },
  { locale: "ru", scheme: "dark" },
] as const

interface Violation {
  readonly rule: string
  readonly impact: string | null
  readonly elements: ReadonlyArray<string>
}

describe("accessibility of the dashboard", () => {
  let b: BrowserFleet

  /** Opens a page as a link does and waits until it settled: its heading shown, nothing loading. */
  const open = async (page: Page, path: string) => {
    await b.visit(page, path)
    await page.locator("h1").first().waitFor()
    await page.waitForFunction(
      () => document.querySelector('.skeleton, [aria-busy="true"], [data-state="loading"]') === null,
      undefined,
      { timeout: 15_000 },
    )
  }

  /** Axe's violations on a page, each with the page, its rule and the elements. */
  const violationsOn = async (page: Page, path: string): Promise<ReadonlyArray<string>> => {
    await open(page, path)
    return violationsAsShown(page, path)
  }

  /** Axe's violations on what the page shows now (a dialog open, say), labelled `what`. */
  const violationsAsShown = async (page: Page, what: string): Promise<ReadonlyArray<string>> => {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source })
    const found = await page.evaluate(async (tags) => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
      })
      return result.violations.map(
        (v): Violation => ({
          rule: `${v.id} (${v.help})`,
          impact: v.impact ?? null,
          elements: v.nodes.map(
            (n) => `${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/gu, " ")}`,
          ),
        }),
      )
    }, RULES)
    return found.map((v) => `${what} ${v.impact} ${v.rule}\n  ${v.elements.join("\n  ")}`)
  }

  beforeAll(async () => {
    b = await startBrowserFleet("accessibility")
    for (const { locale } of VIEWS) {
      await b.addUser({ email: `a11y-owner-${locale}@ui.test`, role: "owner", name: "Aigerim Owner", locale })
      await b.addUser({
        email: `a11y-driver-${locale}@ui.test`,
        role: "driver",
        name: "Daulet Driver",
        locale,
      })
    }
    // One record of each kind the lists open, through the API as a manager would enter them.
    const token = await b.tokenOf("a11y-owner-en@ui.test")
    const post = <T>(path: string, body: unknown) => b.api<T>(token, "POST", path, body)
    const vehicle = await post<{ id: string }>("/api/v1/vehicles", { name: "Sprinter 4", plate: "A11 004" })
    const driver = await post<{ id: string }>("/api/v1/drivers", {
      fullName: "Ерлан Сапаров",
      licenceExpiresOn: "2028-03-31",
    })
    await post(`/api/v1/vehicles/${vehicle.id}/assignments`, {
      driverId: driver.id,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    })
    await post("/api/v1/expenses", {
      vehicleId: vehicle.id,
      category: "fuel",
      amount: "15000.00",
      date: new Date().toISOString().slice(0, 10),
      litres: 60,
      odometerKm: 50_000,
      vendor: "Helios",
    })
    await post("/api/v1/tasks", {
      title: "Deliver the spare wheel",
      vehicleId: vehicle.id,
      driverId: driver.id,
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    })
    await post("/api/v1/contracts", {
      vehicleId: vehicle.id,
      type: "leasing",
      contractor: "Astana Leasing",
      startDate: "2025-01-01",
      endDate: "2029-12-31",
      amount: "150000.00",
      currency: "KZT",
      paymentFrequency: "monthly",
    })
    await post("/api/v1/penalties", {
      vehicleId: vehicle.id,
      amount: "30000.00",
      currency: "KZT",
      offenceAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      reason: "Speeding, 20 km/h over",
    })
  })
  afterAll(async () => {
    await b?.close()
  })

  for (const { locale, scheme } of VIEWS) {
    it(`has no violations on the owner's pages and records (${locale}, ${scheme})`, async () => {
      const page = await b.newPage({ colorScheme: scheme, locale })
      await b.signIn(page, `a11y-owner-${locale}@ui.test`)
      // Entries placed nowhere only guard their records' pages (`/service-visits/:id`): no page of
      // their own to open.
      const paths = MENU.filter(
        (item) =>
          !item.path.includes(":") &&
          item.placement !== "none" &&
          mayOpen(item.access, [...ROLE_PERMISSIONS.owner]),
      ).map((item) => item.path)
      expect(paths.length).toBeGreaterThan(25)
      const violations: string[] = []
      for (const path of paths) violations.push(...(await violationsOn(page, path)))
      // A record of each kind: the first row of its list, opened as a user does.
      const records: string[] = []
      for (const list of RECORDS) {
        await open(page, list)
        const row = page.locator("main .data-table__row--link").first()
        if ((await row.count()) === 0) continue
        await row.click()
        await page.waitForURL(new RegExp(`${list}/[0-9a-f-]{36}$`, "u"))
        records.push(new URL(page.url()).pathname)
      }
      expect(records.length, `record pages found: ${records.join(", ")}`).toBeGreaterThanOrEqual(8)
      for (const path of records) violations.push(...(await violationsOn(page, path)))
      // A destructive confirmation open over a record: the danger colour, the alert dialog.
      await open(page, records.find((path) => path.startsWith("/drivers/")) ?? "/drivers")
      await page.getByTestId("driver-delete").click()
      await page.getByTestId("confirm-dialog").waitFor()
      violations.push(...(await violationsAsShown(page, "the driver's delete confirmation")))
      expect(violations).toEqual([])
      expect(b.pageErrors).toEqual([])
    })

    it(`has no violations on sign-in and the driver's phone pages (${locale}, ${scheme})`, async () => {
      const signedOut = await b.newPage({ colorScheme: scheme, locale })
      await signedOut.goto(`${b.fleet.httpUrl}/login`)
      const violations = [...(await violationsOn(signedOut, "/login"))]
      const phone = await b.newPage({ colorScheme: scheme, locale, width: 390, height: 844 })
      await b.signIn(phone, `a11y-driver-${locale}@ui.test`)
      for (const path of ["/driver", "/driver/my-vehicle", "/profile"])
        violations.push(...(await violationsOn(phone, path)))
      expect(violations).toEqual([])
      expect(b.pageErrors).toEqual([])
    })
  }
})
