import { createHash, randomBytes } from "node:crypto"
import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { ROLE_PERMISSIONS } from "@fleetcore/contract"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import * as OTPAuth from "otpauth"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { visibleMenu } from "../src/frame/menu.js"
import { launchChromium } from "./launchChromium.js"

// The dashboard must be built first (`npm run build -w @fleetcore/dashboard`): the server serves dist/.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "frame")
const PASSWORD = "Tundra-Lantern-4821"

describe("the dashboard's frame in a browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const orgId = () => {
    if (!fleet.demo) throw new Error("the server seeded no demo organisation")
    return fleet.demo.orgId
  }

  /** A user written straight into the database (as an admin's invitation would, without the e-mail). */
  const insertUser = async (role: string, email: string, options: { locale?: string; org?: string } = {}) => {
    const rows = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      [
        options.org ?? orgId(),
        email,
        `Test ${role}`,
        await hashSecret(PASSWORD),
        role,
        options.locale ?? "en",
      ],
    )
    return rows.rows[0]?.id as string
  }

  const newPage = async (
    options: { colorScheme?: "light" | "dark"; width?: number; height?: number } = {},
  ) => {
    const context = await browser.newContext({
      locale: "en-GB",
      colorScheme: options.colorScheme ?? "light",
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    return page
  }

  const signIn = async (page: Page, email: string, password = PASSWORD) => {
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("login-email").fill(email)
    await page.getByTestId("login-password").fill(password)
    await page.getByTestId("login-submit").click()
  }

  const navIds = (page: Page) =>
    page
      .locator('[data-testid="sidebar"] [data-testid^="nav-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")))

  const shot = (page: Page, name: string, fullPage = false) =>
    page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage })
  /** The frame scrolls inside on a desktop: a tall window shows a long page whole. */
  const tallShot = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 1280, height: 1500 })
    await shot(page, name)
    await page.setViewportSize({ width: 1280, height: 800 })
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-frame-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 2, simulatorIntervalMs: 1_000 })
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("signs in with cookies: nothing of the session in script-readable storage", async () => {
    const page = await newPage()
    await page.goto(`${fleet.httpUrl}/audit`)
    // Not signed in: the login page, remembering where to go back to.
    await page.getByTestId("login-form").waitFor()
    expect(new URL(page.url()).searchParams.get("next")).toBe("/audit")
    await page.getByTestId("login-email").fill(fleet.demo?.email ?? "")
    await page.getByTestId("login-password").fill(fleet.demo?.password ?? "")
    await page.getByTestId("login-submit").click()
    await page.getByTestId("audit-table").waitFor()
    expect(new URL(page.url()).pathname).toBe("/audit")

    const cookies = await page.context().cookies()
    const byName = new Map(cookies.map((c) => [c.name, c]))
    expect(byName.get("fleet_session")?.httpOnly).toBe(true)
    expect(byName.get("fleet_refresh")?.httpOnly).toBe(true)
    expect(byName.get("fleet_csrf")?.httpOnly).toBe(false)
    const stored = await page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }))
    expect(Object.keys(stored.session)).toEqual([])
    expect(
      Object.keys(stored.local).every((key) => key === "fleetcore.theme" || key === "fleetcore.locale"),
    ).toBe(true)
    expect(JSON.stringify(stored)).not.toContain(byName.get("fleet_session")?.value ?? "-")

    // The audit page is the data table's first user: rows, row click to the entry, URL state.
    await expect.poll(() => page.getByTestId("audit-row").count()).toBeGreaterThan(0)
    await page.getByTestId("audit-sort-at").click()
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("at")
    await page.reload()
    await page.getByTestId("audit-table").waitFor()
    expect(await page.getByTestId("audit-sort-at").locator("xpath=..").getAttribute("aria-sort")).toBe(
      "ascending",
    )
    await page.getByTestId("audit-row").first().click()
    await page.getByTestId("audit-entry").waitFor()
    await page.keyboard.press("Escape")
    // Filters by action and by who, kept in the URL.
    await page.getByTestId("audit-filter-action").fill("auth.login")
    await page.getByTestId("audit-filter-action").press("Tab")
    await expect.poll(() => new URL(page.url()).searchParams.get("action")).toBe("auth.login")
    await expect
      .poll(async () => {
        const texts = await page.getByTestId("audit-row").allTextContents()
        return texts.length > 0 && texts.every((text) => text.includes("auth.login"))
      })
      .toBe(true)
    const who = page.getByTestId("audit-filter-user")
    await expect.poll(() => who.locator("option").count()).toBeGreaterThan(1)
    await who.selectOption({ index: 1 })
    await expect.poll(() => new URL(page.url()).searchParams.get("user")).not.toBeNull()
    await page.getByTestId("audit-filter-action").fill("no.such.action")
    await page.getByTestId("audit-filter-action").press("Tab")
    await expect.poll(() => page.getByTestId("audit-row").count()).toBe(0)

    // A reload keeps the session (cookies), and signing out ends it.
    await page.goto(`${fleet.httpUrl}/`)
    await page.getByTestId("home").waitFor()
    await page.getByTestId("user-menu").click()
    await page.getByTestId("logout").click()
    await page.getByTestId("login-form").waitFor()
    await page.goto(`${fleet.httpUrl}/`)
    await page.getByTestId("login-form").waitFor()
  })

  it("shows each role only its menu, and a typed-in page it may not open says so", async () => {
    await insertUser("driver", "driver@frame.test")
    const driver = await newPage()
    await signIn(driver, "driver@frame.test")
    await driver.getByTestId("home").waitFor()
    expect(await navIds(driver)).toEqual(
      visibleMenu([...ROLE_PERMISSIONS.driver], "main").map((item) => `nav-${item.id}`),
    )
    expect(await driver.getByTestId("recent-activity").count()).toBe(0)
    await driver.goto(`${fleet.httpUrl}/audit`)
    await driver.getByTestId("not-allowed").waitFor()
    expect(await driver.getByTestId("audit-table").count()).toBe(0)

    const admin = await newPage()
    await signIn(admin, fleet.demo?.email ?? "", fleet.demo?.password ?? "")
    await admin.getByTestId("home").waitFor()
    const adminNav = await navIds(admin)
    expect(adminNav).toEqual(expect.arrayContaining(["nav-home", "nav-live", "nav-users", "nav-audit"]))
    expect(adminNav).not.toContain("nav-organisations")
    await admin.getByTestId("recent-activity").waitFor()
    // An admin has no organisation selector; only the owner does.
    expect(await admin.getByTestId("org-switcher").count()).toBe(0)
  })

  it("lets the owner switch organisations from the top bar", async () => {
    const other = await fleet.db.system.query<{ id: string }>(
      "INSERT INTO organisations (name, slug) VALUES ('Steppe Logistics', 'steppe') RETURNING id",
    )
    await fleet.db.system.query(
      "INSERT INTO vehicles (org_id, name, plate) VALUES ($1, 'Steppe truck', '001 STP 02')",
      [other.rows[0]?.id],
    )
    await insertUser("owner", "owner@frame.test")
    const page = await newPage()
    await signIn(page, "owner@frame.test")
    await page.getByTestId("org-switcher").waitFor()
    const before = await page.getByTestId("org-name").textContent()
    await page.goto(`${fleet.httpUrl}/vehicles`)
    const names = page.getByTestId("vehicle-row-name")
    await names.first().waitFor()
    expect(await names.allTextContents()).not.toContain("Steppe truck")
    await page.getByTestId("org-switcher").click()
    await page.locator(`[data-testid="org-option"][data-name="Steppe Logistics"]`).click()
    await expect.poll(() => page.getByTestId("org-name").textContent()).toBe("Steppe Logistics")
    expect(before).not.toBe("Steppe Logistics")
    // The page on screen shows the organisation switched to, not the one before, without a reload.
    await expect.poll(() => names.allTextContents()).toEqual(["Steppe truck"])
  })

  it("edits the profile, keeps language and theme in it, and changes the password", async () => {
    await insertUser("manager", "manager@frame.test")
    const page = await newPage()
    await signIn(page, "manager@frame.test")
    await page.getByTestId("home").waitFor()
    await page.getByTestId("user-menu").click()
    await page.getByTestId("menu-profile").click()
    await page.getByTestId("profile-form").waitFor()

    await page.getByTestId("profile-name").fill("Aigerim Manager")
    await page.getByTestId("profile-phone").fill("8 701")
    await page.getByTestId("field-error-phone").waitFor()
    await page.getByTestId("profile-phone").fill("+7 701 123 4567")
    await page.getByTestId("profile-save").click()
    await page.locator('[data-testid="toast"][data-kind="success"]').first().waitFor()

    await page.getByTestId("profile-language").selectOption("ru")
    await page.getByTestId("profile-theme").selectOption("dark")
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark")
    // Another browser (no local storage) follows the profile.
    const elsewhere = await newPage()
    await signIn(elsewhere, "manager@frame.test")
    await elsewhere.getByTestId("home").waitFor()
    await expect.poll(() => elsewhere.evaluate(() => document.documentElement.lang)).toBe("ru")
    expect(await elsewhere.evaluate(() => document.documentElement.dataset.theme)).toBe("dark")
    await elsewhere.goto(`${fleet.httpUrl}/profile`)
    expect(await elsewhere.getByTestId("profile-name").inputValue()).toBe("Aigerim Manager")
    expect(await elsewhere.getByTestId("profile-phone").inputValue()).toBe("+7 701 123 4567")

    const next = "Glacier-Compass-7305"
    // A wrong current password is said on that field (the page is in Russian now), not as a wrong
    // sign-in, and the message goes once the field is edited.
    await page.getByTestId("password-current").fill("Not-My-Password-1")
    await page.getByTestId("password-new").fill(next)
    await page.getByTestId("password-confirm").fill(next)
    await page.getByTestId("password-submit").click()
    await expect
      .poll(() => page.getByTestId("password-current-error").textContent())
      .toBe("Это не ваш текущий пароль.")
    expect(await page.getByTestId("password-current").getAttribute("aria-invalid")).toBe("true")
    expect(await page.getByTestId("password-error").count()).toBe(0)
    await shot(page, "profile-password-wrong-ru-dark")
    await page.getByTestId("password-current").fill(PASSWORD)
    expect(await page.getByTestId("password-current-error").count()).toBe(0)
    // The current password again as the new one is refused, on the new password's field.
    await page.getByTestId("password-new").fill(PASSWORD)
    await page.getByTestId("password-confirm").fill(PASSWORD)
    await page.getByTestId("password-submit").click()
    await expect
      .poll(() => page.getByTestId("password-new-error").textContent())
      .toBe("Новый пароль совпадает с текущим. Выберите другой.")
    await page.getByTestId("password-new").fill(next)
    expect(await page.getByTestId("password-new-error").count()).toBe(0)
    await page.getByTestId("password-current").fill(PASSWORD)
    await page.getByTestId("password-new").fill(next)
    await page.getByTestId("password-confirm").fill(next)
    await page.getByTestId("password-submit").click()
    await expect.poll(() => page.getByTestId("password-current").inputValue()).toBe("")
    expect(await page.getByTestId("password-error").count()).toBe(0)
    const fresh = await newPage()
    await signIn(fresh, "manager@frame.test", next)
    await fresh.getByTestId("home").waitFor()
  })

  it("a language and theme chosen on the login page win at sign-in and are saved to the profile", async () => {
    const userId = await insertUser("viewer", "chooser@frame.test")
    const page = await newPage({ colorScheme: "dark" })
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("language-menu").click()
    await page.getByTestId("language-kk").click()
    await page.getByTestId("language-kk").waitFor({ state: "hidden" })
    await page.getByTestId("theme-menu").click()
    await page.getByTestId("theme-light").click()
    await page.getByTestId("theme-light").waitFor({ state: "hidden" })
    // Signed in on the same page (the helper's `goto` would load the login page afresh).
    await page.getByTestId("login-email").fill("chooser@frame.test")
    await page.getByTestId("login-password").fill(PASSWORD)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("home").waitFor()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("kk")
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light")
    await expect
      .poll(async () => {
        const row = await fleet.db.system.query<{ locale: string; theme: string }>(
          "SELECT locale, theme FROM users WHERE id = $1",
          [userId],
        )
        return row.rows[0]
      })
      .toEqual({ locale: "kk", theme: "light" })
    // Without a choice on the login page, the profile's language and theme hold.
    const elsewhere = await newPage({ colorScheme: "dark" })
    await signIn(elsewhere, "chooser@frame.test")
    await elsewhere.getByTestId("home").waitFor()
    await expect.poll(() => elsewhere.evaluate(() => document.documentElement.lang)).toBe("kk")
    expect(await elsewhere.evaluate(() => document.documentElement.dataset.theme)).toBe("light")
  })

  it("enrols two-step verification, then signs in with a code and with a recovery code", async () => {
    await insertUser("dispatcher", "totp@frame.test")
    const page = await newPage()
    await signIn(page, "totp@frame.test")
    await page.getByTestId("home").waitFor()
    await page.goto(`${fleet.httpUrl}/profile`)
    await page.getByTestId("totp-start").click()
    const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? ""
    await page.locator(".totp-setup__qr[src^='data:image/png']").waitFor()
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 })
    await page.getByTestId("totp-code").fill(totp.generate())
    await page.getByTestId("totp-confirm").click()
    await page.getByTestId("recovery-codes").waitFor()
    const codes = await page.getByTestId("recovery-code").allTextContents()
    expect(codes).toHaveLength(10)
    await shot(page, "profile-recovery-codes")
    await page.getByTestId("recovery-done").click()
    await expect.poll(() => page.getByTestId("totp-section").getAttribute("data-enabled")).toBe("true")

    const second = await newPage()
    await signIn(second, "totp@frame.test")
    await second.getByTestId("login-code").waitFor()
    await shot(second, "login-code")
    // The next time step: the one used to enable may not be replayed.
    await second.getByTestId("login-code").fill(totp.generate({ timestamp: Date.now() + 30_000 }))
    await second.getByTestId("login-submit").click()
    await second.getByTestId("home").waitFor()

    const third = await newPage()
    await signIn(third, "totp@frame.test")
    await third.getByTestId("login-use-recovery").click()
    await third.getByTestId("login-code").fill(codes[0] ?? "")
    await third.getByTestId("login-submit").click()
    await third.getByTestId("home").waitFor()
  })

  it("sets a password from a one-time link", async () => {
    const userId = await insertUser("viewer", "invited@frame.test")
    const token = randomBytes(32).toString("base64url")
    await fleet.db.system.query(
      "INSERT INTO password_links (org_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')",
      [orgId(), userId, createHash("sha256").update(token).digest()],
    )
    const page = await newPage()
    await page.goto(`${fleet.httpUrl}/set-password#token=${token}`)
    await page.getByTestId("set-password-form").waitFor()
    expect(await page.getByTestId("set-password-submit").isDisabled()).toBe(true)
    await shot(page, "set-password-en-light")
    const chosen = "Meadow-Falcon-2290"
    await page.getByTestId("set-password-new").fill(chosen)
    await page.getByTestId("set-password-confirm").fill(chosen)
    await page.getByTestId("set-password-submit").click()
    await page.getByTestId("login-form").waitFor()
    await page.getByTestId("login-email").fill("invited@frame.test")
    await page.getByTestId("login-password").fill(chosen)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("home").waitFor()
  })

  // Every page of the menu in light English and in dark Russian (between them every colour and every
  // string set), and at phone width.
  it("takes screenshots of every page in light English, dark Russian, and at phone width", async () => {
    await insertUser("admin", "shots-en@frame.test", { locale: "en" })
    await insertUser("admin", "shots-ru@frame.test", { locale: "ru" })
    for (const [locale, scheme] of [
      ["en", "light"],
      ["ru", "dark"],
    ] as const) {
      const page = await newPage({ colorScheme: scheme })
      await page.goto(`${fleet.httpUrl}/login`)
      if (locale === "ru") {
        await page.getByTestId("language-menu").click()
        await page.getByTestId("language-ru").click()
      }
      await page.getByTestId("login-form").waitFor()
      await shot(page, `login-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/set-password`)
      await page.getByTestId("set-password-invalid").waitFor()
      await shot(page, `set-password-invalid-${locale}-${scheme}`)
      await signIn(page, `shots-${locale}@frame.test`)
      await page.getByTestId("recent-activity").waitFor()
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale)
      await shot(page, `home-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/profile`)
      await page.getByTestId("profile-form").waitFor()
      await tallShot(page, `profile-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/audit`)
      await expect.poll(() => page.getByTestId("audit-row").count()).toBeGreaterThan(0)
      await shot(page, `audit-${locale}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/live`)
      // The map has loaded its style and shown every vehicle once.
      await page.locator('[data-testid="live-map"][data-fitted="true"]').waitFor({ timeout: 30_000 })
      await page.waitForTimeout(1_000)
      await shot(page, `live-${locale}-${scheme}`)
    }

    const phone = await newPage({ width: 390, height: 844 })
    await phone.goto(`${fleet.httpUrl}/login`)
    await phone.getByTestId("login-form").waitFor()
    await shot(phone, "phone-login")
    await signIn(phone, "shots-en@frame.test")
    await phone.getByTestId("home").waitFor()
    // The sidebar is a drawer: hidden until the menu button opens it.
    expect(await phone.getByTestId("nav-live").isVisible()).toBe(false)
    await shot(phone, "phone-home")
    await phone.getByTestId("open-menu").click()
    await phone.getByTestId("nav-live").waitFor({ state: "visible" })
    await phone.waitForTimeout(300)
    await shot(phone, "phone-drawer")
    await phone.getByTestId("nav-live").click()
    await phone.locator('[data-testid="live-map"][data-fitted="true"]').waitFor({ timeout: 30_000 })
    await phone.waitForTimeout(1_000)
    await shot(phone, "phone-live")
    await phone.goto(`${fleet.httpUrl}/profile`)
    await phone.getByTestId("profile-form").waitFor()
    await shot(phone, "phone-profile", true)
  }, 300_000)

  it("raised no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([])
  })
})
