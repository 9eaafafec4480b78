import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import type pg from "pg"
import type { AuthAnswer, AuthenticatedDevice, IdentifiedProtocol } from "./DeviceIngress.js"

/** Most identifiers kept in `unknown_devices`: a flood of invented IMEIs stops being recorded there. */
export const MAX_UNKNOWN_DEVICES = 10_000

const INVALID: AuthAnswer = { ok: false, reason: "invalid" }
const SUSPENDED: AuthAnswer = { ok: false, reason: "suspended" }

/**
 * Trackers that name themselves (a Teltonika IMEI, an OsmAnd app id) instead of proving a secret:
 * the identifier is looked up by protocol in `devices`; a known device is remembered for
 * `cacheTtlMs`. An identifier no device has is refused and recorded in `unknown_devices` (protocol,
 * identifier, address, first/last seen, count) for the installation owner to claim; a disabled
 * device is refused without being recorded, as is one of a suspended organisation ("suspended").
 */
export const makeDeviceIdentifier = (deps: {
  readonly db: pg.Pool
  readonly cacheTtlMs: number
  readonly maxCached: number
}) => {
  const cache = new Map<string, { readonly device: AuthenticatedDevice; readonly expiresAtMs: number }>()

  const recordUnknown = async (protocol: IdentifiedProtocol, identifier: string, address: string) => {
    await deps.db.query(
      `INSERT INTO unknown_devices (protocol, identifier, remote_address)
       SELECT $1, $2, $3 WHERE (SELECT count(*) FROM unknown_devices) < $4
       ON CONFLICT (protocol, identifier) DO UPDATE SET
         remote_address = EXCLUDED.remote_address, last_seen_at = now(),
         seen_count = unknown_devices.seen_count + 1`,
      [protocol, identifier.slice(0, 64), address.slice(0, 200), MAX_UNKNOWN_DEVICES],
    )
  }

  const identify = async (
    protocol: IdentifiedProtocol,
    identifier: string,
    remoteAddress: string,
  ): Promise<AuthAnswer> => {
    const key = `${protocol}\u0000${identifier}`
    const cached = cache.get(key)
    if (cached !== undefined && cached.expiresAtMs > Date.now()) return { ok: true, device: cached.device }
    const { rows } = await deps.db.query<{
      id: string
      org_id: string
      vehicle_id: string | null
      disabled: boolean
      org_status: string
      model: string | null
      io_map: unknown
    }>(
      `SELECT d.id, d.org_id, d.vehicle_id, d.disabled, o.status AS org_status, d.model,
              o.settings->'teltonikaIoMap' AS io_map
       FROM devices d JOIN organisations o ON o.id = d.org_id
       WHERE d.protocol = $1 AND d.identifier = $2`,
      [protocol, identifier],
    )
    const row = rows[0]
    if (row === undefined) {
      if (identifier.length > 0) await recordUnknown(protocol, identifier, remoteAddress)
      return INVALID
    }
    if (row.disabled) return INVALID
    if (row.org_status !== "active") return SUSPENDED
    const device: AuthenticatedDevice = {
      id: row.id as DeviceId,
      orgId: row.org_id as OrgId,
      vehicleId: row.vehicle_id as VehicleId | null,
      model: row.model,
      ioMapOverride: row.io_map,
    }
    cache.delete(key)
    cache.set(key, { device, expiresAtMs: Date.now() + deps.cacheTtlMs })
    if (cache.size > deps.maxCached) {
      const oldest = cache.keys().next()
      if (oldest.done !== true) cache.delete(oldest.value)
    }
    await deps.db.query("UPDATE devices SET last_connected_at = now() WHERE id = $1", [row.id])
    return { ok: true, device }
  }

  return {
    identify,
    /** Drops the cached devices the predicate picks (a device changed, an organisation suspended). */
    forget: (which: (device: AuthenticatedDevice) => boolean) => {
      for (const [key, entry] of cache) if (which(entry.device)) cache.delete(key)
    },
  }
}
