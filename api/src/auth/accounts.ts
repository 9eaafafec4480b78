import { type Me, ROLE_PERMISSIONS } from "@fleetcore/contract"
import type { Compilable } from "kysely"
import { sql } from "../db/sql.js"
import type { Queryable } from "../organisations/organisationStatus.js"

/** Runs a built statement on the system pool or a `withOrg` client; its rows. */
export const run = async <O>(client: Queryable, query: Compilable<O>): Promise<O[]> => {
  const compiled = query.compile()
  return (await client.query(compiled.sql, compiled.parameters as unknown[])).rows as O[]
}

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
    "u.disabled",
    "u.password_hash",
    "u.totp_secret",
    "u.totp_pending_secret",
    "o.name as org_name",
  ])

/** A user as sign-in and the profile need them (with secrets: never answered as they are). */
export type Account = Awaited<ReturnType<typeof accountById>> & object

export const accountByEmail = async (client: Queryable, email: string) =>
  (await run(client, accounts.where("u.email", "=", email)))[0]

export const accountById = async (client: Queryable, id: string) =>
  (await run(client, accounts.where("u.id", "=", id)))[0]

/** The signed-in user as the API shows them, acting in `acting` (their own organisation unless switched). */
export const meOf = (
  account: Account,
  acting: { readonly id: string; readonly name: string },
): typeof Me.Encoded => ({
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
  totpEnabled: account.totp_secret !== null,
  permissions: [...ROLE_PERMISSIONS[account.role]],
})
