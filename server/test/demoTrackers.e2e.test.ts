import { restartablePort } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, eventually, type Harness, login, startHarness } from "./harness.js"

/**
 * `npm start` shows all three protocols: with the Teltonika and GT06 listeners on, the built-in
 * simulator drives one demo vehicle over each of them (real TCP sessions, devices provisioned by
 * protocol and IMEI), beside the MQTT ones.
 */
let h: Harness
let admin: ApiClient

beforeAll(async () => {
  h = await startHarness(3, { teltonikaPort: await restartablePort(), gt06Port: await restartablePort() })
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await h?.close()
})

describe("the simulator over the tracker protocols", () => {
  it("provisions a Teltonika and a GT06 demo device and drives them to stored positions", async () => {
    const devices = await admin.call<{
      items: Array<{ id: string; protocol: string; identifier: string | null }>
    }>("GET", "/api/v1/devices?pageSize=200")
    const byId = new Map(devices.body.items.map((d) => [d.id, d]))
    expect(byId.get("demo-001")).toMatchObject({ protocol: "fleetcore", identifier: null })
    expect(byId.get("demo-002")).toMatchObject({
      protocol: "teltonika",
      identifier: expect.stringMatching(/^\d{15}$/u),
    })
    expect(byId.get("demo-003")).toMatchObject({
      protocol: "gt06",
      identifier: expect.stringMatching(/^\d{15}$/u),
    })

    const counts = await eventually(
      async () => {
        const rows = await h.fleet.ch.query<{ device_id: string; n: string }>(
          "SELECT device_id, count() AS n FROM positions GROUP BY device_id ORDER BY device_id",
        )
        const n = new Map(rows.map((r) => [r.device_id, Number(r.n)]))
        return ["demo-001", "demo-002", "demo-003"].every((d) => (n.get(d) ?? 0) >= 2) ? n : undefined
      },
      30_000,
      "positions from the MQTT, Teltonika and GT06 demo devices",
    )
    expect([...counts.keys()]).toEqual(["demo-001", "demo-002", "demo-003"])
    const refused = await h.fleet.ch.query<{ n: string }>(
      "SELECT count() AS n FROM dead_letters WHERE device_id IN ('demo-002', 'demo-003')",
    )
    expect(Number(refused[0]?.n)).toBe(0)
  })

  it("lets simulated MQTT and Teltonika devices answer commands from the dashboard's Commands tab", async () => {
    type Command = { id: string; status: string; answer: string | null }
    const send = async (type: string, params?: object) => {
      const sent = await admin.call<Command>("POST", "/api/v1/devices/demo-001/commands", {
        type,
        ...(params === undefined ? {} : { params }),
      })
      expect(sent.status).toBe(201)
      return eventually(
        async () => {
          const list = await admin.call<{ items: Command[] }>("GET", "/api/v1/devices/demo-001/commands")
          const c = list.body.items.find((i) => i.id === sent.body.id)
          return c !== undefined && (c.status === "answered" || c.status === "failed") ? c : undefined
        },
        20_000,
        `the simulated device's answer to ${type}`,
      )
    }
    expect(await send("locate")).toMatchObject({
      status: "answered",
      answer: expect.stringMatching(/^position 4[23]\.\d{5},7[67]\.\d{5}$/u),
    })
    expect(await send("setInterval", { seconds: 2 })).toMatchObject({
      status: "answered",
      answer: "interval is 2 s",
    })
    expect(await send("engineStop")).toMatchObject({ status: "answered", answer: "engine relay cut" })
    expect(await send("engineResume")).toMatchObject({ status: "answered", answer: "engine relay restored" })

    // The simulated Teltonika device answers its Codec 12 commands on the same TCP session.
    const teltonika = await admin.call<Command>("POST", "/api/v1/devices/demo-002/commands", {
      type: "setdigout",
      params: { outputs: "1?" },
    })
    expect(teltonika.status).toBe(201)
    const answered = await eventually(
      async () => {
        const list = await admin.call<{ items: Command[] }>("GET", "/api/v1/devices/demo-002/commands")
        const c = list.body.items.find((i) => i.id === teltonika.body.id)
        return c?.status === "answered" ? c : undefined
      },
      20_000,
      "the simulated Teltonika device's answer",
    )
    expect(answered.answer).toBe("DOUT1:1 DOUT2:IGNORED")
  })
})
