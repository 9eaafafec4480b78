import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"

/*
 * The dashboard speaks the organisation's time zone, not the browser's: a browser set to New York
 * (UTC-5/-4) signed in to an organisation in Almaty (UTC+5) sees a task due at 03:30 UTC as 08:30,
 * the Almaty wall clock a report of the organisation would print; a due time typed into a
 * datetime-local input is stored as the instant it means in Almaty; a user who sets their own zone
 * in the profile (Istanbul, UTC+3) sees times there instead. Screenshots (light/dark, en/ru, phone)
 * go to test-results/time-zones/. The dashboard must be built first.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "time-zones")
const PASSWORD = "Quartz-Meadow-4821"
const POLL = { timeout: 30_000, interval: 250 }
const BROWSER_ZONE = "America/New_York"
/** 12 March 2027, 03:30 UTC: 08:30 in Almaty, 06:30 in Istanbul, 22:30 the day before in New York. */
const DUE = "2027-03-12T03:30:00.000Z"

/** Intl's spaces (a narrow no-break space before "AM" in newer data) as plain ones. */
const plain = (text: string | null): string => (text ?? "").replace(/\s+/gu, " ").trim()

describe("times in the organisation's zone, in a browser elsewhere", () => {
  let dataDir: string
  let fleet: RunningFleetCore
  let browser: Browser
  let adminToken = ""
  let taskId = ""
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const api = async <T>(method: string, path: string, body?: unknown, token = adminToken): Promise<T> => {
    const res = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const newPage = async (
    colorScheme: "light" | "dark" = "light",
    viewport = { width: 1280, height: 900 },
  ): Promise<Page> => {
    const context = await browser.newContext({
      locale: "en-US",
      timezoneId: BROWSER_ZONE,
      colorScheme,
      viewport,
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    return page
  }
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("login-email").fill(email)
    await page.getByTestId("login-password").fill(PASSWORD)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("home").waitFor()
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })
  const dueShown = async (page: Page) => {
    await page.goto(`${fleet.httpUrl}/tasks/${taskId}`)
    await expect
      .poll(async () => plain(await page.locator(".task-facts__list").textContent()), POLL)
      .toContain("2027")
    return plain(await page.locator(".task-facts__list").textContent())
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-zones-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    const demo = fleet.demo
    if (!demo) throw new Error("the server seeded no demo organisation")
    for (const [email, name, locale] of [
      ["manager@zones.test", "Marat Manager", "en"],
      ["traveller@zones.test", "Tamara Traveller", "en"],
      ["manager-ru@zones.test", "Мария Менеджер", "ru"],
    ] as const)
      await fleet.db.system.query(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, 'manager', $5)",
        [demo.orgId, email, name, await hashSecret(PASSWORD), locale],
      )
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: demo.email, password: demo.password }),
    })
    adminToken = ((await login.json()) as { accessToken: string }).accessToken
    await api("PATCH", "/api/v1/organisation", { settings: { timezone: "Asia/Almaty" } })
    taskId = (
      await api<{ id: string }>("POST", "/api/v1/tasks", { title: "Inspect the tow truck", dueAt: DUE })
    ).id
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("shows a task's due time on Almaty's wall clock in the list and on its page, and says so", async () => {
    const page = await newPage()
    await signIn(page, "manager@zones.test")
    // The browser really is in New York: its own clock would say 10:30 PM on the 11th.
    expect(await page.evaluate((due) => new Date(due).getHours(), DUE)).toBe(22)
    await page.goto(`${fleet.httpUrl}/tasks`)
    const row = page.getByRole("row").filter({ hasText: "Inspect the tow truck" })
    await expect.poll(async () => plain(await row.textContent()), POLL).toContain("Mar 12, 2027, 8:30:00 AM")
    expect(await dueShown(page)).toContain("Mar 12, 2027, 8:30:00 AM")
    // The top bar names the zone, since it is not the browser's.
    await expect
      .poll(async () => plain(await page.getByTestId("zone-badge").textContent()), POLL)
      .toContain("Almaty (GMT+5)")
    await shot(page, "task-en-light")
    expect(pageErrors).toEqual([])
  }, 120_000)

  it("stores a due time typed into a datetime-local input as the instant it means in Almaty", async () => {
    const page = await newPage()
    await signIn(page, "manager@zones.test")
    await page.goto(`${fleet.httpUrl}/tasks/new`)
    await page.getByTestId("task-title").fill("Collect the trailer")
    // 20 March 2027 09:00 in Almaty is 04:00 UTC (New York's 09:00 would be 13:00 UTC).
    await page.getByTestId("task-form").locator('input[type="datetime-local"]').fill("2027-03-20T09:00")
    await page.getByTestId("task-submit").click()
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/u)
    const id = page.url().split("/").pop() ?? ""
    expect((await api<{ dueAt: string }>("GET", `/api/v1/tasks/${id}`)).dueAt).toBe(
      "2027-03-20T04:00:00.000Z",
    )
    await expect
      .poll(async () => plain(await page.locator(".task-facts__list").textContent()), POLL)
      .toContain("Mar 20, 2027, 9:00:00 AM")
  }, 120_000)

  it("lets a user choose their own zone in the profile, which then wins over the organisation's", async () => {
    const page = await newPage()
    await signIn(page, "traveller@zones.test")
    await page.goto(`${fleet.httpUrl}/profile`)
    await expect
      .poll(async () => plain(await page.getByTestId("profile-timezone-org").textContent()), POLL)
      .toContain("Asia/Almaty")
    await page.getByTestId("profile-timezone").fill("Istanbul")
    await page.getByRole("option", { name: "Europe/Istanbul", exact: true }).click()
    await page.getByTestId("profile-timezone-save").click()
    await page.getByTestId("profile-timezone-clear").waitFor()
    await shot(page, "profile-en-light")
    // Kept in the profile (every browser of the user follows), not in this page.
    const me = await fetch(`${fleet.httpUrl}/api/v1/me`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
    })
    expect(((await me.json()) as { timeZone: string | null }).timeZone).toBe("Europe/Istanbul")
    expect(await dueShown(page)).toContain("Mar 12, 2027, 6:30:00 AM")
    await expect
      .poll(async () => plain(await page.getByTestId("zone-badge").textContent()), POLL)
      .toContain("Istanbul (GMT+3)")
    // A typed time is read in the user's own zone too: 09:00 in Istanbul is 06:00 UTC.
    await page.goto(`${fleet.httpUrl}/tasks/new`)
    await page.getByTestId("task-title").fill("Meet the buyer")
    await page.getByTestId("task-form").locator('input[type="datetime-local"]').fill("2027-03-20T09:00")
    await page.getByTestId("task-submit").click()
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/u)
    const id = page.url().split("/").pop() ?? ""
    expect((await api<{ dueAt: string }>("GET", `/api/v1/tasks/${id}`)).dueAt).toBe(
      "2027-03-20T06:00:00.000Z",
    )
    // Back to the organisation's zone.
    await page.goto(`${fleet.httpUrl}/profile`)
    await page.getByTestId("profile-timezone-clear").click()
    await page.getByTestId("profile-timezone-org").waitFor()
    expect(await dueShown(page)).toContain("Mar 12, 2027, 8:30:00 AM")
    expect(pageErrors).toEqual([])
  }, 120_000)

  it("looks right in Russian, in the dark and at phone width", async () => {
    const dark = await newPage("dark")
    await signIn(dark, "manager-ru@zones.test")
    await dark.goto(`${fleet.httpUrl}/profile`)
    await dark.getByTestId("profile-time-zone").waitFor()
    await expect
      .poll(async () => plain(await dark.getByTestId("zone-badge").textContent()), POLL)
      .toContain("Almaty (GMT+5)")
    await shot(dark, "profile-ru-dark")
    const phone = await newPage("light", { width: 390, height: 844 })
    await signIn(phone, "manager-ru@zones.test")
    await phone.goto(`${fleet.httpUrl}/tasks/${taskId}`)
    await expect
      .poll(async () => plain(await phone.locator(".task-facts__list").textContent()), POLL)
      .toContain("08:30:00")
    await phone.getByTestId("zone-badge").waitFor()
    // Nothing pushes the page sideways at phone width.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await shot(phone, "task-ru-phone")
    await phone.goto(`${fleet.httpUrl}/profile`)
    await phone.getByTestId("profile-time-zone").waitFor()
    await shot(phone, "profile-ru-phone")
    expect(pageErrors).toEqual([])
  }, 120_000)
})
