import { CSRF_HEADER, endpoints, SESSION_COOKIES } from "@fleetcore/contract"
import { HttpError, hashSecret, type Request, verifySecret } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { rows, sql } from "../db/sql.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { assertOrganisationActive } from "../organisations/organisationStatus.js"
import { type Account, accountByEmail, accountById, homeOrganisation, loadMe } from "./accounts.js"
import { issueSession, type SessionKind } from "./issueSession.js"
import { LoginThrottle } from "./LoginThrottle.js"
import { makeSecretBox } from "./SecretBox.js"
import { acceptTotpCode, useRecoveryCode } from "./secondFactor.js"
import { clearedSessionCookies, cookieOf } from "./sessionCookies.js"
import { refreshDigest } from "./Tokens.js"
import { registerTotpRoutes } from "./TotpRoutes.js"

export interface AuthDeps extends Pick<RouteDeps, "db" | "tokens" | "log"> {
  /** `Secure` on the session cookies (FLEET_COOKIE_SECURE); on unless turned off. */
  readonly cookieSecure?: boolean
  readonly checkResponses?: boolean
}

const invalid = () => new HttpError(401, "FLEET_AUTH_INVALID_CREDENTIALS", "wrong e-mail or password")
const refreshInvalid = () =>
  new HttpError(401, "FLEET_AUTH_REFRESH_INVALID", "the refresh token is unknown, used or expired")
const csrfInvalid = () =>
  new HttpError(403, "FLEET_CSRF_INVALID", `the ${CSRF_HEADER} header does not match the session`)

/**
 * Sign-in, refresh (rotating), logout, the owner's organisation switch and "who am I"; the
 * two-factor profile endpoints are in TotpRoutes. Look-ups before the organisation is known (and
 * refresh-token rows, which are keyed by a secret) use the system pool.
 */
