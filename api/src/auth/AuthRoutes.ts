import { HttpError, hashSecret, route, verifySecret } from "@fleetcore/platform"
import type { OrgId, UserId } from "@fleetcore/proto"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { Schema } from "effect"
import { decodeOr400, jsonBody } from "../http/decode.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { authorize } from "./authorize.js"
import { LoginLimiter } from "./LoginLimiter.js"
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
  const limiter = new LoginLimiter(10, 5 * 60_000)
  // Verified against when the e-mail is unknown, so both cases take the same time.
  const decoy = hashSecret("decoy-password-for-timing")

  const session = async (user: UserRow) => {
    const principal: Principal = { userId: user.id as UserId, orgId: user.org_id as OrgId, role: user.role }
    const refresh = tokens.newRefresh()
    await db.system.query(
      "INSERT INTO refresh_tokens (user_id, org_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
      [user.id, user.org_id, refresh.digest, tokens.refreshTtlS],
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
      const now = Date.now()
      const keys = [`e:${email}`, `a:${request.remoteAddress}`]
      if (keys.some((k) => limiter.blocked(k, now))) {
        throw new HttpError(
          429,
          "FLEET_AUTH_TOO_MANY_ATTEMPTS",
          "too many failed logins; wait a few minutes",
          null,
          {
            "retry-after": "300",
          },
        )
      }
      const { rows } = await db.system.query<UserRow>(`${USER_SQL} WHERE u.email = $1`, [email])
      const user = rows[0]
      const ok = await verifySecret(user?.password_hash ?? (await decoy), body.password)
      if (user === undefined || !ok || user.disabled) {
        for (const k of keys) limiter.fail(k, now)
        log.info({ email, remote: request.remoteAddress }, "login refused")
        throw invalid()
      }
      for (const k of keys) limiter.succeed(k)
      return { status: 200, body: await session(user) }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/auth/refresh",
    async (request) => {
      const body = decodeOr400(Refresh, jsonBody(request.body), "FLEET_AUTH_REFRESH_INVALID")
      // Rotation: the presented token is revoked in the same statement that finds it, so it works once.
      const { rows } = await db.system.query<{ user_id: string }>(
        `UPDATE refresh_tokens SET revoked_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING user_id`,
        [refreshDigest(body.refreshToken)],
      )
      const userId = rows[0]?.user_id
      if (userId === undefined) {
        throw new HttpError(
          401,
          "FLEET_AUTH_REFRESH_INVALID",
          "the refresh token is unknown, used or expired",
        )
      }
      const user = (await db.system.query<UserRow>(`${USER_SQL} WHERE u.id = $1`, [userId])).rows[0]
      if (user === undefined || user.disabled) throw invalid()
      return { status: 200, body: await session(user) }
    },
    { log },
  )

  route(
    app,
    "post",
    "/api/v1/auth/logout",
    async (request) => {
      const body = decodeOr400(Refresh, jsonBody(request.body), "FLEET_AUTH_REFRESH_INVALID")
      await db.system.query(
        "UPDATE refresh_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL",
        [refreshDigest(body.refreshToken)],
      )
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
