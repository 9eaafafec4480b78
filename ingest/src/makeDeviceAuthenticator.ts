import { createHash } from "node:crypto"
import { verifySecret } from "@fleetcore/platform"
import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import type pg from "pg"
import type { AuthenticatedDevice, DeviceAuthenticator } from "./DeviceIngress.js"

interface CacheEntry {
  readonly digest: string
  readonly device: AuthenticatedDevice
  readonly expiresAtMs: number
}

/**
 * Devices authenticate with their id and secret, checked against the argon2id hash in Postgres.
 * A verified (id, secret) pair is remembered for `cacheTtlMs` so reconnect storms don't cost an
 * argon2 verification each; a changed secret or assignment is seen after at most that long.
 */
export const makeDeviceAuthenticator = (deps: {
  readonly db: pg.Pool
  readonly cacheTtlMs: number
}): DeviceAuthenticator & {
  readonly forget: (deviceId: string) => void
} => {
  const cache = new Map<string, CacheEntry>()
  return {
    forget: (deviceId) => void cache.delete(deviceId),
    authenticate: async (deviceId, secret) => {
      const digest = createHash("sha256").update(secret).digest("base64")
      const cached = cache.get(deviceId)
      if (cached !== undefined && cached.expiresAtMs > Date.now() && cached.digest === digest)
        return cached.device
      const { rows } = await deps.db.query<{
        id: string
        org_id: string
        vehicle_id: string | null
        secret_hash: string
        disabled: boolean
      }>("SELECT id, org_id, vehicle_id, secret_hash, disabled FROM devices WHERE id = $1", [deviceId])
      const row = rows[0]
      if (row === undefined || row.disabled || !(await verifySecret(row.secret_hash, secret))) return null
      const device: AuthenticatedDevice = {
        id: row.id as DeviceId,
        orgId: row.org_id as OrgId,
        vehicleId: row.vehicle_id as VehicleId | null,
      }
      cache.set(deviceId, { digest, device, expiresAtMs: Date.now() + deps.cacheTtlMs })
      await deps.db.query("UPDATE devices SET last_connected_at = now() WHERE id = $1", [deviceId])
      return device
    },
  }
}
