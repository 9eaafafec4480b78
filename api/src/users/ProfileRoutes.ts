import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { loadMe } from "../auth/accounts.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"

const FIELDS = ["name", "phone", "locale", "theme", "timeZone"] as const

/**
 * The signed-in user's own profile: name, phone, language, theme and time zone. Their own row, through their
 * home organisation (an owner acting inside another organisation is still a user of their home
 * organisation); audited in the home organisation's chain.
 */
export const registerProfileRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps

  serve(app, deps, endpoints.me.update, async ({ principal: p, body, request }) => {
    await db.withOrg(p.homeOrgId, async (c) => {
      const { rows } = await c.query<{
        org_id: string
        name: string
        phone: string | null
        locale: string
        theme: string
        timeZone: string | null
      }>(
        `SELECT org_id, name, phone, locale, theme, time_zone AS "timeZone"
         FROM users WHERE id = $1 FOR NO KEY UPDATE`,
        [p.userId],
      )
      const before = rows[0]
      if (before === undefined)
        throw new HttpError(401, "FLEET_AUTH_TOKEN_INVALID", "the user no longer exists")
      const changed = FIELDS.filter((k) => body[k] !== undefined && body[k] !== before[k])
      if (changed.length > 0) {
        await c.query(
          `UPDATE users SET name = COALESCE($2, name), phone = CASE WHEN $3::boolean THEN $4 ELSE phone END,
             locale = COALESCE($5, locale), theme = COALESCE($6, theme),
             time_zone = CASE WHEN $7::boolean THEN $8 ELSE time_zone END
           WHERE id = $1`,
          [
            p.userId,
            body.name ?? null,
            body.phone !== undefined,
            body.phone ?? null,
            body.locale ?? null,
            body.theme ?? null,
            body.timeZone !== undefined,
            body.timeZone ?? null,
          ],
        )
        await audit(c, { orgId: before.org_id, userId: p.userId }, request, {
          action: "profile.update",
          entity: "user",
          entityId: p.userId,
          oldValues: Object.fromEntries(changed.map((k) => [k, before[k]])),
          newValues: Object.fromEntries(changed.map((k) => [k, body[k] ?? null])),
        })
      }
    })
    const me = await loadMe(db, p)
    if (me === undefined) throw new HttpError(401, "FLEET_AUTH_TOKEN_INVALID", "the user no longer exists")
    return { body: me }
  })
}
