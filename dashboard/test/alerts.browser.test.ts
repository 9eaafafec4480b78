import type { RunningFleetCore } from "@fleetcore/server"
import mqtt from "mqtt"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Issue 9, the alerts inbox in the browser: a dispatcher has the inbox open when a tracker reports an
 * engine fault code over real MQTT; the alert appears in the list without a reload (the engine pushes
 * it on the live WebSocket), the dispatcher acknowledges it with a note and assigns it, and the row
 * updates, here and in a manager's inbox open at the same time. Screenshots of the inbox, an alert
 * and a vehicle's alerts tab in light and dark, English and Russian go to test-results/alerts/.
 */

const POLL = { timeout: 20_000, interval: 100 }

describe("the alerts inbox in a browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let adminToken = ""
  let vehicleId = ""
  let device = { id: "inbox-tracker-1", secret: "" }

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${fleet.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  /** The page scrolls inside the frame, so a tall viewport shows all of it. */
  /** The inbox's row of the vehicle's alert of `type`. */
  const rowOf = (page: Page, type: string) =>
    page
      .getByTestId("alerts-row")
      .filter({ has: page.getByText(type) })
      .filter({ hasText: "ALR 777" })

  /** A minute of points from the tracker over MQTT (QoS 1), reporting fault code P0420 after 10 s. */
  const publishFault = async () => {
    const client = await mqtt.connectAsync(fleet.mqttUrl, {
      clientId: device.id,
      username: device.id,
      password: device.secret,
      reconnectPeriod: 0,
    })
    const t0 = Date.now() - 5 * 60_000
    const points = Array.from({ length: 60 }, (_, i) => ({
      timeMs: t0 + i * 1000,
      lat: 43.238,
      lon: 76.889 + i * 0.0001,
      speedMps: 0,
      ignition: true,
      dtc: i > 10 ? ["P0420"] : [],
    }))
    await client.publishAsync(`fleet/v1/devices/${device.id}/telemetry`, JSON.stringify({ points }), {
      qos: 1,
    })
    await client.endAsync()
  }

  beforeAll(async () => {
    b = await startBrowserFleet("alerts")
    fleet = b.fleet
    await b.addUser({
      email: "dispatcher@alerts.test",
      role: "dispatcher",
      name: "Dana Dispatcher",
      locale: "en",
    })
    await b.addUser({ email: "manager@alerts.test", role: "manager", name: "Marat Manager", locale: "en" })
    await b.addUser({
      email: "dispatcher-ru@alerts.test",
      role: "dispatcher",
      name: "Дина Диспетчер",
      locale: "ru",
    })
    const login = await fetch(`${fleet.httpUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: fleet.demo?.email, password: fleet.demo?.password }),
    })
    adminToken = ((await login.json()) as { accessToken: string }).accessToken
    vehicleId = (
      await api<{ id: string }>("POST", "/api/v1/vehicles", { name: "Sprinter 7", plate: "ALR 777" })
    ).id
    device = {
      id: device.id,
      secret: (await api<{ secret: string }>("POST", "/api/v1/devices", { id: device.id, vehicleId })).secret,
    }
  }, 120_000)

  afterAll(async () => {
    await b?.close()
  })

  it("shows an alert raised over MQTT live, and the dispatcher acknowledges it with a note and assigns it", async () => {
    const dispatcher = await b.newPage()
    await b.signIn(dispatcher, "dispatcher@alerts.test")
    await dispatcher.getByTestId("nav-alerts").click()
    await dispatcher.getByTestId("alerts-table").waitFor()
    await expect
      .poll(() => dispatcher.getByTestId("live-status").getAttribute("data-status"), POLL)
      .toBe("open")
    const manager = await b.newPage()
    await b.signIn(manager, "manager@alerts.test")
    await manager.goto(`${fleet.httpUrl}/alerts?status=acknowledged`)
    await manager.getByTestId("alerts-table").waitFor()
    await expect.poll(() => manager.getByTestId("live-status").getAttribute("data-status"), POLL).toBe("open")
    const navigations: string[] = []
    dispatcher.on("framenavigated", (frame) => {
      if (frame === dispatcher.mainFrame()) navigations.push(frame.url())
    })

    await publishFault()
    const row = rowOf(dispatcher, "Engine fault code P0420")
    await row.waitFor({ timeout: 20_000 })
    expect(navigations).toEqual([]) // it came over the WebSocket: no reload, no navigation
    expect(await row.getByTestId("alert-status").getAttribute("data-status")).toBe("open")
    // The row's link is its type (its name), not the tick box before it.
    expect(await row.getByTestId("alerts-row-link").textContent()).toContain("Engine fault code P0420")
    // A click beside the tick box, in its cell, is not the row's: the inbox stays.
    await row
      .locator("td")
      .first()
      .click({ position: { x: 3, y: 3 } })
    expect(new URL(dispatcher.url()).pathname).toBe("/alerts")

    // Tick it and acknowledge it with a note: the row turns "acknowledged" in place.
    await row.getByTestId("alert-select").check()
    await dispatcher.getByTestId("alerts-bulk-acknowledge").click()
    await dispatcher.getByTestId("alert-dialog-note").fill("Catalyst warning: driver told to book a service")
    await dispatcher.getByTestId("alert-dialog-submit").click()
    await expect
      .poll(() => row.getByTestId("alert-status").getAttribute("data-status"), POLL)
      .toBe("acknowledged")
    // The manager's inbox, filtered to acknowledged alerts, received it live.
    await rowOf(manager, "Engine fault code P0420").waitFor({ timeout: 20_000 })

    // Open it and assign it to the manager with the picker.
    await row.click()
    await dispatcher.getByTestId("alert-facts").waitFor()
    expect(await dispatcher.getByTestId("alert-ack-note").textContent()).toBe(
      "Catalyst warning: driver told to book a service",
    )
    await dispatcher.getByTestId("alert-assign").click()
    await dispatcher
      .getByTestId("alert-dialog-assignee")
      .selectOption({ label: "Marat Manager · Fleet manager" })
    await dispatcher.getByTestId("alert-dialog-note").fill("Please book the service")
    await dispatcher.getByTestId("alert-dialog-submit").click()
    await expect
      .poll(() => dispatcher.getByTestId("alert-assignee").textContent(), POLL)
      .toBe("Marat Manager")
    await expect
      .poll(
        () =>
          dispatcher
            .getByTestId("alert-history-item")
            .evaluateAll((items) => items.map((i) => i.getAttribute("data-action"))),
        POLL,
      )
      .toEqual(["acknowledge", "assign"])
    await b.shot(dispatcher, "alert-en-light")

    // Back in the inbox the row shows the assignee; the manager's row too, without a reload.
    await dispatcher.getByTestId("alert-back").click()
    await expect
      .poll(
        () => rowOf(dispatcher, "Engine fault code P0420").getByTestId("alert-row-assignee").textContent(),
        POLL,
      )
      .toBe("Marat Manager")
    await expect
      .poll(
        () => rowOf(manager, "Engine fault code P0420").getByTestId("alert-row-assignee").textContent(),
        POLL,
      )
      .toBe("Marat Manager")
    await b.shot(dispatcher, "inbox-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("filters through the URL and shows a vehicle's alerts on its page", async () => {
    const page = await b.newPage()
    await b.signIn(page, "dispatcher@alerts.test")
    await page.goto(`${fleet.httpUrl}/alerts`)
    await page.getByTestId("alerts-filter-status").selectOption("resolved")
    await expect.poll(() => new URL(page.url()).searchParams.get("status"), POLL).toBe("resolved")
    await expect.poll(() => rowOf(page, "Engine fault code P0420").count(), POLL).toBe(0)
    await page.getByTestId("alerts-filter-status").selectOption("acknowledged")
    await rowOf(page, "Engine fault code P0420").waitFor()
    await page.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=alerts`)
    await page.getByTestId("vehicle-alerts").waitFor()
    await expect
      .poll(() => page.getByTestId("alert-row-type").allTextContents(), POLL)
      .toEqual(["Engine fault code P0420"])
    await b.shot(page, "vehicle-tab-en-light")
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", async () => {
    const [who, scheme, name] = ["dispatcher-ru@alerts.test", "dark", "inbox-ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, who)
    await page.goto(`${fleet.httpUrl}/alerts`)
    await page.getByTestId("alerts-row").first().waitFor()
    await page.getByTestId("alert-select").first().check()
    await page.getByTestId("alerts-bulk").waitFor()
    await b.shot(page, name)
    if (name === "inbox-ru-dark") {
      await page.getByTestId("alerts-row").first().click()
      await page.getByTestId("alert-history").waitFor()
      await expect.poll(() => page.getByTestId("alert-history-item").count(), POLL).toBe(2)
      await b.shot(page, "alert-ru-dark")
    }
    expect(b.pageErrors).toEqual([])
  })
})
