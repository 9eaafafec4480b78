import { connect } from "node:net"
import { imeiCheckDigit } from "@fleetcore/contract"
import { type AvlRecord, CODEC_8E, encodeAvlPacket, encodeImeiHandshake } from "@fleetcore/ingest"
import type { fleet } from "@fleetcore/proto"

/**
 * The Teltonika mode of `npm run bench:ingest`: raw TCP connections that behave as FMB devices do
 * (wiki "Codec", "Communication with server"): the IMEI handshake answered 0x01, then one Codec 8E
 * packet of `records per packet` records at a time, the next only after the server's record-count
 * ACK (4 bytes). No client library: the bytes are the ones a device writes.
 */
export interface BenchTeltonikaDevice {
  /** Sends the points as one AVL packet; `onAck` runs when its record count comes back. */
  readonly send: (points: ReadonlyArray<fleet.telemetry.v1.IPoint>, onAck: () => void) => void
  /** Packets sent and not yet acknowledged (a device keeps at most one). */
  readonly inFlight: () => number
  readonly close: () => Promise<void>
}

/** Bench IMEI n: a made-up TAC and serial, then the Luhn check digit (3GPP TS 23.003). */
export const benchImei = (n: number): string => {
  const body = `3599980${String(n).padStart(7, "0")}`
  return `${body}${imeiCheckDigit(body)}`
}

const toRecord = (p: fleet.telemetry.v1.IPoint): AvlRecord => ({
  timeMs: Number(p.timeMs),
  priority: 0,
  lon: p.lon ?? 0,
  lat: p.lat ?? 0,
  altitudeM: 800,
  angleDeg: 90,
  satellites: 10,
  speedKmh: Math.round((p.speedMps ?? 0) * 3.6),
  eventIoId: 0,
  io: [
    { id: 239, size: 1, value: p.ignition === true ? 1n : 0n },
    { id: 66, size: 2, value: 13_900n },
  ],
})

/** Opens a device connection and completes its IMEI handshake (throws when refused). */
export const connectBenchTeltonika = async (options: {
  readonly host: string
  readonly port: number
  readonly imei: string
}): Promise<BenchTeltonikaDevice> => {
  const socket = connect(options.port, options.host)
  socket.setNoDelay(true)
  await new Promise<void>((ok, fail) => socket.once("connect", ok).once("error", fail))
  const accepted = await new Promise<boolean>((ok, fail) => {
    socket.once("data", (b: Buffer) => ok(b[0] === 0x01))
    socket.once("close", () => fail(new Error(`IMEI ${options.imei}: connection closed at the handshake`)))
    socket.write(encodeImeiHandshake(options.imei))
  })
  if (!accepted) throw new Error(`IMEI ${options.imei} refused at the handshake`)
  socket.removeAllListeners("close")
  const pending: Array<() => void> = []
  // ACKs are 4 bytes each; only their number matters here (the count they carry is the packet's).
  let ackBytes = 0
  socket.on("data", (chunk: Buffer) => {
    ackBytes += chunk.byteLength
    while (ackBytes >= 4) {
      ackBytes -= 4
      pending.shift()?.()
    }
  })
  socket.on("error", () => socket.destroy())
  return {
    send: (points, onAck) => {
      pending.push(onAck)
      socket.write(encodeAvlPacket(CODEC_8E, points.map(toRecord)))
    },
    inFlight: () => pending.length,
    close: () =>
      new Promise<void>((done) => {
        if (socket.destroyed) return done()
        socket.once("close", () => done())
        socket.end()
        setTimeout(() => socket.destroy(), 2_000).unref()
      }),
  }
}

/** Logs in and makes sure `count` vehicles with Teltonika devices (by IMEI) exist. */
export const provisionTeltonikaDevices = async (options: {
  readonly api: string
  readonly email: string
  readonly password: string
  readonly count: number
  readonly prefix: string
}): Promise<{ token: string; devices: Array<{ deviceId: string; imei: string; vehicleId: string }> }> => {
  const login = await fetch(`${options.api}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: options.email, password: options.password }),
  })
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`)
  const { accessToken } = (await login.json()) as { accessToken: string }
  const call = async <T>(
    method: string,
    path: string,
    body: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${options.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as T }
  }
  const devices: Array<{ deviceId: string; imei: string; vehicleId: string }> = []
  for (let i = 1; i <= options.count; i++) {
    const n = String(i).padStart(4, "0")
    const deviceId = `${options.prefix.toLowerCase()}-${n}`
    const imei = benchImei(i)
    const vehicle = await call<{ id: string }>("POST", "/api/v1/vehicles", {
      name: `${options.prefix.toUpperCase()}-${n}`,
    })
    if (vehicle.status !== 201) throw new Error(`cannot create vehicle ${n}: ${JSON.stringify(vehicle.body)}`)
    const device = await call<{ error?: { code: string } }>("POST", "/api/v1/devices", {
      id: deviceId,
      vehicleId: vehicle.body.id,
      protocol: "teltonika",
      identifier: imei,
      model: "FMC130",
    })
    if (device.status !== 201)
      throw new Error(`cannot provision ${deviceId}: ${device.status} ${JSON.stringify(device.body)}`)
    devices.push({ deviceId, imei, vehicleId: vehicle.body.id })
  }
  return { token: accessToken, devices }
}
