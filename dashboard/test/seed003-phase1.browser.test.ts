import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { ROLE_PERMISSIONS } from "@fleetcore/contract"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { visibleMenu } from "../src/frame/menu.js"
import { launchChromium } from "./launchChromium.js"

/*
 * Seed 003, phase 1, as a person does it in the browser: the owner creates two organisations,
 * switches to each with the organisation selector and creates an admin, a manager and two drivers
 * in each; every new user opens their one-time link, chooses a password, signs in and sees only
 * their menu and their organisation. Only the demo owner's password is read from the server.
 * The dashboard must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results")
const POLL = { timeout: 15_000, interval: 100 }
const UUID_PATH = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u

type Role = "admin" | "manager" | "driver"

interface Person {
  readonly org: "Alpha" | "Beta"
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly phone?: string
  /** Filled in as the test goes. */
  link?: string
  id?: string
}

const ORGANISATIONS = [
  {
    name: "Test Company Alpha",
    short: "Alpha",
    description: "Тестовая организация для проверки системы",
    currency: "KZT",
    zoneSearch: "almaty",
    zone: "Asia/Almaty",
  },
  {
    name: "Test Company Beta",
    short: "Beta",
    description: "Вторая тестовая организация для проверки RLS",
    currency: "TRY",
    zoneSearch: "istanbul",
    zone: "Europe/Istanbul",
  },
] as const

const PEOPLE: ReadonlyArray<Person> = [
  { org: "Alpha", email: "admin.alpha@test.com", name: "Admin Alpha", role: "admin" },
  { org: "Alpha", email: "manager.alpha@test.com", name: "Manager Alpha", role: "manager" },
  {
    org: "Alpha",
    email: "driver1.alpha@test.com",
    name: "Ivan Petrov",
    role: "driver",
    phone: "+49 123 4567890",
  },
  {
    org: "Alpha",
    email: "driver2.alpha@test.com",
    name: "Maria Schmidt",
    role: "driver",
    phone: "+49 123 4567891",
  },
  { org: "Beta", email: "admin.beta@test.com", name: "Admin Beta", role: "admin" },
  { org: "Beta", email: "manager.beta@test.com", name: "Manager Beta", role: "manager" },
  {
    org: "Beta",
    email: "driver1.beta@test.com",
    name: "Aidos Nurlanov",
    role: "driver",
    phone: "+7 701 123 4567",
  },
  {
    org: "Beta",
    email: "driver2.beta@test.com",
    name: "Elena Volkova",
    role: "driver",
    phone: "+7 701 123 4568",
  },
]

/**
 * What each role finds in the sidebar: the menu table's main and admin items its permissions open
 * (menu.test.ts pins the table itself; this test checks the browser shows it and nothing else).
 */
const menuOf = (role: Role): ReadonlyArray<string> =>
  (["main", "admin"] as const).flatMap((placement) =>
    visibleMenu([...ROLE_PERMISSIONS[role]], placement).map((item) => `nav-${item.id}`),
  )

const orgName = (short: Person["org"]) => `Test Company ${short}`
const passwordOf = (person: Person) => `${person.role}-${person.org}-Fleet-2025!`