export const registerAuthRoutes = (app: TemplatedApp, deps: AuthDeps): void => {
  const { db, tokens, log } = deps
  const sessions = { db, tokens, cookieSecure: deps.cookieSecure ?? true }
  const cleared = clearedSessionCookies({ secure: sessions.cookieSecure })
  const throttle = new LoginThrottle()
  const box = makeSecretBox(tokens.deriveKey("totp secret"))
  // Verified against when the e-mail is unknown, so both cases take the same time.
  const decoy = hashSecret("decoy-password-for-timing")

  /** A refused sign-in of a known account, audited without being awaited (no timing difference). */
  const auditRefusal = (account: Account, request: Request, reason: string) => {
    audit(db.system, { orgId: account.org_id, userId: null }, request, {
      action: "auth.login-failed",
      entity: "user",
      entityId: account.id,
      details: { email: account.email, reason },
    }).catch((error: unknown) => log.error({ err: error }, "refused login not audited"))
  }

  /**
   * The refresh token a request names: the body's (API clients), else the `fleet_refresh` cookie,
   * whose use must carry the session's CSRF token (checked against the token's login).
   */
  const presentedRefresh = async (
    request: Request,
    fromBody: string | undefined,
  ): Promise<{ readonly digest: Buffer; readonly kind: SessionKind } | null> => {
    if (fromBody !== undefined) return { digest: refreshDigest(fromBody), kind: "token" }
    const cookie = cookieOf(request.headers, SESSION_COOKIES.refresh)
    if (cookie === undefined || cookie === "") return null
    const digest = refreshDigest(cookie)
    const family = (
      await rows(
        db.system,
        sql.selectFrom("refresh_tokens").select("family_id").where("token_hash", "=", digest),
      )
    )[0]
    if (family !== undefined && !tokens.csrfMatches(family.family_id, request.headers.get(CSRF_HEADER))) {
      throw csrfInvalid()
    }
    return { digest, kind: "cookie" }
  }

  serve(app, deps, endpoints.auth.login, async ({ body, request }) => {
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
      const account = await accountByEmail(db.system, email)
      // An invited user (no password yet) is checked against the decoy too, and refused whatever matched.
      const ok = await verifySecret(account?.password_hash ?? (await decoy), body.password)
      if (account === undefined || account.password_hash === null || !ok || account.disabled) {
        outcome = "failure"
        log.info({ email, remote: request.remoteAddress }, "login refused")
        // An unknown e-mail belongs to no organisation, so it has no audit chain: the log line
        // above is its record.
        if (account !== undefined) {
          const reason =
            account.password_hash === null ? "invited" : account.disabled ? "disabled" : "wrong-password"
          auditRefusal(account, request, reason)
        }
        throw invalid()
      }
      // Everything below is said only to someone who knows the password.
      try {
        await assertOrganisationActive(db.system, account.org_id)
      } catch (error) {
        auditRefusal(account, request, "organisation-suspended")
        throw error
      }
      if (account.totp_secret !== null) {
        const { totpCode, recoveryCode } = body
        if (totpCode === undefined && recoveryCode === undefined) {
          throw new HttpError(
            401,
            "FLEET_AUTH_TOTP_REQUIRED",
            "two-factor sign-in is on: send totpCode (or a recoveryCode)",
          )
        }
        const passed =
          totpCode !== undefined
            ? await acceptTotpCode(db.system, box, account.id, account.totp_secret, totpCode, Date.now())
            : await useRecoveryCode(db.system, account.id, recoveryCode ?? "")
        if (!passed) {
          outcome = "failure"
          auditRefusal(account, request, totpCode !== undefined ? "wrong-totp-code" : "wrong-recovery-code")
          throw new HttpError(401, "FLEET_AUTH_TOTP_INVALID", "the code is wrong, expired or already used")
        }
      }
      outcome = "success"
      await rows(
        db.system,
        sql.updateTable("users").set({ last_login_at: new Date() }).where("id", "=", account.id),
      )
      const started = await issueSession(sessions, account, {
        familyId: null,
        acting: homeOrganisation(account),
        kind: body.session ?? "token",
      })
      await audit(db.system, { orgId: account.org_id, userId: account.id }, request, {
        action: "auth.login",
        entity: "user",
        entityId: account.id,
        details: {
          email,
          session: body.session ?? "token",
          ...(account.totp_secret === null ? {} : { secondFactor: body.totpCode ? "totp" : "recovery-code" }),
        },
      })
      return started
    } finally {
      attempt.settle(outcome, Date.now())
    }
  })

  serve(app, deps, endpoints.auth.refresh, async ({ body, request }) => {
    const presented = await presentedRefresh(request, body.refreshToken)
    if (presented === null) throw refreshInvalid()
    // The presented token is revoked and its successor stored in one transaction, so no request
    // sees the login without a live token (`AccountCheck` would take it for ended).
    const client = await db.system.connect()
    try {
      await client.query("BEGIN")
      // Rotation: the presented token is revoked in the same statement that finds it, so it works once.
      const rotated = (
        await rows(
          client,
          sql
            .updateTable("refresh_tokens")
            .set({ revoked_at: new Date() })
            .where("token_hash", "=", presented.digest)
            .where("revoked_at", "is", null)
            .where("expires_at", ">", new Date())
            .returning(["user_id", "family_id", "org_id"]),
        )
      )[0]
      if (rotated === undefined) {
        await client.query("ROLLBACK")
        // A token that was already rotated or revoked is being replayed: whoever holds the family's
        // current token may hold a stolen one, so every token of that login is revoked.
        const reused = await db.system.query(
          `UPDATE refresh_tokens SET revoked_at = now()
           WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL)
             AND revoked_at IS NULL`,
          [presented.digest],
        )
        if ((reused.rowCount ?? 0) > 0)
          log.warn({ remote: request.remoteAddress }, "refresh token replayed; its family is revoked")
        throw refreshInvalid()
      }
      // The presented token stays revoked whether or not a successor is issued.
      try {
        const account = await accountById(client, rotated.user_id)
        if (account === undefined || account.disabled || account.password_hash === null)
          throw refreshInvalid()
        await assertOrganisationActive(client, account.org_id)
        // Only the owner acts outside their own organisation (a role changed since falls back home).
        let acting = homeOrganisation(account)
        if (rotated.org_id !== account.org_id && account.role === "owner") {
          const org = (
            await rows(
              client,
              sql
                .selectFrom("organisations")
                .select(["id", "name", "settings"])
                .where("id", "=", rotated.org_id),
            )
          )[0]
          if (org !== undefined) acting = org
        }
        return await issueSession(sessions, account, {
          familyId: rotated.family_id,
          acting,
          kind: presented.kind,
          client,
        })
      } finally {
        await client.query("COMMIT")
      }
    } finally {
      client.release()
    }
  })

  serve(app, deps, endpoints.auth.logout, async ({ body, request }) => {
    const presented = await presentedRefresh(request, body.refreshToken)
    if (presented !== null) {
      // Logging out ends the login: every token descended from it is revoked.
      const ended = (
        await rows(
          db.system,
          sql
            .updateTable("refresh_tokens")
            .set({ revoked_at: new Date() })
            .where("family_id", "=", (eb) =>
              eb.selectFrom("refresh_tokens").select("family_id").where("token_hash", "=", presented.digest),
            )
            .where("revoked_at", "is", null)
            .returning("user_id"),
        )
      )[0]
      // A token of a login that had already ended changes nothing, and is not an event.
      const account = ended === undefined ? undefined : await accountById(db.system, ended.user_id)
      if (account !== undefined) {
        await audit(db.system, { orgId: account.org_id, userId: account.id }, request, {
          action: "auth.logout",
          entity: "user",
          entityId: account.id,
        })
      }
    }
    return { cookies: cleared }
  })

  serve(app, deps, endpoints.auth.switchOrganisation, async ({ principal, body, request }) => {
    const org = (
      await rows(
        db.system,
        sql
          .selectFrom("organisations")
          .select(["id", "name", "settings"])
          .where("id", "=", body.organisationId),
      )
    )[0]
    if (org === undefined) {
      throw new HttpError(404, "FLEET_ORGANISATION_NOT_FOUND", "no such organisation")
    }
    const account = await accountById(db.system, principal.userId)
    if (account === undefined || account.disabled) {
      throw new HttpError(401, "FLEET_AUTH_TOKEN_INVALID", "the user no longer exists")
    }
    // The new session continues the same login; its other tokens stop working, so a refresh
    // cannot bring the previous organisation back (and replaying one ends the login).
    if (principal.sessionId !== null) {
      await rows(
        db.system,
        sql
          .updateTable("refresh_tokens")
          .set({ revoked_at: new Date() })
          .where("family_id", "=", principal.sessionId)
          .where("revoked_at", "is", null),
      )
    }
    const bearer = (request.headers.get("authorization") ?? "").toLowerCase().startsWith("bearer ")
    const switched = await issueSession(sessions, account, {
      familyId: principal.sessionId,
      acting: org,
      kind: body.session ?? (bearer ? "token" : "cookie"),
    })
    // Recorded in the organisation entered: its admins see who acted in it, and from where.
    await audit(db.system, { orgId: org.id, userId: account.id }, request, {
      action: "auth.switch-organisation",
      entity: "organisation",
      entityId: org.id,
      details: { from: principal.orgId, to: org.id, homeOrgId: account.org_id },
    })
    return switched
  })

  serve(app, deps, endpoints.me.get, async ({ principal }) => {
    const me = await loadMe(db, principal)
    if (me === undefined)
      throw new HttpError(401, "FLEET_AUTH_TOKEN_INVALID", "the user or organisation is gone")
    return { body: me }
  })

  registerTotpRoutes(app, { ...deps, box, throttle })
}
