import { connect } from "node:net"
import { encodeImeiHandshake } from "@fleetcore/ingest"
import { restartablePort } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BrowserFleet, startBrowserFleet } from "./browserFleet.js"

/*
 * Trackers known by their identifier, in the browser: on a vehicle's Devices tab the installation
 * owner sees a Teltonika tracker that knocked with an unknown IMEI and claims it; an admin registers
 * an OsmAnd phone, and a wrong IMEI is refused on its field; a Teltonika is registered with its model; a
 * manager registers a FleetCore device, connects with the secret the page shows, and rotates, disables
 * and deletes it. Photographed in light and dark, English and Russian, into test-results/trackers/.
 */

const POLL = { timeout: 15_000, interval: 100 }
const UNKNOWN_IMEI = "490154203237518"

describe("trackers in the browser", () => {
  let b: BrowserFleet
  let token: string
  let claimVehicle: string
  let phoneVehicle: string

  beforeAll(async () => {
    b = await startBrowserFleet("trackers", { teltonikaPort: await restartablePort() })
    await b.addUser({ email: "owner.en@trackers.example", role: "owner", name: "Owner", locale: "en" })
    await b.addUser({ email: "owner.ru@trackers.example", role: "owner", name: "Владелец", locale: "ru" })
    await b.addUser({ email: "manager.en@trackers.example", role: "manager", name: "Manager", locale: "en" })
    token = await b.tokenOf("owner.en@trackers.example")
    const vehicle = (plate: string) =>
      b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name: plate, plate }).then((v) => v.id)
    claimVehicle = await vehicle("777 TLT 02")
    phoneVehicle = await vehicle("555 OSM 02")
    // A tracker nobody registered knocks: refused with 0x00 and listed.
    const socket = connect(b.fleet.teltonikaPort as number, "127.0.0.1")
    const answer = await new Promise<number>((resolve, reject) => {
      socket.once("error", reject)
      socket.once("data", (chunk: Buffer) => resolve(chunk[0] ?? -1))
      socket.write(encodeImeiHandshake(UNKNOWN_IMEI))
    })
    socket.destroy()
    expect(answer).toBe(0)
  }, 240_000)
  afterAll(async () => b?.close())

  it("claims an unknown tracker and registers a phone, with the IMEI checked on its field", async () => {
    const page = await b.newPage()
    await b.signIn(page, "owner.en@trackers.example")
    await page.goto(`${b.fleet.httpUrl}/vehicles/${claimVehicle}?tab=devices`)
    const unknown = page.getByTestId("unknown-devices")
    await expect.poll(() => unknown.getByText(UNKNOWN_IMEI).count(), POLL).toBe(1)
    await b.shot(page, "devices-tab-en-light")
    await unknown.getByTestId("unknown-device-claim").click()
    await expect
      .poll(() => page.getByTestId("vehicle-devices-table").getByText(UNKNOWN_IMEI).count(), POLL)
      .toBeGreaterThan(0)
    await b.shot(page, "claimed-en-light")

    await page.goto(`${b.fleet.httpUrl}/vehicles/${phoneVehicle}?tab=devices`)
    const form = page.getByTestId("device-register-form")
    await form.getByTestId("device-identifier").fill("356307042441014")
    await form.getByTestId("device-id").fill("fmb-typo")
    await form.getByTestId("device-register").click()
    await expect.poll(() => form.getByText(/Luhn/u).count(), POLL).toBe(1)
    await b.shot(page, "imei-refused-en-light")
    await form.getByTestId("device-protocol").selectOption("osmand")
    await form.getByTestId("device-identifier").fill("814602")
    await form.getByTestId("device-id").fill("driver-phone-1")
    await form.getByTestId("device-register").click()
    await expect
      .poll(() => page.getByTestId("vehicle-devices-table").getByText("814602").count(), POLL)
      .toBe(1)
    const devices = await b.api<{ items: Array<{ id: string; protocol: string; vehicleId: string }> }>(
      token,
      "GET",
      `/api/v1/devices?vehicleId=${phoneVehicle}`,
    )
    expect(devices.items).toEqual([expect.objectContaining({ id: "driver-phone-1", protocol: "osmand" })])

    // A Teltonika registered with its model: its IO elements are read with the FMC130's map.
    const fmcVehicle = await b
      .api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name: "130 FMC 02", plate: "130 FMC 02" })
      .then((v) => v.id)
    await page.goto(`${b.fleet.httpUrl}/vehicles/${fmcVehicle}?tab=devices`)
    const fmcForm = page.getByTestId("device-register-form")
    await fmcForm.getByTestId("device-identifier").fill("356307042441013")
    await fmcForm.getByTestId("device-model").selectOption("FMC130")
    await fmcForm.getByTestId("device-id").fill("fmc130-van")
    await b.shot(page, "model-en-light")
    await fmcForm.getByTestId("device-register").click()
    await expect
      .poll(() => page.getByTestId("vehicle-devices-table").getByText("356307042441013").count(), POLL)
      .toBe(1)
    const fmc = await b.api<{ model: string | null }>(token, "GET", "/api/v1/devices/fmc130-van")
    expect(fmc.model).toBe("FMC130")

    const [scheme, email, name] = ["dark", "owner.ru@trackers.example", "ru-dark"] as const
    const other = await b.newPage({
      colorScheme: scheme,
      locale: email.startsWith("owner.ru") ? "ru-RU" : "en-GB",
    })
    await b.signIn(other, email)
    const empty = (await b.api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name, plate: name })).id
    await other.goto(`${b.fleet.httpUrl}/vehicles/${empty}?tab=devices`)
    await other.getByTestId("device-register-form").waitFor()
    await other.getByTestId("unknown-devices").waitFor()
    await b.shot(other, `devices-tab-${name}`)
    expect(b.pageErrors).toEqual([])
  }, 240_000)

  it("shows a FleetCore device's secret once, the real one, and rotates, disables and deletes the device", async () => {
    const vehicle = await b
      .api<{ id: string }>(token, "POST", "/api/v1/vehicles", { name: "H3 Transit", plate: "303 HTR 02" })
      .then((v) => v.id)
    let t = Date.now() - 60_000
    /** One point over HTTP ingest with the device's id and `secret`: the answer's status. */
    const send = async (secret: string) => {
      t += 1_000
      const answer = await fetch(`${b.fleet.httpUrl}/ingest/v1/telemetry`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`h3-transit:${secret}`).toString("base64")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ timeMs: t, lat: 43.25, lon: 76.95 }),
      })
      return answer.status
    }
    const page = await b.newPage()
    await b.signIn(page, "manager.en@trackers.example")
    await page.goto(`${b.fleet.httpUrl}/vehicles/${vehicle}?tab=devices`)
    const form = page.getByTestId("device-register-form")
    await form.getByTestId("device-protocol").selectOption("fleetcore")
    await form.getByTestId("device-id").fill("h3-transit")
    await form.getByTestId("device-register").click()
    const table = page.getByTestId("vehicle-devices-table")
    // The list has refetched (the form leaves with it) and the secret is still there.
    await expect.poll(() => table.getByText("h3-transit").count(), POLL).toBe(1)
    await expect.poll(() => form.count(), POLL).toBe(0)
    const shown = page.getByTestId("device-secret")
    await expect.poll(() => shown.isVisible(), POLL).toBe(true)
    await expect
      .poll(() => shown.getByTestId("device-connection").textContent(), POLL)
      .toContain("fleet/v1/devices/h3-transit/telemetry")
    const first = await shown.getByTestId("device-secret-value").inputValue()
    expect(first).toMatch(/^\S{16,}$/u)
    await b.shot(page, "secret-en-light")
    expect(await send(first)).toBe(200)

    // A new secret, asked about first: the old one is refused, the one shown now accepted.
    await table.getByTestId("device-rotate").click()
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => shown.getByTestId("device-secret-value").inputValue(), POLL).not.toBe(first)
    const second = await shown.getByTestId("device-secret-value").inputValue()
    expect(await send(first)).toBe(401)
    expect(await send(second)).toBe(200)
    await shown.getByTestId("device-secret-dismiss").click()
    await expect.poll(() => shown.count(), POLL).toBe(0)

    // In Russian, dark: the same panel after another rotation.
    const ru = await b.newPage({ colorScheme: "dark", locale: "ru-RU" })
    await b.signIn(ru, "owner.ru@trackers.example")
    await ru.goto(`${b.fleet.httpUrl}/vehicles/${vehicle}?tab=devices`)
    await ru.getByTestId("vehicle-devices-table").getByTestId("device-rotate").click()
    await b.shot(ru, "rotate-ru-dark")
    await ru.getByTestId("confirm-dialog-confirm").click()
    await ru.getByTestId("device-secret").waitFor()
    await b.shot(ru, "secret-ru-dark")
    const third = await ru.getByTestId("device-secret-value").inputValue()
    expect(await send(second)).toBe(401)
    expect(await send(third)).toBe(200)

    await table.getByTestId("device-disable").click()
    await expect.poll(() => table.getByText("Disabled", { exact: true }).count(), POLL).toBe(1)
    expect(await send(third)).toBe(401)
    await table.getByTestId("device-enable").click()
    await expect.poll(() => table.getByText("Enabled", { exact: true }).count(), POLL).toBe(1)
    expect(await send(third)).toBe(200)

    await table.getByTestId("device-delete").click()
    await b.shot(page, "delete-en-light")
    await page.getByTestId("confirm-dialog-confirm").click()
    await expect.poll(() => table.getByText("h3-transit").count(), POLL).toBe(0)
    expect(await send(third)).toBe(401)
    expect(b.pageErrors).toEqual([])
  }, 240_000)
})
