import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Pages a manager or a driver opens on a phone (390 × 844), in the languages whose words run
 * longest: nothing may push the page wider than the screen (a table, a chart's labels, a long
 * e-mail address, a button's Kazakh label). Photographed into test-results/phone-width/.
 */

const POLL = { timeout: 30_000, interval: 100 }
const PHONE = { width: 390, height: 844 } as const
const LONG_EMAIL = "aigerim.nurlanovna.zhaksylykova-dispatch@qazaqlogistics-almaty.example.kz"

/** How far the page reaches past the screen's right edge, in CSS pixels (0: it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const content = document.querySelector(".frame__content")
    const widest = Math.max(document.documentElement.scrollWidth, content?.scrollWidth ?? 0)
    return widest - window.innerWidth
  })

/**
 * Elements whose right edge is past the screen's, for a failure that says what overflows; not those
 * inside a box that scrolls or clips them (a wide table's own scroller), nor the folded sidebar.
 */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const clipped = (e: Element): boolean => {
      for (let up = e.parentElement; up !== null && up !== document.body; up = up.parentElement)
        if (getComputedStyle(up).overflowX !== "visible") return true
      return false
    }
    return Array.from(document.querySelectorAll("body *"))
      .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((e) => e.closest(".sidebar") === null && !clipped(e))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join(".")}`)
  })

/**
 * A chart's slanted axis labels: the least room between two neighbours along the axis (px) and
 * whether any starts left of the chart (cut off).
 */
const slantedLabels = (page: Page, testId: string) =>
  page.evaluate((id) => {
    const svg = document.querySelector(`[data-testid="${id}"] svg`)
    const labels = Array.from(svg?.querySelectorAll("text") ?? []).filter((t) => {
      const m = t.transform.baseVal.consolidate()?.matrix
      return m !== undefined && Math.abs(m.b) > 0.1
    })
    const rights = labels.map((t) => t.getBoundingClientRect().right).sort((a, b) => a - b)
    const gaps = rights.slice(1).map((r, i) => r - (rights[i] ?? 0))
    const left = svg?.getBoundingClientRect().left ?? 0
    return {
      count: labels.length,
      leastGap: Math.round(Math.min(...gaps)),
      cut: labels.some((t) => t.getBoundingClientRect().left < left - 1),
    }
  }, testId)

describe("pages at phone width", () => {
  let b: BrowserFleet
  let driverId: string

  beforeAll(async () => {
    b = await startBrowserFleet("phone-width", { demoScale: "full" })
    for (const locale of ["en", "ru", "kk"])
      await b.addUser({ email: `manager.${locale}@phone.example`, role: "manager", name: "Manager", locale })
    const token = await b.tokenOf("manager.en@phone.example")
    driverId = (
      await b.api<{ id: string }>(token, "POST", "/api/v1/drivers", {
        fullName: "Айгерим Жаксылыкова",
        email: LONG_EMAIL,
        phone: "+7 701 123 4567",
      })
    ).id
  }, 300_000)

  afterAll(async () => {
    await b?.close()
  })

  const fits = async (page: Page, name: string) => {
    await b.shot(page, name, { fullPage: false })
    expect.soft({ name, overflow: await overflow(page), elements: await overflowing(page) }).toEqual({
      name,
      overflow: 0,
      elements: [],
    })
  }

  for (const locale of ["en", "ru", "kk"] as const)
    it(`fits the notifications, the driver's page and the trips report (${locale})`, async () => {
      const page = await b.newPage({ locale, ...PHONE })
      await b.signIn(page, `manager.${locale}@phone.example`)

      await page.goto(`${b.fleet.httpUrl}/notifications`)
      await page.getByTestId("notifications-mark-all").waitFor()
      await expect
        .poll(() => page.locator("[data-testid=notifications-page] tbody tr").count(), POLL)
        .toBeGreaterThan(0)
      await fits(page, `notifications-${locale}`)

      await page.goto(`${b.fleet.httpUrl}/drivers/${driverId}`)
      await expect.poll(() => page.getByText(LONG_EMAIL).count(), POLL).toBeGreaterThan(0)
      await page.getByText(LONG_EMAIL).first().scrollIntoViewIfNeeded()
      await fits(page, `driver-${locale}`)

      await page.goto(`${b.fleet.httpUrl}/reports/trips?period=lastMonth`)
      await page.getByTestId("report-chart-tripsByDay").locator("svg").waitFor(POLL)
      await page.getByTestId("report-chart-tripsByDay").scrollIntoViewIfNeeded()
      await fits(page, `trips-${locale}`)
      const labels = await slantedLabels(page, "report-chart-tripsByDay")
      expect.soft(labels.count).toBeGreaterThan(3)
      expect.soft(labels.leastGap).toBeGreaterThanOrEqual(22)
      expect.soft(labels.cut).toBe(false)
      expect(b.pageErrors).toEqual([])
    }, 120_000)
})
