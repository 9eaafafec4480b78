import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashSecret } from "@fleetcore/platform"
import { type RunningFleetCore, startFleetCore } from "@fleetcore/server"
import mqtt from "mqtt"
import type { Browser, BrowserContext, Page } from "playwright-core"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./launchChromium.js"
import { pickRecord } from "./pickRecord.js"

/*
 * Issue 15, tasks and workflows: an admin defines a template whose "on site" step is taken by the
 * vehicle entering the task's geofence; a manager creates a task for a driver, linked to the vehicle
 * and the fence; a real MQTT publish drives the vehicle into the fence and the task advances by
 * itself; the driver, on a phone, adds a photo and completes it; the history shows every step with
 * who or what caused it. Screenshots (light/dark, en/ru) go to test-results/tasks/. The dashboard
 * must be built first (`npm run build -w @fleetcore/dashboard`).
 */

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const resultsDir = join(repoRoot, "test-results", "tasks")
const PASSWORD = "Quartz-Meadow-4821"
const POLL = { timeout: 30_000, interval: 250 }
const RING: Array<[number, number]> = [
  [43.3, 76.9],
  [43.3, 76.92],
  [43.32, 76.92],
  [43.32, 76.9],
]

describe("tasks in a browser", () => {
  let dataDir: string
  let fleet: RunningFleetCore
  let browser: Browser
  let adminToken = ""
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const publish = async (device: { id: string; secret: string }, points: ReadonlyArray<object>) => {
    const client = await mqtt.connectAsync(fleet.mqttUrl, {
      clientId: device.id,
      username: device.id,
      password: device.secret,
      reconnectPeriod: 0,
    })
    await client.publishAsync(`fleet/v1/devices/${device.id}/telemetry`, JSON.stringify({ points }), {
      qos: 1,
    })
    await client.endAsync()
  }
  const newPage = async (
    colorScheme: "light" | "dark" = "light",
    viewport = { width: 1280, height: 900 },
  ): Promise<Page> => {
    const context = await browser.newContext({ locale: "en-GB", colorScheme, viewport })
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
    await page.getByTestId("home").waitFor()
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })

  let van: { id: string; secret: string; vehicleId: string }
  let taskId = ""

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "fleetcore-tasks-"))
    await mkdir(resultsDir, { recursive: true })
    fleet = await startFleetCore({ dataDir, simulatorVehicles: 0 })
    browser = await launchChromium()
    const demo = fleet.demo
    if (!demo) throw new Error("the server seeded no demo organisation")
    for (const [email, name, locale] of [
      ["manager@tasks.test", "Marat Manager", "en"],
      ["manager-ru@tasks.test", "Мария Менеджер", "ru"],
    ] as const)
      await fleet.db.system.query(
        "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, 'manager', $5)",
        [demo.orgId, email, name, await hashSecret(PASSWORD), locale],
      )
    const driverId = (
      await fleet.db.system.query<{ id: string }>(
        `WITH u AS (INSERT INTO users (org_id, email, name, password_hash, role) VALUES ($1, 'dana@tasks.test', 'Dana Driver', $2, 'driver') RETURNING id, org_id, name)
         INSERT INTO drivers (id, org_id, user_id, full_name) SELECT id, org_id, id, name FROM u RETURNING id`,
        [demo.orgId, await hashSecret(PASSWORD)],
      )
    ).rows[0]?.id as string
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: demo.email, password: demo.password }),
    })
    adminToken = ((await login.json()) as { accessToken: string }).accessToken
    const vehicle = await api<{ id: string }>("POST", "/api/v1/vehicles", {
      name: "Pump van",
      plate: "TSK 042",
    })
    const { secret } = await api<{ secret: string }>("POST", "/api/v1/devices", {
      id: "task-van",
      vehicleId: vehicle.id,
    })
    van = { id: "task-van", secret, vehicleId: vehicle.id }
    await api("POST", `/api/v1/vehicles/${vehicle.id}/assignments`, {
      driverId,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
    await api("POST", "/api/v1/geofences", { name: "Customer yard", kind: "polygon", ring: RING, dwellS: 0 })
  }, 120_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await fleet?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("an admin defines a workflow whose on-site step the vehicle takes by entering the fence", async () => {
    const page = await newPage()
    await signIn(page, fleet.demo?.email ?? "", fleet.demo?.password)
    await page.goto(`${fleet.httpUrl}/tasks/templates`)
    await page.getByTestId("template-new").click()
    await page.getByTestId("template-name").fill("Pump delivery")
    // The starter machine: created → in progress → completed. Add "on site" before completed.
    await page.getByTestId("state-add").click()
    await page.getByTestId("state-key").nth(3).fill("on_site")
    await page.getByTestId("state-label").nth(3).fill("On site")
    await page.getByTestId("transition-to").nth(1).selectOption("on_site")
    await page.getByTestId("transition-add").click()
    await page.getByTestId("transition-from").nth(2).selectOption("on_site")
    await page.getByTestId("transition-to").nth(2).selectOption("completed")
    await page.getByTestId("transition-photo").nth(2).check()
    await page.getByTestId("transition-signature").nth(2).check()
    await page.getByTestId("trigger-geofence_enter").selectOption("on_site")
    // A trigger into a state no transition reaches is refused with the server's precise message.
    await page.getByTestId("transition-to").nth(1).selectOption("completed")
    await page.getByTestId("template-save").click()
    await expect.poll(() => page.getByTestId("template-error").textContent(), POLL).toContain("on_site")
    await page.getByTestId("transition-to").nth(1).selectOption("on_site")
    await shot(page, "template-editor-en-light")
    await page.getByTestId("template-save").click()
    await page.getByTestId("template-card").filter({ hasText: "Pump delivery" }).waitFor()
    await shot(page, "templates-en-light")
  }, 120_000)

  it("a manager creates a task for the driver; the vehicle entering the fence moves it on site", async () => {
    const page = await newPage()
    await signIn(page, "manager@tasks.test")
    await page.getByTestId("nav-tasks").click()
    await page.getByTestId("task-new").click()
    await expect.poll(() => page.getByTestId("task-templateId").locator("option").count(), POLL).toBe(2)
    await page.getByTestId("task-templateId").selectOption({ label: "Pump delivery" })
    await page.getByTestId("task-title").fill("Deliver the pump to the yard")
    await expect
      .poll(() => page.getByTestId("task-assigneeUserId").locator("option").count(), POLL)
      .toBeGreaterThan(2)
    await page.getByTestId("task-assigneeUserId").selectOption({ label: "Dana Driver" })
    await pickRecord(page, "task-vehicle", "Pump van")
    await pickRecord(page, "task-driver", "Dana")
    await expect.poll(() => page.getByTestId("task-geofenceId").locator("option").count(), POLL).toBe(2)
    await page.getByTestId("task-geofenceId").selectOption({ label: "Customer yard" })
    await page.getByTestId("task-submit").click()
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/u)
    taskId = page.url().split("/").pop() ?? ""
    await expect.poll(() => page.getByTestId("task-status").textContent(), POLL).toBe("Created")

    const t0 = Date.now() - 60_000
    await publish(
      van,
      Array.from({ length: 8 }, (_, i) => ({
        timeMs: t0 + i * 5000,
        ...(i < 3 ? { lat: 43.29, lon: 76.91 } : { lat: 43.31, lon: 76.91 }),
        speedMps: 3,
      })),
    )
    await expect
      .poll(async () => (await api<{ status: string }>("GET", `/api/v1/tasks/${taskId}`)).status, POLL)
      .toBe("on_site")
    await page.reload()
    await expect.poll(() => page.getByTestId("task-status").textContent(), POLL).toBe("On site")
    await expect
      .poll(() => page.getByTestId("task-history-cause").last().textContent(), POLL)
      .toContain("automatically: the vehicle entered Customer yard")
  }, 120_000)

  it("the driver, on a phone, adds a photo and completes the task; the history names every cause", async () => {
    const phone = await newPage("light", { width: 390, height: 844 })
    await signIn(phone, "dana@tasks.test")
    const card = phone.getByTestId("driver-tasks")
    await card
      .getByTestId("driver-task")
      .filter({ hasText: "Deliver the pump" })
      .getByRole("button")
      .first()
      .click()
    await expect
      .poll(() => card.getByTestId("driver-task-status").first().textContent(), POLL)
      .toBe("On site")
    // Completing without the photo and the signature the step needs is refused, in words, before
    // anything is uploaded.
    await card.getByTestId("task-move-completed").click()
    await expect
      .poll(() => card.getByTestId("task-step-error").textContent(), POLL)
      .toBe("This step needs a photo, a signature first.")
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#2f80c0" } })
      .jpeg()
      .toBuffer()
    await card
      .getByTestId("driver-task-photo")
      .setInputFiles({ name: "pump.jpg", mimeType: "image/jpeg", buffer: photo })
    await card.getByTestId("task-comment").fill("Pump delivered, signed by the foreman")
    await card.getByTestId("task-move-completed").click()
    await expect
      .poll(() => card.getByTestId("task-step-error").textContent(), POLL)
      .toBe("This step needs a signature first.")
    // Signed with a finger on the phone.
    const pad = card.getByTestId("task-signature-pad")
    await pad.scrollIntoViewIfNeeded()
    const box = await pad.boundingBox()
    if (box === null) throw new Error("the signature pad is not on the page")
    await phone.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6)
    await phone.mouse.down()
    for (let i = 1; i <= 20; i++)
      await phone.mouse.move(
        box.x + box.width * (0.15 + i * 0.035),
        box.y + box.height * (0.6 - 0.25 * Math.sin(i / 2.5)),
        { steps: 2 },
      )
    await phone.mouse.up()
    await expect.poll(() => card.getByTestId("task-step-error").count(), POLL).toBe(0)
    await shot(phone, "driver-card-en-light")
    await card.getByTestId("task-move-completed").click()
    await expect
      .poll(async () => (await api<{ status: string }>("GET", `/api/v1/tasks/${taskId}`)).status, POLL)
      .toBe("completed")
    await card.getByText("No open tasks for you.").waitFor()

    const events = await api<{
      items: Array<{ kind: string; actorName: string | null; toStatus: string | null; details: object }>
    }>("GET", `/api/v1/tasks/${taskId}/events`)
    expect(events.items.map((e) => [e.kind, e.toStatus, e.actorName])).toEqual([
      ["created", "created", "Marat Manager"],
      ["assignment", null, "Marat Manager"],
      ["status_change", "on_site", null],
      ["attachment", null, "Dana Driver"],
      ["status_change", "completed", "Dana Driver"],
    ])
    // The signature is the task's PNG, named on the completing step; the photo its only other document.
    const signatureId = (events.items.at(-1) as { details?: { signatureId?: string } }).details?.signatureId
    const documents = await api<{ items: Array<{ id: string; mimeType: string; kind: string }> }>(
      "GET",
      `/api/v1/documents?entityType=task&entityId=${taskId}`,
    )
    expect(documents.items.map((d) => [d.id === signatureId, d.mimeType]).sort()).toEqual([
      [false, "image/jpeg"],
      [true, "image/png"],
    ])

    for (const [who, theme, name] of [
      ["manager@tasks.test", "light", "en-light"],
      ["manager-ru@tasks.test", "dark", "ru-dark"],
    ] as const) {
      const page = await newPage(theme)
      await signIn(page, who)
      await page.goto(`${fleet.httpUrl}/tasks/${taskId}`)
      await expect.poll(() => page.getByTestId("task-history-item").count(), POLL).toBe(5)
      await expect.poll(() => page.getByTestId("task-history-signed").count(), POLL).toBe(1)
      const causes = await page.getByTestId("task-history-cause").allTextContents()
      expect(causes[2]).toContain(who.startsWith("manager-ru") ? "автоматически" : "automatically")
      expect(causes[4]).toContain("Dana Driver")
      await shot(page, `task-${name}`)
      await page.goto(`${fleet.httpUrl}/tasks`)
      await page.getByTestId("task-row-title").first().waitFor()
      await shot(page, `tasks-${name}`)
    }
    const darkPhone = await newPage("dark", { width: 390, height: 844 })
    await signIn(darkPhone, "dana@tasks.test")
    await darkPhone.getByTestId("driver-tasks").waitFor()
    await shot(darkPhone, "driver-card-en-dark")
    expect(pageErrors).toEqual([])
  }, 240_000)

  it("an ad hoc task's built-in states are said in the driver's language, on Home and on the task's page", async () => {
    const demo = fleet.demo
    if (!demo) throw new Error("the server seeded no demo organisation")
    for (const [locale, open, moveTo] of [
      ["ru", "Открыта", "В работе"],
      ["kk", "Ашық", "Орындалуда"],
      ["tr", "Açık", "Devam ediyor"],
    ] as const) {
      const email = `driver-${locale}@tasks.test`
      const userId = (
        await fleet.db.system.query<{ id: string }>(
          "INSERT INTO users (org_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, 'driver', $5) RETURNING id",
          [demo.orgId, email, `Driver ${locale}`, await hashSecret(PASSWORD), locale],
        )
      ).rows[0]?.id as string
      const task = await api<{ id: string }>("POST", "/api/v1/tasks", {
        title: `Check the tyres (${locale})`,
        assigneeUserId: userId,
      })
      const phone = await newPage("light", { width: 390, height: 844 })
      await signIn(phone, email)
      const card = phone.getByTestId("driver-tasks")
      await expect.poll(() => card.getByTestId("driver-task-status").first().textContent(), POLL).toBe(open)
      await phone.goto(`${fleet.httpUrl}/tasks/${task.id}`)
      await expect.poll(() => phone.getByTestId("task-status").textContent(), POLL).toBe(open)
      expect(await phone.getByTestId("task-move-in_progress").textContent()).toContain(moveTo)
      if (locale === "ru") await shot(phone, "driver-adhoc-task-ru")
    }
    expect(pageErrors).toEqual([])
  }, 120_000)
})
