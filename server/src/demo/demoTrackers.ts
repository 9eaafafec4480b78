import { imeiCheckDigit } from "@fleetcore/contract"
import type { TrackerIdentity } from "@fleetcore/load-tests"
import type pg from "pg"

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
