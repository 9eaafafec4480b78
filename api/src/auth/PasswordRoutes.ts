import { endpoints } from "@fleetcore/contract"
import { HttpError, hashSecret, type Request, verifySecret } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { systemTransaction } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { passwordLinkDigest, revokeSessions } from "../users/passwordLinks.js"
import { LoginThrottle, type Reservation } from "./LoginThrottle.js"
import { assertPasswordPolicy } from "./passwordPolicy.js"

const throttled = (retryAfterMs: number): HttpError => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new HttpError(
    429,
    "FLEET_AUTH_TOO_MANY_ATTEMPTS",
    `too many failed attempts; retry in ${seconds} s`,
    null,
    { "retry-after": String(seconds) },
  )
}

/** Runs `work` under a throttle reservation: a failure is what `work` reports by throwing `failure`. */
const throttledAttempt = async <A>(
  throttle: LoginThrottle,
  account: string,
  request: Request,
  isFailure: (error: unknown) => boolean,
  work: () => Promise<A>,
): Promise<A> => {
  const attempt: Reservation = throttle.reserve(account, request.remoteAddress, Date.now())
  if (!attempt.ok) throw throttled(attempt.retryAfterMs)
  try {
    const result = await work()
    attempt.settle("success", Date.now())
    return result
  } catch (error) {
    attempt.settle(isFailure(error) ? "failure" : "abandoned", Date.now())
    throw error
  }
}

const isCode = (code: string) => (error: unknown) => error instanceof HttpError && error.code === code

/**
 * Choosing a password: with a one-time link (new users, resets; public) and by a signed-in user
 * who knows their current one. Both check the password policy and store an argon2id hash; both are
 * throttled like sign-in, because both guess at a secret.
 */
export const registerPasswordRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  const linkThrottle = new LoginThrottle()
  const changeThrottle = new LoginThrottle()

  serve(app, deps, endpoints.auth.setPassword, async ({ body, request }) => {
    const digest = passwordLinkDigest(body.token)
    await throttledAttempt(
      linkThrottle,
      `link:${digest.toString("hex")}`,
      request,
      isCode("FLEET_PASSWORD_LINK_INVALID"),
      () =>
        // The link is not known to belong to any organisation until it is found: the system connection,
        // every statement naming the link or its user.
        systemTransaction(db, async (c) => {
          const { rows } = await c.query<{
            id: string
            org_id: string
            user_id: string
            email: string
            name: string
            invited: boolean
          }>(
            `SELECT l.id, l.org_id, l.user_id, u.email, u.name, u.password_hash IS NULL AS invited
             FROM password_links l JOIN users u ON u.id = l.user_id AND u.org_id = l.org_id
             WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND NOT u.disabled
             FOR UPDATE OF l`,
            [digest],
          )
          const link = rows[0]
          if (link === undefined)
            throw new HttpError(
              400,
              "FLEET_PASSWORD_LINK_INVALID",
              "this link is unknown, was already used or has expired; ask an administrator for a new one",
              "token",
            )
          assertPasswordPolicy(body.password, link, "password")
          await c.query(
            "UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1 AND org_id = $3",
            [link.user_id, await hashSecret(body.password), link.org_id],
          )
          await c.query("UPDATE password_links SET used_at = now() WHERE id = $1", [link.id])
          // A reset ends every session opened with the old password.
          await revokeSessions(c, link.user_id)
          await audit(c, { orgId: link.org_id, userId: link.user_id }, request, {
            action: "user.password-set",
            entity: "user",
            entityId: link.user_id,
            details: { via: "link", firstPassword: link.invited },
          })
        }),
    )
    return {}
  })

  serve(app, deps, endpoints.me.changePassword, async ({ principal: p, body, request }) => {
    await throttledAttempt(
      changeThrottle,
      `change:${p.userId}`,
      request,
      isCode("FLEET_AUTH_INVALID_CREDENTIALS"),
      // The caller's own row, by id, on the system connection: an owner acting inside another
      // organisation is a user of their home organisation.
      () =>
        systemTransaction(db, async (c) => {
          const { rows } = await c.query<{
            org_id: string
            email: string
            name: string
            password_hash: string | null
          }>("SELECT org_id, email, name, password_hash FROM users WHERE id = $1 FOR NO KEY UPDATE", [
            p.userId,
          ])
          const user = rows[0]
          const ok =
            user?.password_hash != null && (await verifySecret(user.password_hash, body.currentPassword))
          if (user === undefined || !ok)
            throw new HttpError(
              403,
              "FLEET_AUTH_INVALID_CREDENTIALS",
              "the current password is wrong",
              "currentPassword",
            )
          // The current password was just checked: a new one equal to it changes nothing.
          if (body.newPassword === body.currentPassword)
            throw new HttpError(
              400,
              "FLEET_PASSWORD_UNCHANGED",
              "the new password is the current one; choose another",
              "newPassword",
            )
          assertPasswordPolicy(body.newPassword, user, "newPassword")
          await c.query("UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1", [
            p.userId,
            await hashSecret(body.newPassword),
          ])
          // Every other session ends; the caller's own login (its refresh-token family) goes on.
          await revokeSessions(c, p.userId, p.sessionId === null ? null : { familyId: p.sessionId })
          await audit(c, { orgId: user.org_id, userId: p.userId }, request, {
            action: "user.password-change",
            entity: "user",
            entityId: p.userId,
          })
        }),
    )
    return {}
  })
}
