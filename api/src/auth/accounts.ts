import { type Me, ROLE_PERMISSIONS } from "@fleetcore/contract"
import type { PostgresClient } from "@fleetcore/platform"
import { firstRow, type Queryable, rows, sql } from "../db/sql.js"
import { settingsView } from "../organisations/organisationSettings.js"

const accounts = sql
  .selectFrom("users as u")
  .innerJoin("organisations as o", "o.id", "u.org_id")
  .select([
    "u.id",
    "u.org_id",
    "u.email",
    "u.name",
    "u.phone",
    "u.role",
    "u.locale",
    "u.theme",
    "u.time_zone",
    "u.disabled",
    "u.password_hash",
    "u.totp_secret",
    "u.totp_pending_secret",
    "o.name as org_name",
    "o.settings as org_settings",
  ])

/** A user as sign-in and the profile need them (with secrets: never answered as they are). */
export type Account = Awaited<ReturnType<typeof accountById>> & object

export const accountByEmail = async (client: Queryable, email: string) =>
  (await rows(client, accounts.where("u.email", "=", email)))[0]

export const accountById = async (client: Queryable, id: string) =>
  (await rows(client, accounts.where("u.id", "=", id)))[0]

/** The organisation a session acts in, as `Me` names it. */
export interface ActingOrganisation {
  readonly id: string
  readonly name: string
  /** Its stored `settings` (jsonb), for its time zone. */
  readonly settings: Readonly<Record<string, unknown>>
}

/** The user's own organisation, where a session acts unless the owner switched. */
export const homeOrganisation = (account: Account): ActingOrganisation => ({
  id: account.org_id,
  name: account.org_name,
  settings: account.org_settings,
})

/** The signed-in user as the API shows them, acting in `acting` (their own organisation unless switched). */
export const meOf = (account: Account, acting: ActingOrganisation): typeof Me.Encoded => ({
  id: account.id,
  email: account.email,
  name: account.name,
  phone: account.phone,
  role: account.role,
  orgId: acting.id,
  orgName: acting.name,
  homeOrgId: account.org_id,
  locale: account.locale,
  theme: account.theme,
  timeZone: account.time_zone,
  orgTimeZone: settingsView(acting.settings).timezone,
  totpEnabled: account.totp_secret !== null,
  permissions: [...ROLE_PERMISSIONS[account.role]],
})

/**
 * The signed-in user as `Me`, acting in the principal's organisation, read through row-level
 * security (their home organisation's row, then the acting one's name); undefined when either is gone.
 * The role is the one stored now, so a role changed since the token was issued shows at once.
 */
export const loadMe = async (
  db: PostgresClient,
  p: { readonly userId: string; readonly orgId: string; readonly homeOrgId: string },
): Promise<typeof Me.Encoded | undefined> => {
  const account = await db.withOrg(p.homeOrgId, (c) => accountById(c, p.userId))
  if (account === undefined) return undefined
  const acting =
    p.orgId === account.org_id
      ? homeOrganisation(account)
      : await db.withOrg(p.orgId, (c) =>
          firstRow(
            c,
            sql.selectFrom("organisations").select(["id", "name", "settings"]).where("id", "=", p.orgId),
          ),
        )
  return acting === undefined ? undefined : meOf(account, acting)
}
