import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto"
import { hashSecret, verifySecret } from "@fleetcore/platform"
import type { DeviceId, OrgId, VehicleId } from "@fleetcore/proto"
import DataLoader from "dataloader"
import type pg from "pg"
import { type AuthThrottle, makeAuthThrottle } from "./AuthThrottle.js"
import type {
  AuthAnswer,
  AuthenticatedDevice,
  DeviceAuthenticator,
  DeviceIdentifier,
} from "./DeviceIngress.js"
import { makeDeviceIdentifier } from "./makeDeviceIdentifier.js"

interface DeviceRow {
  readonly id: string
  readonly org_id: string
  readonly vehicle_id: string | null
  readonly secret_hash: string | null
  readonly secret_verifier: string | null
  readonly disabled: boolean
  readonly org_status: string
}

interface CacheEntry {
  readonly digest: string
  readonly device: AuthenticatedDevice
  readonly expiresAtMs: number
}

/** How long a look-up waits for more CONNECTs to join it: nothing beside a CONNECT's round trips. */
const GATHER_MS = 5

const INVALID: AuthAnswer = { ok: false, reason: "invalid" }
const SUSPENDED: AuthAnswer = { ok: false, reason: "suspended" }

/**
 * The key of the stored secret digests, derived from the server key (FLEET_JWT_SECRET, or the one
 * generated in the data folder) with HKDF-SHA-256 and a label of its own: every process that shares
 * the server key shares it, and the two uses never share a key.
 */
export const deviceVerifierKey = (serverKey: Uint8Array): Uint8Array =>
  new Uint8Array(hkdfSync("sha256", serverKey, new Uint8Array(0), "fleetcore/device-secret-verifier/v1", 32))

/**
 * The digest stored as `devices.secret_verifier` (base64) once `secret` passed argon2id against
 * `secretHash`: HMAC-SHA-256 under the verifier key over the device id, the hash and the secret.
 */
export const deviceSecretVerifier = (
  verifierKey: Uint8Array,
  deviceId: string,
  secretHash: string,
  secret: string,
): Buffer =>
  createHmac("sha256", verifierKey).update(`${deviceId}\u0000${secretHash}\u0000${secret}`).digest()

/**
 * Devices authenticate with their id and secret, checked against the argon2id hash in Postgres.
 * A verified (id, secret) pair is remembered for `cacheTtlMs` so reconnect storms don't cost an
 * argon2 verification each; a changed secret or assignment is seen after at most that long.
 *
 * An unknown or disabled device id is verified against a dummy argon2id hash, so the answer takes
 * as long as for a wrong secret and does not tell which ids exist. Failed attempts back off per
 * device id + address and per address (`AuthThrottle`); a throttled attempt is not verified at all.
 *
 * After a restart every device reconnects at once, and argon2id (19 MiB, 2 passes) admits about
 * 150 devices a second per core. So once a secret has passed argon2id, a keyed digest of it is
 * stored beside its hash (`devices.secret_verifier`: HMAC-SHA-256 under `verifierKey`, a server key
 * never stored in the database, over the device id, the argon2id hash and the secret). A later
 * CONNECT whose digest matches is admitted without argon2id: microseconds instead of milliseconds.
 * What is kept is no weaker where it matters: the database alone reveals nothing (the digest needs
 * the key), a rotated secret changes the hash and so voids the digest, and a wrong secret still
 * costs a full argon2id verification and counts against the back-off, so guessing online is no
 * faster. Someone holding both the database and the key could test guesses at HMAC speed; the
 * secrets FleetCore issues are 192 random bits, beyond any guessing speed.
 *
 * The devices of the CONNECTs that arrive while a look-up is in flight are read together in the
 * next statement (`DataLoader`): in a reconnect storm one query per device cost more CPU in its
 * socket writes than anything else the broker did.
 *
 * A device of a suspended organisation is refused even with the right secret (and never cached);
 * `forgetOrganisation` drops the organisation's cached devices when it is suspended, so the next
 * connection or request is checked again, and `stillAllowed` (asked before each message of a live
 * MQTT session) answers from the database once a device's entry is gone or older than `cacheTtlMs`.
 */
