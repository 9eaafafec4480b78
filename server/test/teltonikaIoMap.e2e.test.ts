import { connect } from "node:net"
import { CODEC_8E, encodeAvlPacket, encodeImeiHandshake } from "@fleetcore/ingest"
import { restartablePort } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, DEMO_PASSWORD, eventually, type Harness, login, startHarness } from "./harness.js"

/**
 * IO maps per device model over a real socket: an FMC130 reads its CAN fuel level (IO 89) into
 * `fuelLevelPct`, and an organisation's `teltonikaIoMap` setting wins over the model's map.
 */
let h: Harness
let admin: ApiClient

beforeAll(async () => {
  h = await startHarness(0, { teltonikaPort: await restartablePort() })
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
})
afterAll(async () => {
  await h?.close()
})

/** Handshake, one Codec 8E packet with these IO elements, the record-count ACK, disconnect. */
const sendRecord = async (imei: string, timeMs: number, io: Array<{ id: number; value: bigint }>) => {
  const socket = connect(h.fleet.teltonikaPort as number, "127.0.0.1")
  let received = Buffer.alloc(0)
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
  })
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject))
  const bytes = async (n: number) => {
    const deadline = Date.now() + 10_000
    while (received.byteLength < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    const answer = received.subarray(0, n)
    received = received.subarray(n)
    return answer
  }
  socket.write(encodeImeiHandshake(imei))
  expect([...(await bytes(1))]).toEqual([1])
  socket.write(
    encodeAvlPacket(CODEC_8E, [
      {
        timeMs,
        priority: 0,
        lon: 76.95,
        lat: 43.25,
        altitudeM: 800,
        angleDeg: 90,
        satellites: 10,
        speedKmh: 20,
        eventIoId: 0,
        io: io.map((e) => ({ id: e.id, size: 2 as const, value: e.value })),
      },
    ]),
  )
  expect((await bytes(4)).readUInt32BE(0)).toBe(1)
  socket.destroy()
}

const provision = async (id: string, imei: string, model: string) => {
  const vehicleId = (
    await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: id, plate: id.toUpperCase() })
  ).body.id
  const created = await admin.call<{ model: string | null }>("POST", "/api/v1/devices", {
    id,
    protocol: "teltonika",
    identifier: imei,
    vehicleId,
    model,
  })
  expect(created.status).toBe(201)
  expect(created.body.model).toBe(model)
  return vehicleId
}

const storedPoint = (vehicleId: string) =>
  eventually(
    async () =>
      (
        await h.fleet.ch.query<{ fuel: number | null; attrs: Record<string, number> }>(
          "SELECT fuel_level_pct AS fuel, attrs FROM positions WHERE vehicle_id = {v:UUID}",
          { v: vehicleId },
        )
      )[0],
    20_000,
    "the point in ClickHouse",
  )

describe("Teltonika IO maps", () => {
  it("stores an FMC130's CAN fuel level (IO 89) as fuelLevelPct, and its LLS level under attrs", async () => {
    const vehicleId = await provision("fmc130-io", "356307042441013", "FMC130")
    await sendRecord("356307042441013", Date.now() - 60_000, [
      { id: 89, value: 64n },
      { id: 201, value: 310n },
    ])
    const row = await storedPoint(vehicleId)
    expect(row.fuel).toBe(64)
    expect(row.attrs).toMatchObject({ lls1Fuel: 310 })
  })

  it("refuses an invalid override naming the field, and applies a valid one over the model's map", async () => {
    const bad = await admin.call<{ error: { code: string; field: string } }>("PUT", "/api/v1/settings", {
      teltonikaIoMap: [
        { io: 201, to: "fuelLevelPct" },
        { io: 9, to: "litres" },
      ],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: "FLEET_SETTINGS_INVALID", field: "teltonikaIoMap[1].to" })

    const good = await admin.call<{ teltonikaIoMap: unknown }>("PUT", "/api/v1/settings", {
      teltonikaIoMap: [{ io: 201, to: "fuelLevelPct", multiplier: 0.1, offset: 0 }],
    })
    expect(good.status).toBe(200)
    expect(good.body.teltonikaIoMap).toEqual([{ io: 201, to: "fuelLevelPct", multiplier: 0.1, offset: 0 }])

    // A device of the organisation read with the override: LLS 201 (310) × 0.1 is the fuel level now.
    const vehicleId = await provision("fmc130-ovr", "490154203237518", "FMC130")
    await sendRecord("490154203237518", Date.now() - 60_000, [{ id: 201, value: 310n }])
    const row = await storedPoint(vehicleId)
    expect(row.fuel).toBeCloseTo(31, 5)
    expect(row.attrs).not.toHaveProperty("lls1Fuel")
  })
})
