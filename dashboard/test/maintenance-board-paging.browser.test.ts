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
 * The maintenance board of a fleet with more open tasks than one list page holds (200): each column
 * shows the server's count of all its tasks, loads 50 cards at a time with "show more", keeps the
 * filters, and a card still drags to another column. The dashboard must be built first.
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results")
const PASSWORD = "Saffron-Harbour-7315"
const POLL = { timeout: 15_000, interval: 100 }
const SCHEDULED = 230
const OVERDUE = 25
const IN_PROGRESS = 60

describe("the maintenance board beyond 200 open tasks", () => {
  let fleet: RunningFleetCore
  let dataDir: string
  let browser: Browser
  let token: string
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as T
  }

  const newPage = async (colorScheme: "light" | "dark") => {
    const context = await browser.newContext({
      locale: "en-GB",
      colorScheme,
      viewport: { width: 1280, height: 900 },
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on("pageerror", (error) => pageErrors.push(error.message))
    return page
  }

  const signIn = async (page: Page, language: "en" | "ru" = "en") => {
    await page.goto(`${fleet.httpUrl}/login`)
    await page.getByTestId("login-email").fill(`manager.${language}@board.example`)
    await page.getByTestId("login-password").fill(PASSWORD)
    await page.getByTestId("login-submit").click()
    await page.getByTestId("sidebar").waitFor()
  }

  beforeAll(async () => {
    await mkdir(resultsDir, { recursive: true })
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-board-paging-"))
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    const org = (
      await fleet.db.system.query<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo'")
    ).rows[0]?.id as string
    for (const language of ["en", "ru"])
      await fleet.db.system.query(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, 'Manager', $3, 'manager', $4)",
        [org, `manager.${language}@board.example`, await hashSecret(PASSWORD), language],
      )
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "manager.en@board.example", password: PASSWORD }),
    })
    token = ((await login.json()) as { accessToken: string }).accessToken
    const vehicle = await api<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "MAN TGX",
      plate: "500 BRD 02",
    })
    // Open tasks in bulk (the API makes one at a time); names sort with their number.
    await fleet.db.system.query(
      `INSERT INTO maintenance_tasks (org_id, vehicle_id, template_id, name, status, due_date, started_at)
       SELECT $1, $2, NULL, format('%s %s', label, lpad(n::text, 3, '0')), status,
              current_date + (n + offset_days), CASE WHEN status = 'in_progress' THEN now() END
       FROM (VALUES ('Service', 'scheduled', $3::int, 10), ('Overdue', 'overdue', $4::int, -400),
                    ('Repair', 'in_progress', $5::int, 0)) AS kinds(label, status, count, offset_days),
            generate_series(1, count) AS n`,
      [org, vehicle.id, SCHEDULED, OVERDUE, IN_PROGRESS],
    )
    await api("POST", "/api/v1/maintenance/tasks", {
      vehicleId: vehicle.id,
      name: "Windscreen",
      status: "completed",
      service: { odometerKm: 80_100, completedOn: new Date().toISOString().slice(0, 10), cost: "95000.00" },
    })
  }, 120_000)

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("lists the first column's tasks (scheduled and overdue) with their total", async () => {
    const waiting = await api<{ total: number; items: Array<{ status: string }> }>(
      "GET",
      "/api/v1/maintenance/tasks?status=waiting&pageSize=200",
    )
    expect(waiting.total).toBe(SCHEDULED + OVERDUE)
    expect(waiting.items).toHaveLength(200)
    expect(new Set(waiting.items.map((t) => t.status))).toEqual(new Set(["scheduled", "overdue"]))
    // Soonest due first: every overdue task comes before the scheduled ones.
    expect(waiting.items.slice(0, OVERDUE).every((t) => t.status === "overdue")).toBe(true)
  })

  it("shows every column's count, loads the next page, filters, and drags a card across", async () => {
    const page = await newPage("light")
    await signIn(page)
    await page.goto(`${fleet.httpUrl}/maintenance`)
    const count = (column: string) => page.getByTestId(`column-${column}-count`).textContent()
    const cards = (column: string) => page.getByTestId(`column-${column}`).getByTestId("task-card")

    await expect.poll(() => count("scheduled"), POLL).toBe(String(SCHEDULED + OVERDUE))
    await expect.poll(() => count("in_progress"), POLL).toBe(String(IN_PROGRESS))
    await expect.poll(() => count("completed"), POLL).toBe("1")
    await expect.poll(() => cards("scheduled").count(), POLL).toBe(50)
    await expect.poll(() => cards("in_progress").count(), POLL).toBe(50)
    expect(await page.getByTestId("column-completed-more").count()).toBe(0)

    const more = page.getByTestId("column-scheduled-more")
    expect(await more.textContent()).toBe(`Show more (50 of ${SCHEDULED + OVERDUE})`)
    await more.click()
    await expect.poll(() => cards("scheduled").count(), POLL).toBe(100)
    await page.getByTestId("column-in_progress-more").click()
    await expect.poll(() => cards("in_progress").count(), POLL).toBe(IN_PROGRESS)
    await page.getByTestId("column-in_progress-more").waitFor({ state: "detached", ...POLL })
    await page.getByTestId("column-scheduled-more").scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(resultsDir, "maintenance-board-paging-more-en-light.png") })

    // The filters narrow each column's count on the server.
    await page.getByTestId("board-filter-due").selectOption("overdue")
    await expect.poll(() => count("scheduled"), POLL).toBe(String(OVERDUE))
    await expect.poll(() => count("in_progress"), POLL).toBe("0")
    await page.getByTestId("board-filter-due").selectOption("")
    await page.getByTestId("board-search").fill("Service 10")
    await page.getByTestId("board-search").press("Enter")
    // "Service 100" to "Service 109".
    await expect.poll(() => count("scheduled"), POLL).toBe("10")
    await page.getByTestId("board-search").fill("")
    await page.getByTestId("board-search").press("Enter")
    await expect.poll(() => count("scheduled"), POLL).toBe(String(SCHEDULED + OVERDUE))

    const id = (await cards("scheduled").first().getAttribute("data-task-id")) ?? ""
    // Found again by its id at every step: the column may render its cards afresh after the
    // cleared search's page arrives, and a handle to the old card would be detached.
    const card = page.getByTestId("column-scheduled").locator(`[data-task-id="${id}"]`)
    // Dropped on the column's heading, level with the card: a drop point far down the long column
    // would scroll the page between the press and the first move, and drag another card. Hovering
    // scrolls the card into view and, unlike scrollIntoViewIfNeeded, retries a re-rendered card.
    await card.hover()
    await card.dragTo(page.getByTestId("column-in_progress"), { targetPosition: { x: 40, y: 16 } })
    await expect.poll(() => count("in_progress"), POLL).toBe(String(IN_PROGRESS + 1))
    await expect.poll(() => count("scheduled"), POLL).toBe(String(SCHEDULED + OVERDUE - 1))
    await page.getByTestId("column-in_progress").locator(`[data-task-id="${id}"]`).waitFor(POLL)
    expect(pageErrors).toEqual([])
  }, 120_000)

  it("photographs the board's counts in dark Russian", async () => {
    const [language, scheme] = ["ru", "dark"] as const
    const page = await newPage(scheme)
    await signIn(page, language)
    await page.goto(`${fleet.httpUrl}/maintenance`)
    await page.getByTestId("column-scheduled-more").waitFor(POLL)
    await page.screenshot({ path: join(resultsDir, `maintenance-board-paging-${language}-${scheme}.png`) })
    expect(pageErrors).toEqual([])
  }, 120_000)
})
