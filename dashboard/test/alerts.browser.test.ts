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
    // From the vehicle's tab to the inbox: the list is filtered to it, and the filter says so.
    await page.getByTestId("vehicle-alerts-inbox").click()
    await expect.poll(() => new URL(page.url()).searchParams.get("vehicleId"), POLL).toBe(vehicleId)
    const filter = page.getByTestId("alerts-filter-vehicle")
    await expect.poll(() => filter.inputValue(), POLL).toBe("Sprinter 7 · ALR 777")
    await rowOf(page, "Engine fault code P0420").waitFor()
    await b.shot(page, "inbox-vehicle-filter-en-light")
    // "All vehicles" clears it, in the URL too.
    await filter.click()
    await page.getByTestId("alerts-filter-vehicle-list").getByRole("option", { name: "All vehicles" }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get("vehicleId"), POLL).toBeNull()
    await expect.poll(() => filter.inputValue(), POLL).toBe("All vehicles")
    expect(b.pageErrors).toEqual([])
  })

  it("looks right in dark and in Russian", async () => {
    const [who, scheme, name] = ["dispatcher-ru@alerts.test", "dark", "inbox-ru-dark"] as const
    const page = await b.newPage({ colorScheme: scheme })
    await b.signIn(page, who)
    await page.goto(`${fleet.httpUrl}/alerts?vehicleId=${vehicleId}`)
    await page.getByTestId("alerts-row").first().waitFor()
    await expect
      .poll(() => page.getByTestId("alerts-filter-vehicle").inputValue(), POLL)
      .toBe("Sprinter 7 · ALR 777")
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

  it("shows each type's details as labelled facts in the reader's language and units, naming records", async () => {
    const fence = await api<{ id: string }>("POST", "/api/v1/geofences", {
      name: "Almaty depot",
      kind: "circle",
      lat: 43.3,
      lon: 77.0,
      radiusM: 300,
    })
    // A refuel over the card's daily limit raises the limit alert, as in production.
    const card = await api<{ id: string }>("POST", "/api/v1/fuel-cards", {
      name: "CARD-DRIVER-002",
      currency: "KZT",
      dailyLimit: "4000.00",
    })
    await api("POST", `/api/v1/vehicles/${vehicleId}/fuel-entries`, {
      time: new Date(Date.now() - 3_600_000).toISOString(),
      litres: 20,
      odometerKm: 1000,
      currency: "KZT",
      amount: "5000.00",
      fuelCardId: card.id,
    })
    const limit = await api<{ items: ReadonlyArray<{ id: string }> }>(
      "GET",
      `/api/v1/alerts?vehicleId=${vehicleId}&type=fuel_card_limit`,
    )
    // The rules' alerts with the details their producers write (VehicleRules, OdometerIntegrityRule).
    const sinceMs = Date.UTC(2027, 2, 12, 9, 30, 15)
    const raise = async (type: string, details: Record<string, unknown>) =>
      (
        await fleet.db.system.query<{ id: string }>(
          `INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, details)
           VALUES ($1, $2, $3, $4, 'warning', now(), now(), $5::jsonb) RETURNING id`,
          [b.orgId, vehicleId, type, type === "geofence_enter" ? fence.id : "", JSON.stringify(details)],
        )
      ).rows[0]?.id ?? ""
    const ids = {
      geofence: await raise("geofence_enter", { geofenceId: fence.id }),
      rollback: await raise("odometer_rollback", {
        previousM: 120_057_666.7,
        currentM: 110_000_000,
        decreaseM: 10_057_666.700000003,
        elapsedS: 20.565,
      }),
      overspeed: await raise("overspeed", { limitKmh: 90, maxKmh: 112, sinceMs, laneCount: 3 }),
      limit: limit.items[0]?.id ?? "",
    }

    /** The alert's facts by key, Intl's no-break spaces as plain ones. */
    const factsOf = async (page: Page, id: string, keys: ReadonlyArray<string>) => {
      await page.goto(`${fleet.httpUrl}/alerts/${id}`)
      await page.getByTestId("alert-facts").waitFor()
      const texts: Record<string, string> = {}
      for (const key of keys)
        texts[key] = ((await page.getByTestId(`alert-fact-${key}`).textContent()) ?? "").replace(
          /[\u00a0\u202f]/gu,
          " ",
        )
      return texts
    }
    // Times are shown on the organisation's wall clock (Almaty, the default), not the browser's.
    const dateTimeIn = (page: Page) =>
      page.evaluate(
        (ms) =>
          new Intl.DateTimeFormat(document.documentElement.lang, {
            dateStyle: "medium",
            timeStyle: "medium",
            timeZone: "Asia/Almaty",
          })
            .format(ms)
            .replace(/[\u00a0\u202f]/gu, " "),
        sinceMs,
      )

    const en = await b.newPage()
    await b.signIn(en, "dispatcher@alerts.test")
    expect(await factsOf(en, ids.geofence, ["geofence"])).toEqual({ geofence: "Almaty depot" })
    expect(await en.getByTestId("alert-fact-geofence").getByRole("link").getAttribute("href")).toBe(
      `/geofences?fence=${fence.id}`,
    )
    // The link opens that geofence on the geofences page.
    await en.getByTestId("alert-fact-geofence").getByRole("link").click()
    await en.getByTestId("geofence-editor").getByRole("heading", { name: "Almaty depot" }).waitFor()
    expect(await factsOf(en, ids.rollback, ["previousM", "currentM", "decreaseM", "elapsedS"])).toEqual({
      previousM: "120,057.7 km",
      currentM: "110,000 km",
      decreaseM: "10,057.7 km",
      elapsedS: "21 sec",
    })
    const overspeed = await factsOf(en, ids.overspeed, ["limitKmh", "maxKmh", "sinceMs", "laneCount"])
    expect(overspeed).toEqual({
      limitKmh: "90 km/h",
      maxKmh: "112 km/h",
      sinceMs: await dateTimeIn(en),
      // A detail no producer wrote before still shows, under a readable name.
      laneCount: "3",
    })
    expect(await en.getByTestId("alert-facts").innerText()).toContain("Lane count")
    await b.shot(en, "alert-overspeed-en-light")
    const limitFacts = await factsOf(en, ids.limit, ["card", "cardLimit"])
    expect(limitFacts.card).toBe("CARD-DRIVER-002")
    expect(limitFacts.cardLimit).toBe("Spent ₸5,000.00 of the daily limit ₸4,000.00")
    await b.shot(en, "alert-details-en-light")
    // The inbox's row names what the alert is about besides the vehicle: the geofence, the card.
    await en.goto(`${fleet.httpUrl}/alerts`)
    await expect
      .poll(() => en.getByTestId("alert-row-type").allTextContents(), POLL)
      .toEqual(
        expect.arrayContaining(["Geofence entered · Almaty depot", "Fuel card limit · CARD-DRIVER-002"]),
      )
    await b.shot(en, "inbox-subjects-en-light")
    // The vehicle's track (the replay's events) titles its alerts the same way.
    await en.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=track&period=today`)
    await expect
      .poll(() => en.getByTestId("replay-event").allTextContents(), POLL)
      .toEqual(expect.arrayContaining(["Geofence entered · Almaty depot"]))
    await b.shot(en, "track-events-en-light")

    const ru = await b.newPage({ colorScheme: "dark" })
    await b.signIn(ru, "dispatcher-ru@alerts.test")
    expect(await factsOf(ru, ids.geofence, ["geofence"])).toEqual({ geofence: "Almaty depot" })
    expect(await ru.getByTestId("alert-facts").innerText()).toContain("Геозона")
    expect(await factsOf(ru, ids.rollback, ["previousM", "decreaseM", "elapsedS"])).toEqual({
      previousM: "120 057,7 км",
      decreaseM: "10 057,7 км",
      elapsedS: "21 с",
    })
    expect(await ru.getByTestId("alert-facts").innerText()).toContain("Откат на")
    await b.shot(ru, "alert-rollback-ru-dark")
    expect((await factsOf(ru, ids.overspeed, ["sinceMs"])).sinceMs).toBe(await dateTimeIn(ru))
    expect(await ru.getByTestId("alert-facts").innerText()).toContain("Ограничение скорости")
    // A place in Russian: the decimal comma would make "43,22680, 76,87480" four numbers.
    const placed = await fleet.db.system.query<{ id: string }>(
      `INSERT INTO alerts (org_id, vehicle_id, type, key, severity, opened_at, last_seen_at, lat, lon, details)
       VALUES ($1, $2, 'low_battery', '', 'warning', now(), now(), 43.2268, 76.8748, '{"minV": 11.2}') RETURNING id`,
      [b.orgId, vehicleId],
    )
    await ru.goto(`${fleet.httpUrl}/alerts/${placed.rows[0]?.id}`)
    await expect.poll(() => ru.getByTestId("alert-location").textContent(), POLL).toBe("43,22680; 76,87480")
    expect((await factsOf(ru, ids.limit, ["cardLimit"])).cardLimit).toBe(
      "Потрачено 5 000,00 ₸ при дневном лимите 4 000,00 ₸",
    )
    await b.shot(ru, "alert-details-ru-dark")
    await ru.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=track&period=today`)
    await expect
      .poll(() => ru.getByTestId("replay-event").allTextContents(), POLL)
      .toEqual(expect.arrayContaining(["Въезд в геозону · Almaty depot"]))
    await b.shot(ru, "track-events-ru-dark")
    expect(b.pageErrors).toEqual([])
  })
})
