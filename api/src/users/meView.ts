import { type Me, PERMISSIONS, ROLE_PERMISSIONS } from "@fleetcore/contract"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"

/**
 * The signed-in user as `Me` (profile, acting and home organisation, the permissions of their role),
 * read on the system connection by the principal's own ids: an owner acting inside another
 * organisation is still a row of their home organisation.
 */
export const loadMe = async (
  client: pg.ClientBase | pg.Pool,
  p: Principal,
): Promise<typeof Me.Encoded | undefined> => {
  const { rows } = await client.query<{
    id: string
    email: string
    name: string
    phone: string | null
    role: (typeof Me.Encoded)["role"]
    org_id: string
    locale: (typeof Me.Encoded)["locale"]
    theme: (typeof Me.Encoded)["theme"]
    totp_enabled: boolean
    acting_org_name: string
  }>(
    `SELECT u.id, u.email, u.name, u.phone, u.role, u.org_id, u.locale, u.theme,
            u.totp_enabled_at IS NOT NULL AS totp_enabled, o.name AS acting_org_name
     FROM users u, organisations o WHERE u.id = $1 AND o.id = $2`,
    [p.userId, p.orgId],
  )
  const r = rows[0]
  if (r === undefined) return undefined
  // The role as stored now: a role changed since the token was issued shows at once.
  const allowed = ROLE_PERMISSIONS[r.role]
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    phone: r.phone,
    role: r.role,
    orgId: p.orgId,
    orgName: r.acting_org_name,
    homeOrgId: r.org_id,
    locale: r.locale,
    theme: r.theme,
    totpEnabled: r.totp_enabled,
    permissions: PERMISSIONS.filter((x) => allowed.has(x)),
  }
}
