import { createSocket } from "node:dgram"
import { CODEC_8E, encodeAvlPacket, encodeUdpDatagram } from "@fleetcore/ingest"
import { restartablePort } from "@fleetcore/platform"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type ApiClient,
  createUser,
  DEMO_PASSWORD,
  demoOrgId,
  eventually,
  type Harness,
  login,
  startHarness,
} from "./harness.js"

/**
 * Teltonika over UDP on the Teltonika port's number: datagrams over a real socket land as
 * positions and are acknowledged (packet id, AVL packet id, count); an unknown IMEI gets no answer
 * and is listed; an undecodable datagram is dead-lettered with its bytes in hex.
 */
let h: Harness
let admin: ApiClient
let owner: ApiClient
const udp = createSocket("udp4")
const answers: Buffer[] = []

beforeAll(async () => {
  h = await startHarness(0, { teltonikaPort: await restartablePort() })
  admin = await login(h.fleet, "admin@demo.fleetcore.local", DEMO_PASSWORD)
  await createUser(h.fleet, await demoOrgId(h.fleet), "owner", "owner@udp.example", "owner-pass-1")
  owner = await login(h.fleet, "owner@udp.example", "owner-pass-1")
  udp.on("message", (m) => answers.push(m))
  await new Promise<void>((ok) => udp.bind(0, "127.0.0.1", () => ok()))
})
afterAll(async () => {
  udp.close()
  await h?.close()
})

const send = (datagram: Buffer) =>
  new Promise<void>((ok, fail) =>
    udp.send(datagram, h.fleet.teltonikaPort as number, "127.0.0.1", (e) => (e ? fail(e) : ok())),
  )

const record = (timeMs: number, lat: number) => ({
  timeMs,
  priority: 0,
  lon: 76.95,
  lat,
  altitudeM: 800,
  angleDeg: 90,
  satellites: 10,
  speedKmh: 36,
  eventIoId: 0,
  io: [
    { id: 239, size: 1 as const, value: 1n },
    { id: 89, size: 1 as const, value: 47n },
  ],
})

const deadLetters = (deviceId: string) =>
  h.fleet.ch.query<{ reason: string; payload: string }>(
    "SELECT reason, payload FROM dead_letters WHERE device_id = {d:String}",
    { d: deviceId },
  )

describe("Teltonika over UDP", () => {
  it("stores a datagram's records and only then acknowledges them as the wiki's format says", async () => {
    const imei = "356307042441013"
    const vehicleId = (
      await admin.call<{ id: string }>("POST", "/api/v1/vehicles", { name: "UDP 001", plate: "UDP 001" })
    ).body.id
    const created = await admin.call("POST", "/api/v1/devices", {
      id: "fmb-udp-1",
      protocol: "teltonika",
      identifier: imei,
      vehicleId,
      model: "FMC130",
    })
    expect(created.status).toBe(201)
    const t0 = Date.now() - 120_000
    const packet = encodeAvlPacket(CODEC_8E, [record(t0, 43.25), record(t0 + 10_000, 43.251)])
    await send(encodeUdpDatagram(0xcafe, 0x07, imei, packet))
    const ack = await eventually(async () => answers.shift(), 10_000, "the UDP acknowledgement")
    expect(ack.toString("hex")).toBe("0005cafe010702")

    const rows = await eventually(
      async () => {
        const r = await h.fleet.ch.query<{ t: string; lat: number; fuel: number }>(
          `SELECT toUnixTimestamp64Milli(time) AS t, lat, fuel_level_pct AS fuel
           FROM positions WHERE vehicle_id = {v:UUID} ORDER BY time`,
          { v: vehicleId },
        )
        return r.length === 2 ? r : undefined
      },
      20_000,
      "two positions in ClickHouse",
    )
    expect(rows.map((r) => [Number(r.t), r.lat, r.fuel])).toEqual([
      [t0, 43.25, 47],
      [t0 + 10_000, 43.251, 47],
    ])

    // A datagram whose AVL data does not decode: dead-lettered in hex, not acknowledged.
    const broken = encodeUdpDatagram(0xcaff, 0x08, imei, packet)
    broken[broken.byteLength - 1] = 9
    await send(broken)
    const dead = await eventually(
      async () => {
        const r = await deadLetters("fmb-udp-1")
        return r.length > 0 ? r : undefined
      },
      20_000,
      "the broken datagram's dead letter",
    )
    expect(dead[0]).toMatchObject({
      reason: "FLEET_INGEST_PAYLOAD_UNDECODABLE",
      payload: broken.toString("hex"),
    })
    expect(answers).toEqual([])
  })

  it("gives an unknown IMEI no answer and lists it as an unknown device seen", async () => {
    const stranger = "490154203237518"
    await send(
      encodeUdpDatagram(1, 1, stranger, encodeAvlPacket(CODEC_8E, [record(Date.now() - 5_000, 43.3)])),
    )
    const listed = await eventually(
      async () => {
        const r = await owner.call<{ items: Array<{ protocol: string; identifier: string }> }>(
          "GET",
          "/api/v1/devices/unknown?protocol=teltonika",
        )
        return r.body.items.length > 0 ? r.body.items : undefined
      },
      10_000,
      "the unknown IMEI listed",
    )
    expect(listed).toEqual([expect.objectContaining({ protocol: "teltonika", identifier: stranger })])
    await new Promise((r) => setTimeout(r, 500))
    expect(answers).toEqual([])
  })
})
