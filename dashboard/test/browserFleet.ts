import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Role } from "@fleetcore/contract"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, type StartOptions, startFleetCoreFromTemplate } from "@fleetcore/server"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { launchChromium } from "./launchChromium.js"

/** The password of every user a browser test adds. */
export const PASSWORD = "Saffron-Harbour-7315"

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")

export interface NewPageOptions {
  readonly colorScheme?: "light" | "dark"
  /** The browser's locale; the dashboard's language is the user's own. */
  readonly locale?: string
  readonly width?: number
  readonly height?: number
}

/**
 * FleetCore (embedded stores, free ports, the demo organisation) with a headless Chromium beside it,
 * and what every browser test does with them: add users, call the API, open pages, sign in and
 * photograph. Screenshots go to `test-results/<name>/`. The dashboard must be built first
 * (`npm run build -w @fleetcore/dashboard`).
 */
export interface BrowserFleet {
  readonly fleet: RunningFleetCore
  readonly browser: Browser
  /** The demo organisation's id. */
  readonly orgId: string
  readonly resultsDir: string
  /**
   * Uncaught errors of every page opened so far, each with the page's address and its stack (a
   * failure then says where it came from); a test ends by expecting none.
   */
  readonly pageErrors: ReadonlyArray<string>
  /** A user of the demo organisation who signs in with PASSWORD. */
  readonly addUser: (user: {
    readonly email: string
    readonly role: Role
    readonly name?: string
    readonly locale?: string
  }) => Promise<void>
  /** A driver of the demo organisation: a user with the driver role and their driver record. Answers the record's id. */
  readonly addDriver: (user: {
    readonly email: string
    readonly name: string
    readonly locale?: string
  }) => Promise<string>
  /** An access token of a user added here, or of the demo owner when `email` is omitted. */
  readonly tokenOf: (email?: string) => Promise<string>
  /** A JSON call as `token`; anything but a 2xx answer throws with the answer's text. */
  readonly api: <T>(token: string, method: string, path: string, body?: unknown) => Promise<T>
  readonly newPage: (options?: NewPageOptions) => Promise<Page>
  /**
   * Opens `path` in a signed-in page as a link in the dashboard does, without loading the app
   * again (the router takes the click), and waits for its content to replace the page shown
   * before (so not for a page of the same kind: another record of the same list); a page not
   * showing the dashboard yet loads it, a page showing `path` already stays.
   */
  readonly visit: (page: Page, path: string) => Promise<void>
  /** Signs in on the login page as a user added here and waits for the frame. */
  readonly signIn: (page: Page, email: string) => Promise<void>
  /** A PNG of the page, all of it unless `fullPage` is false, named `<name>.png`. */
  readonly shot: (page: Page, name: string, options?: { readonly fullPage?: boolean }) => Promise<void>
  readonly close: () => Promise<void>
}

/**
 * An error whose every stack frame is the browser's own code (its PDF viewer is an extension page
 * inside ours: Tab into it on a loaded machine, and its thumbnail bar fails an assertion of its own).
 */
