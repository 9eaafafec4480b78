import { planMaintenance } from "@fleetcore/engine"
import type { RunningFleetCore } from "@fleetcore/server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, PASSWORD, startBrowserFleet } from "./browserFleet.js"

/*
 * Maintenance in the browser, as a fleet manager: a scheduled service is dragged to "in progress"
 * on the board, completed with its cost, vendor and parts, and then read in the vehicle's service
 * book. The board, the calendar and the service book are photographed in light and dark, English
 * and Russian, into test-results/. The dashboard must be built first.
 */

const POLL = { timeout: 15_000, interval: 100 }

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describe("maintenance in the browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let token: string
  let vehicleId: string

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as T
  }

  beforeAll(async () => {
    b = await startBrowserFleet("maintenance")
    fleet = b.fleet
    const _org = b.orgId
    for (const [email, locale] of [
      ["manager.en@maintenance.example", "en"],
      ["manager.ru@maintenance.example", "ru"],
    ] as const)
      await b.addUser({ email, role: "manager", name: "Manager", locale })
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "manager.en@maintenance.example", password: PASSWORD }),
    })
    token = ((await login.json()) as { accessToken: string }).accessToken
    vehicleId = (
      await api<{ id: string }>("POST", "/api/v1/vehicles", { name: "Ford Transit", plate: "777 MNT 02" })
    ).id
    await api("POST", `/api/v1/vehicles/${vehicleId}/odometer-readings`, {
      valueKm: 84_650,
      at: new Date(Date.now() - 3_600_000).toISOString(),
    })
    const task = (body: Record<string, unknown>) =>
      api("POST", "/api/v1/maintenance/tasks", { vehicleId, status: "scheduled", ...body })
    await task({ name: "Brake pads", dueDate: dayFromNow(5), dueOdometerKm: 85_000 })
    await task({ name: "Oil and filters", dueDate: dayFromNow(-2) })
    await task({ name: "Tyre rotation", dueDate: dayFromNow(12) })
    await task({ name: "Air conditioning", status: "in_progress", dueDate: dayFromNow(1) })
    await task({
      name: "Windscreen",
      status: "completed",
      service: { odometerKm: 80_100, completedOn: dayFromNow(-40), cost: "95000.00", vendor: "Glass Pro" },
    })
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("a manager drags a task to in progress, completes it with cost and parts, and finds it in the service book", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.en@maintenance.example")
    await page.goto(`${fleet.httpUrl}/maintenance?vehicleId=${vehicleId}`)
    const scheduled = page.getByTestId("column-scheduled")
    const inProgress = page.getByTestId("column-in_progress")
    const card = scheduled.getByTestId("task-card").filter({ hasText: "Brake pads" })
    await card.waitFor()
    await expect.poll(() => scheduled.getByTestId("task-card").count(), POLL).toBe(3)
    await card.dragTo(inProgress)
    const moved = inProgress.getByTestId("task-card").filter({ hasText: "Brake pads" })
    await moved.waitFor(POLL)
    expect(await moved.getAttribute("data-status")).toBe("in_progress")
    await expect.poll(() => scheduled.getByTestId("task-card").count(), POLL).toBe(2)

    await moved.getByTestId("task-complete").click()
    const dialog = page.getByTestId("service-dialog")
    await dialog.getByTestId("service-odometerKm").fill("84700")
    await dialog.getByTestId("service-cost").fill("64500.00")
    await dialog.getByTestId("service-vendor").fill("AutoService Almaty")
    await dialog.getByTestId("part-add").click()
    await dialog.getByTestId("part-name-0").fill("Brake pads, front")
    await dialog.getByTestId("part-quantity-0").fill("4")
    await dialog.getByTestId("part-cost-0").fill("38000.00")
    await dialog.getByTestId("part-add").click()
    await dialog.getByTestId("part-name-1").fill("Brake fluid DOT4, l")
    await dialog.getByTestId("part-quantity-1").fill("1.5")
    await dialog.getByTestId("service-submit").click()
    await dialog.waitFor({ state: "hidden", ...POLL })
    const done = page
      .getByTestId("column-completed")
      .getByTestId("task-card")
      .filter({ hasText: "Brake pads" })
    await done.waitFor(POLL)

    await page.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=maintenance`)
    const entry = page.getByTestId("service-entry").filter({ hasText: "Brake pads" })
    await entry.waitFor(POLL)
    expect(await entry.getByTestId("service-vendor").textContent()).toBe("AutoService Almaty")
    expect(await entry.getByTestId("service-cost").textContent()).toContain("64,500.00")
    const parts = await entry.getByTestId("service-parts").textContent()
    expect(parts).toContain("Brake pads, front")
    expect(parts).toContain("Brake fluid DOT4, l")
    await entry.getByTestId("service-expense").waitFor()

    const expenses = await api<{ items: Array<{ amount: string; vendor: string }> }>(
      "GET",
      `/api/v1/expenses?vehicleId=${vehicleId}&category=service`,
    )
    expect(expenses.items.map((e) => [e.amount, e.vendor]).sort()).toEqual([
      ["64500.00", "AutoService Almaty"],
      ["95000.00", "Glass Pro"],
    ])
    expect(b.pageErrors).toEqual([])
  }, 120_000)

  it("a new task without a vehicle says so under the vehicle, and is created once one is chosen", async () => {
    const page = await b.newPage()
    await b.signIn(page, "manager.ru@maintenance.example")
    await page.goto(`${fleet.httpUrl}/maintenance`)
    await page.getByTestId("task-new").click()
    const dialog = page.getByTestId("task-dialog")
    await dialog.getByTestId("task-name").fill("Замена ремня ГРМ")
    await dialog.getByTestId("task-submit").click()
    await expect
      .poll(() => dialog.getByTestId("field-error-vehicleId").textContent(), POLL)
      .toBe("Выберите транспортное средство.")
    await b.shot(page, "new-task-no-vehicle-ru-light")
    // Inside the modal dialog the choices are reached by their test id (the picker's own list).
    await dialog.getByTestId("task-vehicle").fill("777 MNT")
    await page.getByTestId("task-vehicle-option").filter({ hasText: "Ford Transit · 777 MNT 02" }).click()
    expect(await dialog.getByTestId("field-error-vehicleId").count()).toBe(0)
    await dialog.getByTestId("task-submit").click()
    await dialog.waitFor({ state: "hidden", ...POLL })
    const tasks = await api<{ items: Array<{ name: string }> }>(
      "GET",
      `/api/v1/maintenance/tasks?vehicleId=${vehicleId}&pageSize=100`,
    )
    expect(tasks.items.map((t) => t.name)).toContain("Замена ремня ГРМ")
    expect(b.pageErrors).toEqual([])
  }, 60_000)

  it("a manager adds a service template for vehicles already running: listed by its type, nothing overdue at once", async () => {
    const type = await api<{ id: string }>("POST", "/api/v1/vehicle-types", { name: "Sprinter 319" })
    const running = await api<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "Sprinter",
      plate: "319 MNT 02",
      vehicleTypeId: type.id,
      commissionedOdometerKm: 0,
    })
    await api("POST", `/api/v1/vehicles/${running.id}/odometer-readings`, {
      valueKm: 120_400,
      at: new Date(Date.now() - 3_600_000).toISOString(),
    })
    const page = await b.newPage()
    await b.signIn(page, "manager.en@maintenance.example")
    await page.goto(`${fleet.httpUrl}/maintenance/templates`)
    await page.getByTestId("template-new").click()
    const dialog = page.getByTestId("template-dialog")
    await dialog.getByTestId("template-name").fill("Oil change")
    await dialog.getByTestId("template-type").selectOption({ label: "Sprinter 319" })
    await dialog.getByTestId("template-everyKm").fill("10000")
    expect(await dialog.getByTestId("template-countFrom").inputValue()).toBe("today")
    await dialog.getByTestId("template-submit").click()
    await dialog.waitFor({ state: "hidden", ...POLL })
    const row = page.getByRole("row").filter({ hasText: "Oil change" })
    await expect.poll(() => row.textContent(), POLL).toContain("Sprinter 319")
    // Counted from today's 120,400 km: due at 130,400, not overdue by 110,000 km since commissioning.
    await planMaintenance(fleet.db.system, new Date().toISOString().slice(0, 10))
    const tasks = await api<{ items: unknown[] }>("GET", `/api/v1/maintenance/tasks?vehicleId=${running.id}`)
    expect(tasks.items).toEqual([])
    expect(b.pageErrors).toEqual([])
  }, 120_000)

  it("photographs the board, the calendar and the service book in light English and in dark Russian", async () => {
    for (const [language, email, scheme] of [
      ["en", "manager.en@maintenance.example", "light"],
      ["ru", "manager.ru@maintenance.example", "dark"],
    ] as const) {
      const page = await b.newPage({ colorScheme: scheme })
      await b.signIn(page, email)
      await page.goto(`${fleet.httpUrl}/maintenance?vehicleId=${vehicleId}`)
      await page.getByTestId("column-in_progress").getByTestId("task-card").first().waitFor(POLL)
      await b.shot(page, `maintenance-board-${language}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/maintenance/calendar`)
      await page.getByTestId("calendar-task").first().waitFor(POLL)
      await b.shot(page, `maintenance-calendar-${language}-${scheme}`)
      await page.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=maintenance`)
      await page.getByTestId("service-entry").first().waitFor(POLL)
      await b.shot(page, `maintenance-service-book-${language}-${scheme}`)
    }
    expect(b.pageErrors).toEqual([])
  }, 180_000)
})