describe("seed 003 phase 1 in a browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore | undefined
  let browser: Browser | undefined
  let owner: Page
  let ownerContext: BrowserContext
  const pageErrors: string[] = []
  const orgIds = new Map<string, string>()

  const base = () => fleet?.httpUrl ?? ""
  const newContext = async () => {
    if (!browser) throw new Error("no browser")
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base() })
    return context
  }
  const watch = (page: Page) => page.on("pageerror", (error) => pageErrors.push(error.message))

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${base()}/login`)
    await page.getByTestId("login-email").fill(email)
    await page.getByTestId("login-password").fill(password)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("sidebar").waitFor()
  }
  const sidebarItems = (page: Page) =>
    page
      .getByTestId("sidebar")
      .locator("[data-testid^='nav-']")
      .evaluateAll((links) => links.map((link) => link.getAttribute("data-testid")))
  const switchOrganisation = async (page: Page, name: string) => {
    await page.getByTestId("org-switcher").click()
    await page.locator(`[data-testid="org-option"][data-name="${name}"]`).click()
    await expect.poll(() => page.getByTestId("org-name").textContent(), POLL).toBe(name)
  }
  /** The status of a same-origin API call made by the page itself (its cookies, its session). */
  const apiStatus = (page: Page, path: string) =>
    page.evaluate(async (url) => (await fetch(url, { credentials: "same-origin" })).status, path)
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-seed003-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    ownerContext = await newContext()
    owner = await ownerContext.newPage()
    watch(owner)
  })

  afterAll(async () => {
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("1.1 the owner creates Test Company Alpha and Beta", async () => {
    const account = fleet?.demo?.users.find((user) => user.role === "owner")
    if (!account) throw new Error("the demo seed has no owner")
    await signIn(owner, account.email, account.password)
    for (const org of ORGANISATIONS) {
      await owner.getByTestId("nav-organisations").click()
      await owner.getByTestId("org-new").click()
      await owner.getByTestId("org-name-input").fill(org.name)
      await owner.getByTestId("org-description").fill(org.description)
      await owner.getByTestId("org-currency").selectOption(org.currency)
      await owner.getByTestId("org-timezone").fill(org.zoneSearch)
      await owner.getByRole("option", { name: org.zone, exact: true }).click()
      await owner.getByTestId("org-submit").click()
      await owner.waitForURL(UUID_PATH)
      orgIds.set(org.short, owner.url().split("/").pop() ?? "")
      await expect.poll(() => owner.getByTestId("page-title").textContent(), POLL).toBe(org.name)
    }
    // Both in the list, with their settings, and in the top bar's organisation selector.
    await owner.getByTestId("nav-organisations").click()
    await owner.getByTestId("organisations-search").fill("Test Company")
    await expect
      .poll(() => owner.getByTestId("org-row-name").allTextContents(), POLL)
      .toEqual(["Test Company Alpha", "Test Company Beta"])
    await owner.getByTestId("org-switcher").click()
    const options = await owner
      .getByTestId("org-option")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-name")))
    expect(options).toEqual(expect.arrayContaining(["Test Company Alpha", "Test Company Beta"]))
    await owner.keyboard.press("Escape")
    await owner.goto(`${base()}/organisations/${orgIds.get("Beta")}`)
    expect(await owner.getByTestId("org-currency").inputValue()).toBe("TRY")
    expect(await owner.getByTestId("org-timezone").inputValue()).toBe("Europe/Istanbul")
  })

  it("1.3 the owner creates an admin, a manager and two drivers in each, copying each one-time link", async () => {
    for (const org of ["Alpha", "Beta"] as const) {
      await switchOrganisation(owner, orgName(org))
      for (const person of PEOPLE.filter((p) => p.org === org)) {
        await owner.getByTestId("nav-users").click()
        await owner.getByTestId("user-new").click()
        await owner.getByTestId("user-email").fill(person.email)
        await owner.getByTestId("user-name").fill(person.name)
        await owner.getByTestId("user-role-select").selectOption(person.role)
        if (person.phone) await owner.getByTestId("user-phone").fill(person.phone)
        await owner.getByTestId("user-submit").click()
        await owner.getByTestId("password-link-dialog").waitFor()
        const link = await owner.getByTestId("password-link-url").inputValue()
        expect(link).toMatch(/\/set-password#token=[\w-]{43}$/u)
        await owner.getByTestId("password-link-copy").click()
        expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(link)
        await owner.getByTestId("password-link-done").click()
        await owner.waitForURL(UUID_PATH)
        person.link = link
        person.id = owner.url().split("/").pop() ?? ""
        expect(await owner.getByTestId("user-status").getAttribute("data-status")).toBe("invited")
      }
      await owner.getByTestId("nav-users").click()
      await expect.poll(() => owner.getByTestId("users-row").count(), POLL).toBe(4)
    }
    // An e-mail already taken is refused on its field.
    await owner.getByTestId("user-new").click()
    await owner.getByTestId("user-email").fill("admin.alpha@test.com")
    await owner.getByTestId("user-name").fill("Someone Else")
    await owner.getByTestId("user-submit").click()
    await owner.getByTestId("field-error-email").waitFor()
    expect(await owner.getByTestId("field-error-email").textContent()).toMatch(/e-mail/u)
  })

  it("each user sets a password with the link, signs in and sees only their menu and organisation", async () => {
    for (const person of PEOPLE) {
      const context = await newContext()
      const page = await context.newPage()
      watch(page)
      await page.goto(person.link ?? "")
      await page.getByTestId("set-password-new").fill(passwordOf(person))
      await page.getByTestId("set-password-confirm").fill(passwordOf(person))
      await page.getByTestId("set-password-submit").click()
      await page.getByTestId("login-email").waitFor()
      await signIn(page, person.email, passwordOf(person))

      expect(await page.getByTestId("org-name").textContent()).toBe(orgName(person.org))
      expect(await sidebarItems(page)).toEqual(menuOf(person.role))
      if (person.role === "driver") {
        // Typed in: the page says no, and so does the API for the same call.
        await page.goto(`${base()}/users`)
        await page.getByTestId("not-allowed").waitFor()
        expect(await apiStatus(page, "/api/v1/users")).toBe(403)
      } else {
        await page.getByTestId("nav-users").click()
        await expect
          .poll(async () => (await page.getByTestId("user-row-email").allTextContents()).sort(), POLL)
          .toEqual(
            PEOPLE.filter((p) => p.org === person.org)
              .map((p) => p.email)
              .sort(),
          )
      }
      if (person.role === "manager") {
        expect(await page.getByTestId("user-new").count()).toBe(0)
        await page.goto(`${base()}/users/new`)
        await page.getByTestId("not-allowed").waitFor()
      }
      if (person.role === "admin") {
        // Another organisation's user is not found, in the page and in the API.
        const foreign = PEOPLE.find((p) => p.org !== person.org && p.role === "driver")
        await page.goto(`${base()}/users/${foreign?.id}`)
        await page.getByTestId("user-not-found").waitFor()
        expect(await apiStatus(page, `/api/v1/users/${foreign?.id}`)).toBe(404)
        // An admin may grant every role but owner.
        await page.goto(`${base()}/users/new`)
        const roles = () =>
          page
            .getByTestId("user-role-select")
            .locator("option")
            .evaluateAll((options) => options.map((o) => o.getAttribute("value")))
        await expect
          .poll(roles, POLL)
          .toEqual(["admin", "manager", "dispatcher", "driver", "viewer", "analyst"])
        // Their own organisation's settings, but not the installation's organisations.
        await page.getByTestId("nav-organisationSettings").click()
        await expect
          .poll(() => page.getByTestId("org-name-input").inputValue(), POLL)
          .toBe(orgName(person.org))
        await page.goto(`${base()}/organisations`)
        await page.getByTestId("not-allowed").waitFor()
        expect(await apiStatus(page, "/api/v1/organisations")).toBe(403)
      }
      await context.close()
    }
    // Every link was used: the users are active now.
    await owner.getByTestId("nav-users").click()
    await owner.getByTestId("users-filter-status").selectOption("active")
    await expect.poll(() => owner.getByTestId("users-row").count(), POLL).toBe(4)
  })

  it("suspends an organisation behind a confirmation, and refuses the owner's own with the server's reason", async () => {
    await owner.goto(`${base()}/organisations/${orgIds.get("Beta")}`)
    await owner.getByTestId("org-suspend").click()
    expect(await owner.getByTestId("confirm-dialog").textContent()).toContain("cannot sign in")
    await owner.getByTestId("confirm-dialog-confirm").click()
    await owner.getByTestId("org-reactivate").waitFor()
    expect(await owner.getByTestId("org-status").getAttribute("data-status")).toBe("suspended")
    await owner.getByTestId("org-reactivate").click()
    await owner.getByTestId("confirm-dialog-confirm").click()
    await owner.getByTestId("org-suspend").waitFor()

    await owner.getByTestId("org-back").click()
    await owner.getByTestId("organisations-search").fill("Demo")
    await expect.poll(() => owner.getByTestId("organisations-row").count(), POLL).toBe(1)
    await owner.getByTestId("organisations-row").first().click()
    await owner.waitForURL(UUID_PATH)
    await owner.getByTestId("org-suspend").click()
    await owner.getByTestId("confirm-dialog-confirm").click()
    // The server's reason, in the dialog that stays open.
    await expect
      .poll(() => owner.getByTestId("confirm-dialog").locator(".error-banner").textContent(), POLL)
      .toMatch(/own organisation/u)
    await owner.getByTestId("confirm-dialog").locator("button", { hasText: "Cancel" }).click()
    await owner.getByTestId("confirm-dialog").waitFor({ state: "detached" })
    expect(await owner.getByTestId("org-status").getAttribute("data-status")).toBe("active")
  })

  it("takes screenshots of each page in light English and in dark Russian", async () => {
    await switchOrganisation(owner, orgName("Alpha"))
    const driver = PEOPLE.find((p) => p.org === "Alpha" && p.role === "driver")
    const looks = [
      ["en", "light"],
      ["ru", "dark"],
    ] as const
    for (const [lang, theme] of looks) {
      await owner.getByTestId("language-menu").click()
      await owner.getByTestId(`language-${lang}`).click()
      await owner.keyboard.press("Escape")
      await expect
        .poll(() => owner.getByTestId("language-current").textContent(), POLL)
        .toBe(lang.toUpperCase())
      await owner.getByTestId("theme-menu").click()
      await owner.getByTestId(`theme-${theme}`).click()
      await owner.keyboard.press("Escape")
      await expect.poll(() => owner.evaluate(() => document.documentElement.dataset.theme), POLL).toBe(theme)
      const look = `${theme}-${lang}`

      await owner.getByTestId("nav-organisations").click()
      await expect.poll(() => owner.getByTestId("organisations-row").count(), POLL).toBe(3)
      await shot(owner, `organisations-list-${look}`)
      await owner.getByTestId("org-new").click()
      await owner.getByTestId("org-name-input").fill("Test Company Gamma")
      await shot(owner, `organisation-form-${look}`)

      await owner.getByTestId("nav-users").click()
      await expect.poll(() => owner.getByTestId("users-row").count(), POLL).toBe(4)
      await shot(owner, `users-list-${look}`)
      await owner.getByTestId("user-new").click()
      await owner.getByTestId("user-email").fill("driver3.alpha@test.com")
      await owner.getByTestId("user-name").fill("Arman Seitkali")
      await owner.getByTestId("user-phone").fill("+7 701 555 0101")
      await shot(owner, `user-form-${look}`)

      await owner.goto(`${base()}/users/${driver?.id}`)
      await owner.getByTestId("user-facts").waitFor()
      await shot(owner, `user-detail-${look}`)
      await owner.getByTestId("user-new-link").click()
      await owner.getByTestId("confirm-dialog-confirm").click()
      await owner.getByTestId("password-link-dialog").waitFor()
      await owner.waitForTimeout(300)
      await shot(owner, `user-link-dialog-${look}`)
      await owner.getByTestId("password-link-done").click()

      await owner.getByTestId("nav-organisationSettings").click()
      await expect.poll(() => owner.getByTestId("org-name-input").inputValue(), POLL).toBe(orgName("Alpha"))
      await shot(owner, `organisation-settings-${look}`)
    }
    await owner.setViewportSize({ width: 390, height: 844 })
    await owner.getByTestId("open-menu").click()
    await owner.getByTestId("nav-users").click()
    await expect.poll(() => owner.getByTestId("users-row").count(), POLL).toBe(4)
    // The drawer closes on navigation; the picture is taken once it has slid away.
    await expect.poll(() => owner.locator(".frame--drawer-open").count(), POLL).toBe(0)
    await owner.waitForTimeout(400)
    await shot(owner, "users-list-phone-dark-ru")
    await owner.setViewportSize({ width: 1280, height: 800 })
  })

  it("raised no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([])
  })
})
