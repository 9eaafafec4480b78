import { endpoints } from "@fleetcore/contract"
import { HttpError, verifySecret } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { accountById } from "./accounts.js"
import type { LoginThrottle } from "./LoginThrottle.js"
import type { Principal } from "./Principal.js"
import type { SecretBox } from "./SecretBox.js"
import { acceptTotpCode, replaceRecoveryCodes } from "./secondFactor.js"
import { newTotpSecret } from "./totpCodes.js"

const codeInvalid = () =>
  new HttpError(422, "FLEET_AUTH_TOTP_INVALID", "the code is wrong, expired or already used")

/**
 * Two-factor sign-in (RFC 6238 TOTP) on the own profile: set up, confirm (answers the recovery
 * codes), turn off with the password, new recovery codes with a current code. Secrets are stored
 * sealed (AES-256-GCM, a key derived from the JWT secret). Everything runs in the user's own
 * organisation, also while an owner acts in another one.
 */
export const registerTotpRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log"> & {
    readonly box: SecretBox
    /** The sign-in throttle: turning two-factor off checks the password, so guesses count there too. */
    readonly throttle: LoginThrottle
    readonly checkResponses?: boolean
  },
): void => {
  const { db, box, throttle } = deps
  const self = (p: Principal) => ({ orgId: p.homeOrgId, userId: p.userId })

  const account = async (c: Parameters<typeof accountById>[0], p: Principal) => {
    const found = await accountById(c, p.userId)
    if (found === undefined) throw new HttpError(401, "FLEET_AUTH_TOKEN_INVALID", "the user no longer exists")
    return found
  }

  serve(app, deps, endpoints.me.totpSetup, async ({ principal: p, request }) =>
    db.withOrg(p.homeOrgId, async (c) => {
      const user = await account(c, p)
      if (user.totp_secret !== null) {
        throw new HttpError(
          409,
          "FLEET_TOTP_ALREADY_ENABLED",
          "two-factor sign-in is already on; turn it off first",
        )
      }
      const secret = newTotpSecret(user.email)
      await rows(
        c,
        sql
          .updateTable("users")
          .set({ totp_pending_secret: box.seal(secret.base32, user.id) })
          .where("id", "=", user.id),
      )
      await audit(c, self(p), request, { action: "user.totp-setup", entity: "user", entityId: user.id })
      return { body: { secret: secret.base32, otpauthUrl: secret.url } }
    }),
  )

  serve(app, deps, endpoints.me.totpEnable, async ({ principal: p, body, request }) =>
    db.withOrg(p.homeOrgId, async (c) => {
      const user = await account(c, p)
      if (user.totp_pending_secret === null) {
        throw new HttpError(400, "FLEET_TOTP_NOT_STARTED", "start with POST /api/v1/me/totp/setup")
      }
      if (!(await acceptTotpCode(c, box, user.id, user.totp_pending_secret, body.code, Date.now()))) {
        throw codeInvalid()
      }
      await rows(
        c,
        sql
          .updateTable("users")
          .set({
            totp_secret: user.totp_pending_secret,
            totp_pending_secret: null,
            totp_enabled_at: new Date(),
          })
          .where("id", "=", user.id),
      )
      const recoveryCodes = await replaceRecoveryCodes(c, { id: user.id, orgId: user.org_id })
      await audit(c, self(p), request, {
        action: "user.totp-enable",
        entity: "user",
        entityId: user.id,
        oldValues: { totpEnabled: false },
        newValues: { totpEnabled: true },
      })
      return { body: { recoveryCodes: [...recoveryCodes] } }
    }),
  )

  serve(app, deps, endpoints.me.totpDisable, async ({ principal: p, body, request }) => {
    const user = await db.withOrg(p.homeOrgId, (c) => account(c, p))
    const attempt = throttle.reserve(user.email, request.remoteAddress, Date.now())
    if (!attempt.ok) {
      const seconds = Math.max(1, Math.ceil(attempt.retryAfterMs / 1000))
      throw new HttpError(
        429,
        "FLEET_AUTH_TOO_MANY_ATTEMPTS",
        `too many wrong passwords; retry in ${seconds} s`,
        null,
        {
          "retry-after": String(seconds),
        },
      )
    }
    let outcome: "success" | "failure" | "abandoned" = "abandoned"
    try {
      if (user.password_hash === null || !(await verifySecret(user.password_hash, body.password))) {
        outcome = "failure"
        throw new HttpError(403, "FLEET_AUTH_INVALID_CREDENTIALS", "the password is wrong")
      }
      outcome = "success"
    } finally {
      attempt.settle(outcome, Date.now())
    }
    await db.withOrg(p.homeOrgId, async (c) => {
      await rows(
        c,
        sql
          .updateTable("users")
          .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null })
          .where("id", "=", user.id),
      )
      await rows(c, sql.deleteFrom("recovery_codes").where("user_id", "=", user.id))
      // Turning off what is already off changes nothing, and is not an event.
      if (user.totp_secret !== null) {
        await audit(c, self(p), request, {
          action: "user.totp-disable",
          entity: "user",
          entityId: user.id,
          oldValues: { totpEnabled: true },
          newValues: { totpEnabled: false },
        })
      }
    })
    return {}
  })

  serve(app, deps, endpoints.me.recoveryCodes, async ({ principal: p, body, request }) =>
    db.withOrg(p.homeOrgId, async (c) => {
      const user = await account(c, p)
      if (user.totp_secret === null) {
        throw new HttpError(400, "FLEET_TOTP_NOT_ENABLED", "two-factor sign-in is not on")
      }
      if (!(await acceptTotpCode(c, box, user.id, user.totp_secret, body.code, Date.now())))
        throw codeInvalid()
      const recoveryCodes = await replaceRecoveryCodes(c, { id: user.id, orgId: user.org_id })
      await audit(c, self(p), request, {
        action: "user.recovery-codes-replace",
        entity: "user",
        entityId: user.id,
      })
      return { body: { recoveryCodes: [...recoveryCodes] } }
    }),
  )
}
