import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"

// The dashboard must be built first (`npm run build -w @fleetcore/dashboard`): the server serves dist/.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "notifications")
const POLL = { timeout: 15_000, interval: 100 }

describe("notifications in the browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const orgId = () => fleet.demo?.orgId as string
  /** An alert opened as the engine opens one: the trigger turns it into a notification. */
  const raiseAlert = async (type: string, severity: "warning" | "critical", key: string) => {
    await fleet.db.system.query(
      "INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, details) VALUES ($1, NULL, $2, $3, $4, now(), now(), $5)",
      [orgId(), type, key, severity, JSON.stringify({ speedKmh: 131, limitKmh: 90 })],
    )
  }

  const newPage = async (options: { colorScheme: "light" | "dark"; locale: "en" | "ru" }) => {
    const context = await browser.newContext({
      locale: options.locale === "ru" ? "ru-RU" : "en-GB",
      colorScheme: options.colorScheme,
      viewport: { width: 1280, height: 800 },
    })
    // The dashboard speaks the signed-in user's language.
    await fleet.db.system.query("UPDATE users SET locale = $1 WHERE email = $2", [
      options.locale,
      fleet.demo?.email,
    ])
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("login-email").fill(fleet.demo?.email ?? "")
    await page.getByTestId("login-password").fill(fleet.demo?.password ?? "")
    await page.getByTestId("login-submit").click()
    await page.getByTestId("notification-bell").waitFor()
    return page
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir, `${name}.png`) })
  const count = (page: Page) =>
    page
      .getByTestId("notification-count")
      .textContent({ timeout: 200 })
      .catch(() => null)

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-notify-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("counts a new alert on the bell live, lists it in the inbox, and marks it read", async () => {
    const page = await newPage({ colorScheme: "light", locale: "en" })
    expect(await count(page)).toBeNull()
    // Wait until the live socket is up before raising, so the update comes through it (no reload).
    await page.waitForTimeout(1_000)
    await raiseAlert("overspeed", "critical", "browser-1")
    await expect.poll(() => count(page), POLL).toBe("1")
    await raiseAlert("low_battery", "warning", "browser-2")
    await expect.poll(() => count(page), POLL).toBe("2")
    await shot(page, "bell-light-en")
    await page.getByTestId("notification-bell").click()
    await page.getByTestId("notifications-page").waitFor()
    await expect.poll(() => page.getByTestId("notification-row").count(), POLL).toBe(2)
    expect(await page.getByTestId("notification-row").first().textContent()).toContain("Low battery")
    // The Type column names the type in words, not its code.
    expect(await page.getByTestId("notification-type").first().textContent()).toBe("Low battery")
    expect(await page.getByTestId("notifications-page").textContent()).not.toContain("low_battery")
    await shot(page, "inbox-light-en")
    await page.getByTestId("notification-mark-read").first().click()
    await expect.poll(() => count(page), POLL).toBe("1")
    await page.getByTestId("notifications-mark-all").click()
    await expect.poll(() => count(page), POLL).toBeNull()
    await expect.poll(() => page.getByTestId("notification-mark-read").count(), POLL).toBe(0)
  })

  it("shows the inbox, preferences and channels in Russian and dark", async () => {
    await raiseAlert("geofence_enter", "warning", "browser-3")
    await raiseAlert("fuel_refuel_mismatch", "warning", "browser-4")
    const page = await newPage({ colorScheme: "dark", locale: "ru" })
    await expect.poll(() => count(page), POLL).toBe("2")
    await page.getByTestId("notification-bell").click()
    await expect.poll(() => page.getByTestId("notification-row").count(), POLL).toBe(4)
    expect(await page.getByTestId("notifications-page").textContent()).toContain("Уведомления")
    expect(await page.getByTestId("notification-type").allTextContents()).toContain(
      "Заправка без подъёма по датчику",
    )
    // At 1280 px a long Russian title wraps whole: nothing of it is cut off.
    const cut = await page
      .getByTestId("notification-row")
      .locator("strong")
      .evaluateAll((titles) => titles.filter((t) => t.scrollWidth > t.clientWidth + 1).length)
    expect(cut).toBe(0)
    await shot(page, "inbox-dark-ru")
    await page.getByTestId("notification-preferences").click()
    await page.getByTestId("notification-preferences-form").waitFor()
    // Types are labelled checkboxes: not every type in the dashboard, no overspeed by e-mail.
    await page.getByTestId("prefs-in-app-types-all").uncheck()
    await page.getByTestId("prefs-in-app-types-overspeed").uncheck()
    await page.getByTestId("prefs-email-types-all").uncheck()
    for (const type of ["overspeed", "geofence_enter", "licence_expiry"])
      expect(await page.getByTestId(`prefs-email-types-${type}`).isChecked()).toBe(true)
    await page.getByTestId("prefs-quiet").check()
    // Quiet hours are in the user's zone, set on the profile; without one, the organisation's.
    expect(await page.getByTestId("prefs-quiet-zone").textContent()).toContain("Asia/Almaty")
    await page.getByTestId("prefs-save").click()
    const saved = async () =>
      (
        await fleet.db.system.query<{ in_app_types: string[] | null; email_types: string[] | null }>(
          "SELECT in_app_types, email_types FROM notification_preferences",
        )
      ).rows[0]
    await expect.poll(saved, POLL).toBeDefined()
    const prefs = await saved()
    expect(prefs?.in_app_types).not.toContain("overspeed")
    expect(prefs?.in_app_types).toContain("licence_expiry")
    expect(prefs?.email_types).toContain("overspeed")
    await shot(page, "preferences-dark-ru")
    // The page loads what was saved into the checkboxes.
    await page.reload()
    await page.getByTestId("notification-preferences-form").waitFor()
    expect(await page.getByTestId("prefs-in-app-types-all").isChecked()).toBe(false)
    expect(await page.getByTestId("prefs-in-app-types-overspeed").isChecked()).toBe(false)
    expect(await page.getByTestId("prefs-in-app-types-budget_threshold").isChecked()).toBe(true)
    expect(await page.getByTestId("prefs-telegram-types").count()).toBe(0)
    await page.goto(`${fleet.httpUrl}/settings/notifications`)
    await page.getByTestId("notification-channels-form").waitFor()
    await page.getByTestId("webhook-new").click()
    await page.getByTestId("webhook-name").fill("Диспетчерская")
    await page.getByTestId("webhook-url").fill("http://127.0.0.1:9/fleet")
    await page.getByTestId("webhook-secret").fill("whsec-browser-0123456789")
    await page.getByTestId("webhook-save").click()
    await expect.poll(() => page.getByTestId("webhook-log").count(), POLL).toBe(1)
    await shot(page, "channels-dark-ru")
  })

  it("shows the channels page in English and light", async () => {
    const page = await newPage({ colorScheme: "light", locale: "en" })
    await page.goto(`${fleet.httpUrl}/settings/notifications`)
    await page.getByTestId("notification-channels-form").waitFor()
    await page.getByTestId("channels-email").check()
    await page.getByTestId("channels-smtp-host").fill("smtp.example.com")
    await page.getByTestId("channels-smtp-password").fill("smtp-secret-value")
    await page.getByTestId("channels-save").click()
    await expect
      .poll(() => page.getByTestId("channels-smtp-password").locator("xpath=..").textContent(), POLL)
      .toContain("Stored encrypted")
    expect(await page.getByTestId("channels-smtp-password").inputValue()).toBe("")
    await page.getByTestId("webhook-log").click()
    await page.getByTestId("delivery-log").waitFor()
    await shot(page, "channels-light-en")
    await page.goto(`${fleet.httpUrl}/notifications/preferences`)
    await page.getByTestId("notification-preferences-form").waitFor()
    await page.getByTestId("prefs-telegram").check()
    await page.getByTestId("prefs-telegram-types-all").uncheck()
    await page.getByTestId("prefs-telegram-types-low_battery").uncheck()
    expect(await page.getByTestId("prefs-telegram-types").textContent()).toContain("Driving licence expiring")
    await shot(page, "preferences-light-en")
    expect(pageErrors).toEqual([])
  })

  it("names the geofence of an entered or left geofence alert on the bell, as the alerts pages do", async () => {
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: fleet.demo?.email, password: fleet.demo?.password }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    const created = await fetch(`${fleet.httpUrl}/api/v1/geofences`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Almaty depot", kind: "circle", lat: 43.3, lon: 77.0, radiusM: 300 }),
    })
    const fence = (await created.json()) as { id: string }
    for (const [locale, scheme, type, title] of [
      ["en", "light", "geofence_enter", "Geofence entered · Almaty depot"],
      ["ru", "dark", "geofence_exit", "Выезд из геозоны · Almaty depot"],
    ] as const) {
      const page = await newPage({ colorScheme: scheme, locale })
      await page.waitForTimeout(1_000)
      await raiseAlert(type, "warning", fence.id)
      // The toast the bell shows as it arrives, and the inbox's row.
      await expect
        .poll(() => page.getByTestId("toast").allTextContents(), POLL)
        .toEqual(expect.arrayContaining([expect.stringContaining(title)]))
      await shot(page, `bell-geofence-${locale}-${scheme}`)
      await page.getByTestId("notification-bell").click()
      await expect
        .poll(() => page.getByTestId("notification-row").first().textContent(), POLL)
        .toContain(title)
      await shot(page, `inbox-geofence-${locale}-${scheme}`)
    }
    expect(pageErrors).toEqual([])
  })
})
