import { createHash, randomBytes } from "node:crypto"
import { hashSecret, verifySecret } from "@fleetcore/platform"
import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import type pg from "pg"
import { type AuthThrottle, makeAuthThrottle } from "./AuthThrottle.js"
import type { AuthAnswer, AuthenticatedDevice, DeviceAuthenticator } from "./DeviceIngress.js"

interface CacheEntry {
  readonly digest: string
  readonly device: AuthenticatedDevice
  readonly expiresAtMs: number
}

const INVALID: AuthAnswer = { ok: false, reason: "invalid" }
const SUSPENDED: AuthAnswer = { ok: false, reason: "suspended" }

/**
 * Devices authenticate with their id and secret, checked against the argon2id hash in Postgres.
 * A verified (id, secret) pair is remembered for `cacheTtlMs` so reconnect storms don't cost an
 * argon2 verification each; a changed secret or assignment is seen after at most that long.
 *
 * An unknown or disabled device id is verified against a dummy argon2id hash, so the answer takes
 * as long as for a wrong secret and does not tell which ids exist. Failed attempts back off per
 * device id + address and per address (`AuthThrottle`); a throttled attempt is not verified at all.
 *
 * A device of a suspended organisation is refused even with the right secret (and never cached);
 * `forgetOrganisation` drops the organisation's cached devices when it is suspended, so the next
 * connection or request is checked again, and `stillAllowed` (asked before each message of a live
 * MQTT session) answers from the database once a device's entry is gone or older than `cacheTtlMs`.
 */
export const makeDeviceAuthenticator = (deps: {
  readonly db: pg.Pool
  readonly cacheTtlMs: number
  readonly throttle?: AuthThrottle
  /** Most verified secrets remembered; the oldest is forgotten first. */
  readonly maxCached?: number
}): DeviceAuthenticator & {
  readonly forget: (deviceId: string) => void
  readonly forgetOrganisation: (orgId: string) => void
} => {
  const cache = new Map<string, CacheEntry>()
  /** Devices of live sessions checked lately (without their secret): id → organisation and until when. */
  const allowed = new Map<string, { readonly orgId: string; readonly untilMs: number }>()
  /** At most one per attempt being verified, so bounded by the connections and requests in flight. */
  const inFlight = new Map<string, Promise<AuthAnswer>>()
  const maxCached = deps.maxCached ?? 100_000
  const throttle = deps.throttle ?? makeAuthThrottle()
  // Hashed once, on first use, with the same parameters as real device secrets.
  let dummyHash: Promise<string> | undefined
  const dummy = () => {
    dummyHash ??= hashSecret(randomBytes(32).toString("base64"))
    return dummyHash
  }
  void dummy()

  const check = async (deviceId: string, secret: string, digest: string): Promise<AuthAnswer> => {
    const { rows } = await deps.db.query<{
      id: string
      org_id: string
      vehicle_id: string | null
      secret_hash: string
      disabled: boolean
      org_status: string
    }>(
      `SELECT d.id, d.org_id, d.vehicle_id, d.secret_hash, d.disabled, o.status AS org_status
       FROM devices d JOIN organisations o ON o.id = d.org_id WHERE d.id = $1`,
      [deviceId],
    )
    const row = rows[0]
    // Always one argon2 verification: against the device's hash, or the dummy for an unknown id.
    const verified = await verifySecret(row?.secret_hash ?? (await dummy()), secret)
    if (row === undefined || row.disabled || !verified) return INVALID
    if (row.org_status !== "active") return SUSPENDED
    const device: AuthenticatedDevice = {
      id: row.id as DeviceId,
      orgId: row.org_id as OrgId,
      vehicleId: row.vehicle_id as VehicleId | null,
    }
    cache.delete(deviceId)
    cache.set(deviceId, { digest, device, expiresAtMs: Date.now() + deps.cacheTtlMs })
    if (cache.size > maxCached) {
      const oldest = cache.keys().next()
      if (oldest.done !== true) cache.delete(oldest.value)
    }
    await deps.db.query("UPDATE devices SET last_connected_at = now() WHERE id = $1", [deviceId])
    return { ok: true, device }
  }

  return {
    forget: (deviceId) => {
      cache.delete(deviceId)
      allowed.delete(deviceId)
    },
    forgetOrganisation: (orgId) => {
      for (const [id, entry] of cache) if (entry.device.orgId === orgId) cache.delete(id)
      for (const [id, entry] of allowed) if (entry.orgId === orgId) allowed.delete(id)
    },
    stillAllowed: async (deviceId) => {
      const nowMs = Date.now()
      const cached = cache.get(deviceId)
      if (cached !== undefined && cached.expiresAtMs > nowMs) return true
      const checked = allowed.get(deviceId)
      if (checked !== undefined && checked.untilMs > nowMs) return true
      const { rows } = await deps.db.query<{ org_id: string }>(
        `SELECT d.org_id FROM devices d JOIN organisations o ON o.id = d.org_id
         WHERE d.id = $1 AND NOT d.disabled AND o.status = 'active'`,
        [deviceId],
      )
      const row = rows[0]
      if (row === undefined) {
        allowed.delete(deviceId)
        return false
      }
      allowed.delete(deviceId)
      allowed.set(deviceId, { orgId: row.org_id, untilMs: nowMs + deps.cacheTtlMs })
      if (allowed.size > maxCached) {
        const oldest = allowed.keys().next()
        if (oldest.done !== true) allowed.delete(oldest.value)
      }
      return true
    },
    authenticate: async (deviceId, secret, remoteAddress) => {
      // A secret verified in the last minute is known good: it passes even a back-off, so parallel
      // requests of a real device (or a stranger's guesses) never keep it out.
      const digest = createHash("sha256").update(secret).digest("base64")
      const cached = cache.get(deviceId)
      if (cached !== undefined && cached.expiresAtMs > Date.now() && cached.digest === digest)
        return { ok: true, device: cached.device }
      // Concurrent attempts with the same credentials from one address share one verification
      // (and count once): a device's parallel first requests are not mistaken for guessing.
      const key = `${deviceId}\u0000${remoteAddress}\u0000${digest}`
      const pending = inFlight.get(key)
      if (pending !== undefined) return pending
      const waitMs = throttle.begin(deviceId, remoteAddress)
      if (waitMs > 0) return { ok: false, reason: "throttled", retryAfterMs: waitMs }
      const attempt = check(deviceId, secret, digest).then(
        (answer) => {
          // A suspended organisation's device knew its secret: not a guess, so not a failure.
          if (answer.ok || answer.reason === "suspended") throttle.succeeded(deviceId, remoteAddress)
          else throttle.failed(deviceId, remoteAddress)
          return answer
        },
        (error: unknown) => {
          throttle.cancelled(deviceId, remoteAddress)
          throw error
        },
      )
      inFlight.set(key, attempt)
      try {
        return await attempt
      } finally {
        inFlight.delete(key)
      }
    },
  }
}