const thrownByTheBrowser = (stack: string | undefined): boolean => {
  const frames = (stack ?? "").split("\n").filter((line) => /^\s+at /u.test(line))
  return frames.length > 0 && frames.every((line) => /(?:\(|at )chrome(?:-extension)?:\/\//u.test(line))
}

export const startBrowserFleet = async (
  name: string,
  options: Omit<StartOptions, "dataDir"> = {},
): Promise<BrowserFleet> => {
  const resultsDir = join(repoRoot, "test-results", name)
  await mkdir(resultsDir, { recursive: true })
  const dataDir = await mkdtemp(join(tmpdir(), `fleetcore-${name}-`))
  // The browser first: a machine without Chromium must not leave a started FleetCore (and its chDB
  // session, one per process) behind to fail every later test file of this worker.
  const browser = await launchChromium()
  const fleet = await startFleetCoreFromTemplate(
    { simulatorVehicles: 0, ...options, dataDir },
    process.env.FLEET_TEST_TEMPLATES,
  ).catch(async (error: unknown) => {
    await browser.close()
    throw error
  })
  const demo = fleet.demo
  if (demo === null) throw new Error("the server seeded no demo organisation")
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []
  const addUser: BrowserFleet["addUser"] = async (user) => {
    await fleet.db.system.query(
      "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, $5, $6)",
      [
        demo.orgId,
        user.email,
        user.name ?? user.email,
        await hashSecret(PASSWORD),
        user.role,
        user.locale ?? "en",
      ],
    )
  }

  const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`)
    return (answer.status === 204 ? undefined : await answer.json()) as T
  }

  return {
    fleet,
    browser,
    orgId: demo.orgId,
    resultsDir,
    pageErrors,
    addUser,
    addDriver: async (user) => {
      await addUser({ ...user, role: "driver" })
      const driver = await fleet.db.system.query<{ id: string }>(
        `INSERT INTO drivers (id, org_id, user_id, full_name)
         SELECT id, org_id, id, name FROM users WHERE email = $1 RETURNING id`,
        [user.email],
      )
      return driver.rows[0]?.id as string
    },
    tokenOf: async (email) => {
      const answer = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(
          email === undefined
            ? { email: demo.email, password: demo.password }
            : { email, password: PASSWORD },
        ),
      })
      if (!answer.ok)
        throw new Error(`login as ${email ?? demo.email}: ${answer.status} ${await answer.text()}`)
      return ((await answer.json()) as { accessToken: string }).accessToken
    },
    api,
    newPage: async ({ colorScheme = "light", locale = "en-GB", width = 1280, height = 900 } = {}) => {
      const context = await browser.newContext({ locale, colorScheme, viewport: { width, height } })
      contexts.push(context)
      const page = await context.newPage()
      page.on("pageerror", (error) => {
        if (!thrownByTheBrowser(error.stack))
          pageErrors.push(`${error.message} (at ${page.url()})\n${error.stack ?? ""}`)
      })
      return page
    },
    visit: async (page, path) => {
      const target = new URL(path, fleet.httpUrl)
      if (!page.url().startsWith(fleet.httpUrl)) return void (await page.goto(target.href))
      const shown = new URL(page.url())
      if (shown.pathname === target.pathname && shown.search === target.search) return
      // The page shown now is marked, so that what is awaited is the next page's content (the router
      // keeps the old one in place until the new one is ready).
      await page.evaluate((href) => {
        for (const shown of Array.from(document.querySelectorAll("main > *")))
          shown.setAttribute("data-visit-left", "")
        const link = document.createElement("a")
        link.href = href
        document.body.append(link)
        link.click()
        link.remove()
      }, target.href)
      await page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search)
      await page.locator("main > :not([data-visit-left])").first().waitFor({ state: "attached" })
    },
    signIn: async (page, email) => {
      await page.goto(`${fleet.httpUrl}/login`)
      await page.getByTestId("login-email").fill(email)
      await page.getByTestId("login-password").fill(PASSWORD)
      await page.getByTestId("login-submit").click()
      await page.waitForURL((url) => url.pathname !== "/login")
      // At phone width the sidebar is folded away: there, not visible.
      await page.getByTestId("sidebar").waitFor({ state: "attached" })
    },
    shot: async (page, shotName, { fullPage = true } = {}) => {
      const path = join(resultsDir, `${shotName}.png`)
      // The frame scrolls inside its content area, where a full-page capture cannot reach: the window
      // grows by what is hidden there (up to 4,000 px), for the picture only.
      const hidden = fullPage
        ? await page.evaluate(() => {
            const content = document.querySelector(".frame__content")
            return content === null ? 0 : content.scrollHeight - content.clientHeight
          })
        : 0
      const viewport = page.viewportSize()
      if (hidden <= 0 || viewport === null) return void (await page.screenshot({ path, fullPage }))
      await page.setViewportSize({ width: viewport.width, height: Math.min(4_000, viewport.height + hidden) })
      await page.screenshot({ path })
      await page.setViewportSize(viewport)
    },
    close: async () => {
      for (const context of contexts) await context.close()
      await browser.close()
      await fleet.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
