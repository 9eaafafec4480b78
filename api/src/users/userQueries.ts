import type { User } from "@fleetcore/contract"
import type pg from "pg"
import { firstRow, sql } from "../db/sql.js"

/** Users as the API shows them (never a password hash or a TOTP secret); callers add the filter. */
export const userSelect = () =>
  sql
    .selectFrom("users as u")
    .select((eb) => [
      "u.id",
      "u.email",
      "u.name",
      "u.phone",
      "u.role",
      "u.locale",
      "u.disabled",
      eb("u.password_hash", "is", null).$castTo<boolean>().as("invited"),
      eb("u.totp_enabled_at", "is not", null).$castTo<boolean>().as("totp_enabled"),
      "u.last_login_at",
      "u.created_at",
    ])

type UserRow = NonNullable<Awaited<ReturnType<ReturnType<typeof userSelect>["executeTakeFirst"]>>>

/** invited: no password chosen yet; disabled wins over invited. */
export const userStatus = (r: { disabled: boolean; invited: boolean }): "active" | "invited" | "disabled" =>
  r.disabled ? "disabled" : r.invited ? "invited" : "active"

export const userView = (r: UserRow): typeof User.Encoded => ({
  id: r.id,
  email: r.email,
  name: r.name,
  phone: r.phone,
  role: r.role,
  locale: r.locale,
  status: userStatus(r),
  totpEnabled: r.totp_enabled,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
})

/** One user of the organisation `c` is confined to (row-level security), or undefined. */
export const findUser = async (
  c: pg.ClientBase,
  userId: string,
): Promise<typeof User.Encoded | undefined> => {
  const row = await firstRow(c, userSelect().where("u.id", "=", userId))
  return row === undefined ? undefined : userView(row)
}
