import type { RunningFleetCore } from "@fleetcore/server"
import mqtt, { type MqttClient } from "mqtt"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Issue 14, commands to devices in the browser: a dispatcher opens a vehicle's Commands tab while its
 * FleetCore device is connected over real MQTT (the test answers every command it receives); a sent
 * command goes from sent to answered without a reload (the live feed); cutting the fuel/relay asks
 * for a confirmation first, and nothing reaches the device until it is given. Screenshots in light
 * and dark, English and Russian, go to test-results/commands/.
 */

const POLL = { timeout: 20_000, interval: 100 }

describe("the Commands tab in a browser", () => {
  let b: BrowserFleet
  let fleet: RunningFleetCore
  let vehicleId = ""
  let client: MqttClient
  const deviceId = "cmd-tracker-1"
  const received: Array<{ id: string; type: string }> = []

  beforeAll(async () => {
    b = await startBrowserFleet("commands")
    fleet = b.fleet
    await b.addUser({ email: "dispatcher@commands.test", role: "dispatcher", name: "Dana", locale: "en" })
    await b.addUser({ email: "dispatcher-ru@commands.test", role: "dispatcher", name: "Дина", locale: "ru" })
    const owner = await b.tokenOf()
    vehicleId = (
      await b.api<{ id: string }>(owner, "POST", "/api/v1/vehicles", { name: "Sprinter 9", plate: "CMD 909" })
    ).id
    const { secret } = await b.api<{ secret: string }>(owner, "POST", "/api/v1/devices", {
      id: deviceId,
      vehicleId,
    })
    client = await mqtt.connectAsync(fleet.mqttUrl, {
      clientId: deviceId,
      username: deviceId,
      password: secret,
      reconnectPeriod: 0,
    })
    client.on("message", (topic, payload) => {
      const command = JSON.parse(payload.toString()) as { id: string; type: string }
      received.push(command)
      // A real device takes a moment to carry a command out.
      setTimeout(() => {
        void client.publishAsync(
          `${topic}/response`,
          JSON.stringify({ id: command.id, ok: true, text: `done: ${command.type}` }),
          { qos: 1 },
        )
      }, 500)
    })
    await client.subscribeAsync(`fleet/v1/devices/${deviceId}/commands`, { qos: 1 })
  }, 120_000)

  afterAll(async () => {
    await client?.endAsync()
    await b?.close()
  })

  const openTab = async (page: Page) => {
    await page.goto(`${fleet.httpUrl}/vehicles/${vehicleId}?tab=commands`)
    await page.getByTestId("command-form").waitFor()
  }
  const firstStatus = (page: Page) => page.getByTestId("command-status").first().getAttribute("data-status")

  it("sends a command and shows it answered, live", async () => {
    const page = await b.newPage()
    await b.signIn(page, "dispatcher@commands.test")
    await openTab(page)
    const navigations: string[] = []
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url())
    })
    await page.getByTestId("command-type").selectOption("setInterval")
    await page.getByTestId("command-seconds").fill("30")
    await page.getByTestId("command-send").click()
    await expect.poll(() => firstStatus(page), POLL).toBe("answered")
    await expect
      .poll(() => page.getByTestId("command-answer").first().textContent(), POLL)
      .toBe("done: setInterval")
    expect(navigations).toEqual([])
    expect(received.map((c) => c.type)).toEqual(["setInterval"])
    await b.shot(page, "commands-en-light")
  })

  it("asks before cutting the fuel/relay and sends nothing until confirmed", async () => {
    const page = await b.newPage({ colorScheme: "dark" })
    await b.signIn(page, "dispatcher@commands.test")
    await openTab(page)
    await page.getByTestId("command-type").selectOption("engineStop")
    await page.getByTestId("command-send").click()
    const dialog = page.getByTestId("confirm-dialog")
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain("the engine stops")
    await b.shot(page, "commands-confirm-en-dark", { fullPage: false })
    // Nothing went to the device while the dialog asks.
    await new Promise((r) => setTimeout(r, 500))
    expect(received.map((c) => c.type)).toEqual(["setInterval"])

    await page.getByTestId("confirm-dialog-confirm").click()
    await dialog.waitFor({ state: "hidden" })
    await expect.poll(() => received.map((c) => c.type), POLL).toEqual(["setInterval", "engineStop"])
    await expect.poll(() => firstStatus(page), POLL).toBe("answered")
    await b.shot(page, "commands-en-dark")
  })

  it("reads in Russian, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await b.newPage({ colorScheme, locale: "ru-RU" })
      await b.signIn(page, "dispatcher-ru@commands.test")
      await openTab(page)
      await page.getByTestId("command-status").first().waitFor()
      expect(await page.getByTestId("vehicle-commands").textContent()).toContain("Отправленные команды")
      await b.shot(page, `commands-ru-${colorScheme}`)
    }
    expect(b.pageErrors).toEqual([])
  })
})
