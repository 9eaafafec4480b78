import { endpoints, reason } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { centreNotApproved } from "../centres/centreQueries.js"
import { listPage, sortOf } from "../db/listPage.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { refuse } from "../http/refuse.js"
import { serve } from "../http/serve.js"
import { assertMayGrant, assertNotSelfLockout, assertRoleFitsOrganisation } from "./grantRules.js"
import { linkDriver } from "./linkDriver.js"
import { organisationKind } from "./organisationKind.js"
import { issuePasswordLink, linkOrigin, revokeSessions } from "./passwordLinks.js"
import { findUser, userSelect, userView } from "./userQueries.js"

export interface UserRouteDeps extends Pick<RouteDeps, "db" | "tokens" | "log"> {
  /** The dashboard's public address for links; null uses the origin of the admin's request. */
  readonly publicUrl: string | null
}

const notFound = () => new HttpError(404, "FLEET_USER_NOT_FOUND", "no such user")
const emailTaken = () => new HttpError(409, "FLEET_USER_EXISTS", "a user with this e-mail exists", "email")

/** The fields of a user an audit entry shows (never a hash or secret). */
const AUDITED = ["name", "role", "phone", "locale", "disabled"] as const

/**
 * The organisation's users: listed and read by admins and managers, created, edited, deactivated by
 * admins. New users get no password: the answer holds a one-time link for them to choose one.
 * Everything runs inside the caller's organisation (row-level security): another organisation's
 * user id is a 404 like an unknown one.
 */
