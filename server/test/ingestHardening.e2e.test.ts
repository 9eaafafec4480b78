import { request } from "node:http"
import mqtt from "mqtt"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  DEMO_PASSWORD,
  eventually,
  type Harness,
  login,
  type Provisioned,
  provision,
  startHarness,
} from "./harness.js"

let h: Harness
let car: Provisioned
const base = Date.now() - 120_000
const deep = "[".repeat(10_000) + "]".repeat(10_000)
const poison = (timeMs: number) => `[${JSON.stringify({ timeMs, lat: 43.25, lon: 76.95 })}, ${deep}]`
const topic = () => `fleet/v1/devices/${car.deviceId}/telemetry`

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`
const postPoint = (id: string, secret: string, body: string) =>
  fetch(`${h.fleet.httpUrl}/ingest/v1/telemetry`, {
    method: "POST",
    headers: { authorization: basic(id, secret), "content-type": "application/json" },
    body,
  })

const storedTimes = async (times: number[]) => {
  const rows = await h.fleet.ch.query<{ t: string }>(
    `SELECT toUnixTimestamp64Milli(time) AS t FROM positions FINAL
     WHERE device_id = {d:String} AND has({t:Array(Int64)}, toUnixTimestamp64Milli(time))`,
    { d: car.deviceId, t: times },
  )
  return rows.map((r) => Number(r.t)).sort()
}

beforeAll(async () => {
  h = await startHarness()
  const admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  car = await provision(admin, "hard-001", "HARD 001")
})
afterAll(async () => {
  await h?.close()
})

describe("a deeply nested JSON payload", () => {
  it("is refused for good over HTTP, MQTT 3.1.1 and MQTT 5, while the point beside it is stored", async () => {
    const http = await postPoint(car.deviceId, car.secret, poison(base + 1_000))
    expect(http.status).toBe(200)
    expect(await http.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      firstRejection: { code: "FLEET_INGEST_PAYLOAD_TOO_DEEP", field: "points[1]" },
    })
    const onlyDeep = await postPoint(car.deviceId, car.secret, `[${deep}]`)
    expect(onlyDeep.status).toBe(422)
    expect(((await onlyDeep.json()) as { error: { code: string } }).error.code).toBe(
      "FLEET_INGEST_PAYLOAD_TOO_DEEP",
    )

    const v3 = await mqtt.connectAsync(h.fleet.mqttUrl, {
      clientId: car.deviceId,
      username: car.deviceId,
      password: car.secret,
      reconnectPeriod: 0,
    })
    await v3.publishAsync(topic(), poison(base + 2_000), { qos: 1 })
    expect(v3.connected).toBe(true)
    await v3.endAsync()

    const v5 = await mqtt.connectAsync(h.fleet.mqttUrl, {
      protocolVersion: 5,
      clientId: car.deviceId,
      username: car.deviceId,
      password: car.secret,
      reconnectPeriod: 0,
    })
    // One point stored: success (a refusal here would reject the promise), the rest as reason string.
    await v5.publishAsync(topic(), poison(base + 3_000), { qos: 1 })
    const refused = await v5.publishAsync(topic(), `[${deep}]`, { qos: 1 }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    )
    expect(refused).toBe(0x99) // Payload format invalid: final, never 0x80 "resend later"
    await v5.endAsync()

    await eventually(
      async () =>
        (await storedTimes([base + 1_000, base + 2_000, base + 3_000])).length === 3 ? true : undefined,
      15_000,
      "the three good points",
    )
    const letters = await eventually(
      async () => {
        const rows = await h.fleet.ch.query<{ reason: string; n: string; longest: string }>(
          `SELECT reason, count() AS n, max(length(payload)) AS longest FROM dead_letters
           WHERE device_id = {d:String} GROUP BY reason`,
          { d: car.deviceId },
        )
        return rows.find((r) => Number(r.n) >= 5) ? rows : undefined
      },
      15_000,
      "five dead letters",
    )
    expect(letters.map((r) => [r.reason, Number(r.n)])).toEqual([["FLEET_INGEST_PAYLOAD_TOO_DEEP", 5]])
    expect(Number(letters[0]?.longest)).toBeLessThanOrEqual(4096)
  })
})

describe("device authentication", () => {
  const timeAuth = async (id: string, secret: string): Promise<number> => {
    const started = performance.now()
    const res = await postPoint(id, secret, JSON.stringify({ timeMs: base, lat: 1, lon: 1 }))
    const ms = performance.now() - started
    expect(res.status).toBe(401)
    return ms
  }

  it("takes as long for an unknown device id as for a wrong secret", async () => {
    // Its own device, so a retry starts below the back-off (five free failures per device).
    const admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
    const target = await provision(admin, `hard-timing-${Date.now()}`, `TIMING ${Date.now() % 1_000}`)
    const unknown: number[] = []
    const wrong: number[] = []
    await timeAuth("warm-up-unknown", "x") // the dummy hash is made on first use
    for (let i = 0; i < 5; i++) {
      unknown.push(await timeAuth(`no-such-device-${Date.now()}-${i}`, "wrong"))
      wrong.push(await timeAuth(target.deviceId, `wrong-${i}`))
    }
    // Without the dummy verification an unknown id answers in well under half the time (the 5 ms
    // look-up gather included): an existence oracle.
    // The fastest of each is compared: parallel test files only ever add time, never take it away.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...wrong) * 0.75)
  })

  it("backs off repeated failures with 429 / CONNACK refusals, without locking the device out elsewhere", async () => {
    const victim = "hard-001"
    for (let i = 0; i < 6; i++) await postPoint(victim, "guess", "{}")
    const throttled = await postPoint(victim, "guess", "{}")
    expect(throttled.status).toBe(429)
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe(
      "FLEET_INGEST_AUTH_THROTTLED",
    )
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0)
    const v5 = mqtt.connect(h.fleet.mqttUrl, {
      protocolVersion: 5,
      clientId: victim,
      username: victim,
      password: "guess",
      reconnectPeriod: 0,
    })
    const code = await new Promise<number>((resolve) =>
      v5.once("error", (e: Error & { code?: number }) => resolve(e.code ?? -1)),
    )
    v5.end(true)
    expect(code).toBe(0x97) // Quota exceeded
    // …but the device itself, from another address, is not locked out.
    const elsewhere = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${h.fleet.httpUrl}/ingest/v1/telemetry`,
        {
          method: "POST",
          localAddress: "127.0.0.2",
          headers: { authorization: basic(victim, car.secret), "content-type": "application/json" },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on("error", reject)
      req.end(JSON.stringify({ timeMs: base + 4_000, lat: 43.25, lon: 76.95 }))
    })
    expect(elsewhere).toBe(200)
  })
})