export const makeDeviceAuthenticator = (deps: {
  readonly db: pg.Pool
  readonly cacheTtlMs: number
  /** The key of the stored secret digests (at least 32 bytes; the same for every ingest process). */
  readonly verifierKey: Uint8Array
  readonly throttle?: AuthThrottle
  /** Most verified secrets remembered; the oldest is forgotten first. */
  readonly maxCached?: number
  /** The argon2id verification (tests count its calls). */
  readonly verifySecret?: (phc: string, secret: string) => Promise<boolean>
}): DeviceAuthenticator &
  DeviceIdentifier & {
    readonly forget: (deviceId: string) => void
    readonly forgetOrganisation: (orgId: string) => void
    /** Forgets every cached device: the next attempt of each is checked against the database. */
    readonly forgetAll: () => void
  } => {
  const cache = new Map<string, CacheEntry>()
  /** Devices of live sessions checked lately (without their secret): id → organisation and until when. */
  const allowed = new Map<string, { readonly orgId: string; readonly untilMs: number }>()
  /** At most one per attempt being verified, so bounded by the connections and requests in flight. */
  const inFlight = new Map<string, Promise<AuthAnswer>>()
  const maxCached = deps.maxCached ?? 100_000
  const verify = deps.verifySecret ?? verifySecret
  const throttle = deps.throttle ?? makeAuthThrottle()
  // Hashed once, on first use, with the same parameters as real device secrets.
  let dummyHash: Promise<string> | undefined
  const dummy = () => {
    dummyHash ??= hashSecret(randomBytes(32).toString("base64"))
    return dummyHash
  }
  void dummy()
  const identifier = makeDeviceIdentifier({ db: deps.db, cacheTtlMs: deps.cacheTtlMs, maxCached })

  if (deps.verifierKey.length < 32) throw new Error("the device verifier key must be at least 32 bytes")
  const verifierOf = (deviceId: string, secretHash: string, secret: string): Buffer =>
    deviceSecretVerifier(deps.verifierKey, deviceId, secretHash, secret)
  const matches = (stored: string | null, expected: Buffer): boolean => {
    if (stored === null) return false
    const given = Buffer.from(stored, "base64")
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  // When devices were last connected is written behind, for all those of the last 200 ms in one
  // statement: a reconnect storm would otherwise commit (and fsync) once per device.
  const connected = new Set<string>()
  let scheduled = false
  const writeConnected = () => {
    scheduled = false
    const ids = [...connected]
    connected.clear()
    deps.db
      .query("UPDATE devices SET last_connected_at = now() WHERE id = ANY($1::text[])", [ids])
      .catch(() => undefined)
  }
  const connectedLately = (deviceId: string) => {
    connected.add(deviceId)
    if (scheduled) return
    scheduled = true
    setTimeout(writeConnected, 200).unref()
  }

  // One look-up in flight at a time: the next batch gathers the CONNECTs that arrive meanwhile (and
  // for GATHER_MS), so the batches grow with the load; a lone CONNECT waits GATHER_MS at most.
  let lookingUp: Promise<unknown> = Promise.resolve()
  const rows = new DataLoader<string, DeviceRow | undefined>(
    async (ids) => {
      const query = deps.db.query<DeviceRow>(
        `SELECT d.id, d.org_id, d.vehicle_id, d.secret_hash, d.secret_verifier, d.disabled, o.status AS org_status
         FROM devices d JOIN organisations o ON o.id = d.org_id WHERE d.id = ANY($1::text[])`,
        [ids],
      )
      lookingUp = query.catch(() => undefined)
      const byId = new Map((await query).rows.map((row) => [row.id, row]))
      return ids.map((id) => byId.get(id))
    },
    // Every attempt reads the database afresh (the verified ones are remembered above, with their
    // expiry); a batch is what the CONNECTs handled since the last look-up asked for.
    {
      cache: false,
      maxBatchSize: 1_000,
      batchScheduleFn: (dispatch) => setTimeout(() => void lookingUp.then(dispatch), GATHER_MS),
    },
  )

  const check = async (deviceId: string, secret: string, digest: string): Promise<AuthAnswer> => {
    const row = await rows.load(deviceId)
    const hash = row?.secret_hash ?? null
    const verifier = hash === null ? null : verifierOf(deviceId, hash, secret)
    // A stored digest that matches admits the secret at once; anything else gets one argon2id
    // verification: against the device's hash, or the dummy for an unknown id or one with no secret.
    const known = verifier !== null && matches(row?.secret_verifier ?? null, verifier)
    const verified = known || (await verify(hash ?? (await dummy()), secret))
    if (row === undefined || hash === null || row.disabled || !verified) return INVALID
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
    if (known) connectedLately(deviceId)
    // Stored only for the hash it was made with: a rotation in between voids it.
    else
      await deps.db.query(
        "UPDATE devices SET last_connected_at = now(), secret_verifier = $2 WHERE id = $1 AND secret_hash = $3",
        [deviceId, verifier?.toString("base64"), hash],
      )
    return { ok: true, device }
  }

  /** A live session's device asked again of the database: enabled, and its organisation active. */
  const checkAllowed = async (deviceId: string, nowMs: number): Promise<boolean> => {
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
  }

  return {
    identify: identifier.identify,
    forget: (deviceId) => {
      cache.delete(deviceId)
      allowed.delete(deviceId)
      identifier.forget((device) => device.id === deviceId)
    },
    forgetAll: () => {
      cache.clear()
      allowed.clear()
      identifier.forget(() => true)
    },
    forgetOrganisation: (orgId) => {
      identifier.forget((device) => device.orgId === orgId)
      for (const [id, entry] of cache) if (entry.device.orgId === orgId) cache.delete(id)
      for (const [id, entry] of allowed) if (entry.orgId === orgId) allowed.delete(id)
    },
    stillAllowed: (deviceId) => {
      const nowMs = Date.now()
      const cached = cache.get(deviceId)
      if (cached !== undefined && cached.expiresAtMs > nowMs) return true
      const checked = allowed.get(deviceId)
      if (checked !== undefined && checked.untilMs > nowMs) return true
      return checkAllowed(deviceId, nowMs)
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
