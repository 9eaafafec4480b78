import { HttpError, hashSecret, route, verifySecret } from "@fleetcore/platform"
import type { OrgId, UserId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { audit } from "../audit/audit.js"
import { decodeOr400, jsonBody } from "../http/decode.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { authorize } from "./authorize.js"
import { LoginThrottle } from "./LoginThrottle.js"
import type { Principal, Role } from "./Principal.js"
import { refreshDigest } from "./Tokens.js"

const Login = Schema.Struct({
  email: Schema.String.check(Schema.isMinLength(3), Schema.isMaxLength(320)),
  password: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(1024)),
})
const Refresh = Schema.Struct({
  refreshToken: Schema.String.check(Schema.isMinLength(20), Schema.isMaxLength(200)),
})

interface UserRow {
  id: string
  org_id: string
  email: string
  name: string
  role: Role
  locale: string
  disabled: boolean
  password_hash: string
  org_name: string
}

const USER_SQL = `SELECT u.id, u.org_id, u.email, u.name, u.role, u.locale, u.disabled, u.password_hash, o.name AS org_name
                  FROM users u JOIN organisations o ON o.id = u.org_id`

/** The user as the API shows it (never the password hash). */
const userView = (user: UserRow) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  orgId: user.org_id,
  orgName: user.org_name,
  locale: user.locale,
})

const invalid = () => new HttpError(401, "FLEET_AUTH_INVALID_CREDENTIALS", "wrong e-mail or password")

/** Login, refresh (rotating), logout and "who am I". Look-ups run before the org is known. */
export const registerAuthRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db, tokens, log } = deps
  const throttle = new LoginThrottle()
  // Verified against when the e-mail is unknown, so both cases take the same time.
  const decoy = hashSecret("decoy-password-for-timing")

  /** A new access token and refresh token; `familyId` null starts a new family (a login). */
  const session = async (user: UserRow, familyId: string | null) => {
    const principal: Principal = { userId: user.id as UserId, orgId: user.org_id as OrgId, role: user.role }
    const refresh = tokens.newRefresh()
    await db.system.query(
      `INSERT INTO refresh_tokens (user_id, org_id, token_hash, expires_at, family_id)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), COALESCE($5::uuid, gen_random_uuid()))`,
      [user.id, user.org_id, refresh.digest, tokens.refreshTtlS, familyId],
    )
    return {
      accessToken: await tokens.signAccess(principal),
      refreshToken: refresh.token,
      expiresInS: tokens.accessTtlS,
      user: userView(user),
    }
  }

  route(
    app,
    "post",
    "/api/v1/auth/login",
    async (request) => {
      const body = decodeOr400(Login, jsonBody(request.body), "FLEET_AUTH_LOGIN_INVALID")
      const email = body.email.trim().toLowerCase()
      // Reserved before the hash is checked: concurrent guesses count while they are in flight.
      const attempt = throttle.reserve(email, request.remoteAddress, Date.now())
      if (!attempt.ok) {
        const seconds = Math.max(1, Math.ceil(attempt.retryAfterMs / 1000))
        log.info({ email, remote: request.remoteAddress, retryAfterS: seconds }, "login throttled")
        throw new HttpError(
          429,
          "FLEET_AUTH_TOO_MANY_ATTEMPTS",
          `too many failed logins; retry in ${seconds} s`,
          null,
          { "retry-after": String(seconds) },
        )
      }
      let outcome: "success" | "failure" | "abandoned" = "abandoned"
      try {
        const { rows } = await db.system.query<UserRow>(`${USER_SQL} WHERE u.email = $1`, [email])
        const user = rows[0]
        const ok = await verifySecret(user?.password_hash ?? (await decoy), body.password)
        if (user === undefined || !ok || user.disabled) {
          outcome = "failure"
          log.info({ email, remote: request.remoteAddress }, "login refused")
          // An unknown e-mail belongs to no organisation, so it has no audit chain: the log line
          // above is its record. A known account's refusal is audited without being awaited, so
          // the answer takes as long as for an unknown e-mail (no account enumeration by timing).
          if (user !== undefined) {
            audit(db.system, { orgId: user.org_id, userId: null }, request, {
              action: "auth.login-failed",
              entity: "user",
              entityId: user.id,
              details: { email, reason: user.disabled ? "disabled" : "wrong-password" },
            }).catch((error: unknown) => log.error({ err: error }, "refused login not audited"))
          }
          throw invalid()
        }
        outcome = "success"
        const started = await session(user, null)
        await audit(db.system, { orgId: user.org_id, userId: user.id }, request, {
          action: "auth.login",
          entity: "user",
          entityId: user.id,
          details: { email },
        })
        return { status: 200, body: started }
      } finally {
        attempt.settle(outcome, Date.now())
      }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/auth/refresh",
    async (request) => {
      const body = decodeOr400(Refresh, jsonBody(request.body), "FLEET_AUTH_REFRESH_INVALID")
      const digest = refreshDigest(body.refreshToken)
      // Rotation: the presented token is revoked in the same statement that finds it, so it works once.
      const { rows } = await db.system.query<{ user_id: string; family_id: string }>(
        `UPDATE refresh_tokens SET revoked_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING user_id, family_id`,
        [digest],
      )
      const rotated = rows[0]
      if (rotated === undefined) {
        // A token that was already rotated or revoked is being replayed: whoever holds the family's
        // current token may hold a stolen one, so every token of that login is revoked.
        const reused = await db.system.query(
          `UPDATE refresh_tokens SET revoked_at = now()
           WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL)
             AND revoked_at IS NULL`,
          [digest],
        )
        if ((reused.rowCount ?? 0) > 0)
          log.warn({ remote: request.remoteAddress }, "refresh token replayed; its family is revoked")
        throw new HttpError(
          401,
          "FLEET_AUTH_REFRESH_INVALID",
          "the refresh token is unknown, used or expired",
        )
      }
      const user = (await db.system.query<UserRow>(`${USER_SQL} WHERE u.id = $1`, [rotated.user_id])).rows[0]
      if (user === undefined || user.disabled) throw invalid()
      return { status: 200, body: await session(user, rotated.family_id) }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/auth/logout",
    async (request) => {
      const body = decodeOr400(Refresh, jsonBody(request.body), "FLEET_AUTH_REFRESH_INVALID")
      // Logging out ends the login: every token descended from it is revoked.
      const { rows } = await db.system.query<{ user_id: string; org_id: string }>(
        `UPDATE refresh_tokens SET revoked_at = now()
         WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL
         RETURNING user_id, org_id`,
        [refreshDigest(body.refreshToken)],
      )
      const ended = rows[0]
      // A token of a login that had already ended changes nothing, and is not an event.
      if (ended !== undefined) {
        await audit(db.system, { orgId: ended.org_id, userId: ended.user_id }, request, {
          action: "auth.logout",
          entity: "user",
          entityId: ended.user_id,
        })
      }
      return { status: 204 }
    },
    { log },
  )

  route(
    app,
    "get",
    "/api/v1/me",
    async (request) => {
      const principal = await authorize(tokens, request)
      const user = await db.withOrg(
        principal.orgId,
        async (c) => (await c.query<UserRow>(`${USER_SQL} WHERE u.id = $1`, [principal.userId])).rows[0],
      )
      if (user === undefined)
        throw new HttpError(401, "FLEET_AUTH_TOKEN_INVALID", "the user no longer exists")
      return {
        status: 200,
        body: userView(user),
      }
    },
    { log },
  )
}
