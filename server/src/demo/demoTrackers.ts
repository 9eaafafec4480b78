import { imeiCheckDigit } from "@fleetcore/contract"
import type { TrackerIdentity } from "@fleetcore/load-tests"
import type pg from "pg"
import { bulkInsert } from "./bulkInsert.js"

/** A demo vehicle's simulated device: our MQTT client with a secret, or a tracker known by its IMEI. */
export type DemoDevice =
  | { readonly deviceId: string; readonly secret: string }
  | { readonly deviceId: string; readonly tracker: TrackerIdentity }

/** The IMEI of demo tracker n: 14 digits of a made-up TAC and serial, then the Luhn check digit. */
export const demoImei = (n: number): string => {
  const body = `3599990${String(n).padStart(7, "0")}`
  return `${body}${imeiCheckDigit(body)}`
}

/**
 * Which demo vehicle reports through a tracker protocol, so `npm start` shows all three on the live
 * map: with 3 or more simulated vehicles, the second-to-last is a Teltonika and the last a GT06,
 * each while its listener is on. The others stay MQTT devices.
 */
export const demoTrackerOf = (
  index: number,
  vehicles: number,
  listening: { readonly teltonika: boolean; readonly gt06: boolean } | undefined,
): TrackerIdentity | null => {
  if (listening === undefined || vehicles < 3) return null
  if (index === vehicles - 2 && listening.teltonika)
    return { protocol: "teltonika", imei: demoImei(index + 1) }
  if (index === vehicles - 1 && listening.gt06) return { protocol: "gt06", imei: demoImei(index + 1) }
  return null
}

/** Registers (or re-registers, after a start with other settings) a demo tracker by protocol and IMEI. */
export const upsertDemoTracker = async (
  client: pg.ClientBase,
  d: {
    readonly deviceId: string
    readonly orgId: string
    readonly vehicleId: string
    readonly n: string
    readonly tracker: TrackerIdentity
  },
) => {
  const name = `Simulated ${d.tracker.protocol === "teltonika" ? "Teltonika FMB920" : "Concox GT06N"} ${d.n}`
  await client.query(
    `INSERT INTO devices (id, org_id, vehicle_id, name, protocol, identifier, secret_hash)
     VALUES ($1, $2, $3, $4, $5, $6, NULL)
     ON CONFLICT (id) DO UPDATE SET protocol = EXCLUDED.protocol, identifier = EXCLUDED.identifier,
       secret_hash = NULL, name = EXCLUDED.name`,
    [d.deviceId, d.orgId, d.vehicleId, name, d.tracker.protocol, d.tracker.imei],
  )
}

/** The tracker of a demo fleet vehicle: the device its trips and positions come from. */
export const fleetDeviceId = (vehicleId: string): string => `demo-${vehicleId}`

/**
 * A Teltonika tracker on every vehicle of the demo fleet, known by an IMEI of its own (serials from
 * 1,000,000 on, clear of the simulator's), so what names a device (an offline alert, a position's
 * device) finds one.
 */
export const seedFleetTrackers = async (
  client: pg.ClientBase,
  orgId: string,
  vehicles: ReadonlyArray<{ readonly id: string; readonly index: number; readonly plate: string }>,
): Promise<void> => {
  await bulkInsert(
    client,
    "devices",
    { id: "text", org_id: "uuid", vehicle_id: "uuid", name: "text", protocol: "text", identifier: "text" },
    vehicles.map((v) => ({
      id: fleetDeviceId(v.id),
      org_id: orgId,
      vehicle_id: v.id,
      name: `Teltonika FMB920 · ${v.plate}`,
      protocol: "teltonika",
      identifier: demoImei(1_000_000 + v.index),
    })),
  )
}
