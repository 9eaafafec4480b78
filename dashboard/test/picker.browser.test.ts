import type { RunningFleetCore } from "@fleetcore/server"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * The vehicle picker (`ui/form/RecordPicker.tsx`) in a fleet larger than any list page: 250
 * vans, so "Van 245" lies beyond the first 200 by name that the old selects offered. Typing
 * searches the server, arrows and Enter choose, Escape puts the chosen label back, and a vehicle
 * chosen in the URL shows its label though no search found it. Photographed open in light and
 * dark, English and Russian (test-results/picker/).
 */

const POLL = { timeout: 15_000, interval: 100 }
const VANS = 250

describe("the vehicle picker", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  const vanIds = new Map<number, string>()

  const open = async (email: string, colorScheme: "light" | "dark" = "light"): Promise<Page> => {
    const page = await b.newPage({ colorScheme })
    await b.signIn(page, email)
    return page
  }
  const options = (page: Page, testId: string) => page.getByTestId(`${testId}-list`).getByRole("option")
  beforeAll(async () => {
    b = await startBrowserFleet("picker")
    fleet = b.fleet
    const org = b.orgId
    for (const [email, locale] of [
      ["manager.en@picker.example", "en"],
      ["manager.ru@picker.example", "ru"],
    ] as const)
      await b.addUser({ email, role: "manager", name: "Manager", locale })
    const vans = await fleet.db.system.query<{ id: string; n: number }>(
      `INSERT INTO vehicles (org_id, name, plate)
       SELECT $1, 'Van ' || lpad(n::text, 3, '0'), 'KZ ' || lpad(n::text, 4, '0') FROM generate_series(1, $2::int) n
       RETURNING id, substring(name from 5)::int AS n`,
      [org, VANS],
    )
    for (const van of vans.rows) vanIds.set(van.n, van.id)
  }, 180_000)

  afterAll(async () => {
    await b?.close()
  })

  it("typing narrows the choices on the server; arrows and Enter choose; Escape keeps the choice", async () => {
    const page = await open("manager.en@picker.example")
    await page.goto(`${fleet.httpUrl}/expenses/new`)
    const input = page.getByTestId("expense-vehicle")
    await input.click()
    // Opened without a search: the first vehicles by name, 20 of them, not all 250.
    await expect.poll(() => options(page, "expense-vehicle").count(), POLL).toBe(20)
    expect(await options(page, "expense-vehicle").first().textContent()).toBe("Van 001 · KZ 0001")

    await input.fill("Van 245")
    await expect
      .poll(() => options(page, "expense-vehicle").allTextContents(), POLL)
      .toEqual(["Van 245 · KZ 0245"])
    await input.fill("Van 24")
    await expect.poll(() => options(page, "expense-vehicle").count(), POLL).toBe(10)
    await input.press("ArrowDown")
    await input.press("ArrowDown")
    await input.press("Enter")
    await expect.poll(() => input.inputValue(), POLL).toBe("Van 241 · KZ 0241")
    expect(await page.getByTestId("expense-vehicle-list").count()).toBe(0)

    // Escape while searching closes the list and puts the chosen vehicle back.
    await input.fill("KZ 0007")
    await expect
      .poll(() => options(page, "expense-vehicle").allTextContents(), POLL)
      .toEqual(["Van 007 · KZ 0007"])
    await input.press("Escape")
    await expect.poll(() => input.inputValue(), POLL).toBe("Van 241 · KZ 0241")

    await input.fill("no such van")
    await expect
      .poll(() => page.getByTestId("expense-vehicle-note").textContent(), POLL)
      .toBe("No vehicle matches")
    await input.press("Escape")
    expect(b.pageErrors).toEqual([])
  })

  it("a filter shows a vehicle beyond the first 200 by its label, and 'All vehicles' clears it", async () => {
    const page = await open("manager.en@picker.example")
    const van245 = vanIds.get(245) as string
    await page.goto(`${fleet.httpUrl}/expenses?vehicleId=${van245}`)
    const filter = page.getByTestId("expenses-filter-vehicle")
    await expect.poll(() => filter.inputValue(), POLL).toBe("Van 245 · KZ 0245")

    await filter.click()
    await expect.poll(() => options(page, "expenses-filter-vehicle").count(), POLL).toBe(21)
    await options(page, "expenses-filter-vehicle").first().click()
    await expect.poll(() => new URL(page.url()).searchParams.get("vehicleId"), POLL).toBeNull()
    await expect.poll(() => filter.inputValue(), POLL).toBe("All vehicles")

    await filter.click()
    await filter.fill("0250")
    await options(page, "expenses-filter-vehicle").filter({ hasText: "Van 250" }).click()
    await expect
      .poll(() => new URL(page.url()).searchParams.get("vehicleId"), POLL)
      .toBe(vanIds.get(250) as string)
    expect(b.pageErrors).toEqual([])
  })

  it("is photographed open in light English and in dark Russian", async () => {
    for (const [email, lang, scheme] of [
      ["manager.en@picker.example", "en", "light"],
      ["manager.ru@picker.example", "ru", "dark"],
    ] as const) {
      const page = await open(email, scheme)
      await page.goto(`${fleet.httpUrl}/contracts/new`)
      const input = page.getByTestId("contract-vehicle")
      await input.click()
      await input.fill("Van 2")
      await expect
        .poll(() => options(page, "contract-vehicle").first().textContent(), POLL)
        .toBe("Van 200 · KZ 0200")
      await expect.poll(() => options(page, "contract-vehicle").count(), POLL).toBe(20)
      await input.press("ArrowDown")
      await b.shot(page, `open-${lang}-${scheme}`)
      await page.close()
    }
    expect(b.pageErrors).toEqual([])
  })
})