export const registerUserRoutes = (app: TemplatedApp, deps: UserRouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.users.list, async ({ principal: p, query: q }) => {
    const order = sortOf(
      q.sort,
      {
        name: "u.name",
        email: "u.email",
        role: "u.role",
        createdAt: "u.created_at",
        lastLoginAt: "u.last_login_at",
      } as const,
      { column: "u.name", direction: "asc" },
    )
    let query = userSelect().orderBy(order.column, order.direction).orderBy("u.id")
    if (q.role) query = query.where("u.role", "=", q.role)
    if (q.status === "disabled") query = query.where("u.disabled", "=", true)
    if (q.status === "invited")
      query = query.where("u.disabled", "=", false).where("u.password_hash", "is", null)
    if (q.status === "active")
      query = query.where("u.disabled", "=", false).where("u.password_hash", "is not", null)
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, "\\$&")}%`
      query = query.where((eb) => eb.or([eb("u.name", "ilike", like), eb("u.email", "ilike", like)]))
    }
    const page = await db.withOrg(p.orgId, (c) => listPage(c, query, q))
    return { body: { ...page, items: page.items.map(userView) } }
  })

  serve(app, deps, endpoints.users.get, async ({ principal: p, params }) => {
    const user = await db.withOrg(p.orgId, (c) => findUser(c, params.id))
    if (user === undefined) throw notFound()
    return { body: user }
  })

  serve(app, deps, endpoints.users.create, async ({ principal: p, body, request }) => {
    assertMayGrant(p.role, body.role, "role")
    if (body.driverId !== undefined && body.role !== "driver")
      throw refuse(400, "FLEET_BODY_INVALID", "driverId", reason("driverRoleOnly"))
    const email = body.email.trim().toLowerCase()
    // Without a language of their own, a new user speaks the organisation's default language.
    const answer = await db.withOrg(p.orgId, async (c) => {
      const kind = await organisationKind(c, p.orgId)
      assertRoleFitsOrganisation(kind.kind, body.role, "role")
      // A centre takes on employees once a moderator verified it.
      if (kind.kind === "service_centre" && kind.centreStatus !== "approved") throw centreNotApproved()
      const inserted = await c
        .query<{ id: string }>(
          `INSERT INTO users (org_id, email, name, role, phone, locale, password_hash)
           VALUES ($1, $2, $3, $4, $5, COALESCE($6, (
             SELECT settings->>'language' FROM organisations
             WHERE id = $1 AND settings->>'language' IN ('en', 'ru', 'kk', 'tr')), 'en'), NULL)
           RETURNING id`,
          [p.orgId, email, body.name, body.role, body.phone ?? null, body.locale ?? null],
        )
        .catch((error: unknown) => {
          // E-mail addresses are unique in the installation: sign-in finds a user by e-mail alone.
          if (isUniqueViolation(error, "users_email_key")) throw emailTaken()
          throw error
        })
      const id = inserted.rows[0]?.id as string
      const user = await findUser(c, id)
      if (user === undefined) throw notFound()
      const driverId = body.role === "driver" ? await linkDriver(c, p.orgId, user, body.driverId) : null
      const passwordLink = await issuePasswordLink(c, {
        orgId: p.orgId,
        userId: id,
        createdBy: p.userId,
        origin: linkOrigin(deps.publicUrl, request),
      })
      await audit(c, p, request, {
        action: "user.create",
        entity: "user",
        entityId: id,
        newValues: {
          email,
          name: user.name,
          role: user.role,
          phone: user.phone,
          locale: user.locale,
          status: user.status,
          ...(driverId === null ? {} : { driverId }),
        },
      })
      return { user, passwordLink }
    })
    return { body: answer }
  })

  serve(app, deps, endpoints.users.update, async ({ principal: p, params, body, request }) => {
    const user = await db.withOrg(p.orgId, async (c) => {
      const before = await findUser(c, params.id)
      if (before === undefined) throw notFound()
      // Only an owner edits an owner, and only an owner makes one.
      assertMayGrant(p.role, before.role, "role")
      if (body.role !== undefined) {
        assertMayGrant(p.role, body.role, "role")
        assertRoleFitsOrganisation((await organisationKind(c, p.orgId)).kind, body.role, "role")
      }
      assertNotSelfLockout(before.id === p.userId, before, body)
      const current = { ...before, disabled: before.status === "disabled" }
      const changed = AUDITED.filter((k) => body[k] !== undefined && body[k] !== current[k])
      if (changed.length === 0) return before
      await c.query(
        `UPDATE users SET name = COALESCE($2, name), role = COALESCE($3, role),
           phone = CASE WHEN $4::boolean THEN $5 ELSE phone END,
           locale = COALESCE($6, locale), disabled = COALESCE($7, disabled)
         WHERE id = $1`,
        [
          params.id,
          body.name ?? null,
          body.role ?? null,
          body.phone !== undefined,
          body.phone ?? null,
          body.locale ?? null,
          body.disabled ?? null,
        ],
      )
      // A user who becomes a driver is a driver record too (their own, made now if they had none).
      if (body.role === "driver" && before.role !== "driver") await linkDriver(c, p.orgId, before, undefined)
      // A deactivated user's sessions end now: no refresh token of theirs works any more.
      if (body.disabled === true && !current.disabled) await revokeSessions(c, params.id)
      await audit(c, p, request, {
        action: body.disabled === true && !current.disabled ? "user.deactivate" : "user.update",
        entity: "user",
        entityId: params.id,
        oldValues: Object.fromEntries(changed.map((k) => [k, current[k]])),
        newValues: Object.fromEntries(changed.map((k) => [k, body[k] ?? null])),
      })
      return findUser(c, params.id)
    })
    if (user === undefined) throw notFound()
    return { body: user }
  })

  serve(app, deps, endpoints.users.passwordLink, async ({ principal: p, params, request }) => {
    const link = await db.withOrg(p.orgId, async (c) => {
      const user = await findUser(c, params.id)
      if (user === undefined) throw notFound()
      assertMayGrant(p.role, user.role, "id")
      const issued = await issuePasswordLink(c, {
        orgId: p.orgId,
        userId: params.id,
        createdBy: p.userId,
        origin: linkOrigin(deps.publicUrl, request),
      })
      await audit(c, p, request, {
        action: "user.password-link",
        entity: "user",
        entityId: params.id,
        details: { expiresAt: issued.expiresAt },
      })
      return issued
    })
    return { body: link }
  })
}
