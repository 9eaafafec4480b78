import type { Organisation } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import type pg from "pg"
import { firstRow, sql } from "../db/sql.js"
import { logoUrlOf } from "./OrganisationLogoRoutes.js"
import { settingsView } from "./organisationSettings.js"

/** Organisations with their user and vehicle counts; callers add the filter (every one names the org). */
export const organisationSelect = () =>
  sql
    .selectFrom("organisations as o")
    .select((eb) => [
      "o.id",
      "o.name",
      "o.slug",
      "o.description",
      "o.status",
      "o.kind",
      "o.settings",
      "o.created_at",
      "o.logo_key",
      "o.logo_updated_at",
      eb
        .selectFrom("users as u")
        .whereRef("u.org_id", "=", "o.id")
        .select(eb.fn.countAll<string>().as("n"))
        .as("user_count"),
      raw<string>`(SELECT count(*) FROM vehicles v WHERE v.org_id = o.id)`.as("vehicle_count"),
    ])

type OrganisationRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof organisationSelect>["executeTakeFirst"]>>
>

/** An organisation as the API answers it (settings with their defaults filled in). */
export const organisationView = (r: OrganisationRow): typeof Organisation.Encoded => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  status: r.status,
  kind: r.kind,
  settings: settingsView(r.settings),
  userCount: Number(r.user_count ?? 0),
  vehicleCount: Number(r.vehicle_count),
  createdAt: r.created_at.toISOString(),
  logoUrl: r.logo_key === null ? null : logoUrlOf(r.logo_updated_at),
})

/** One organisation by id, as the API answers it, or undefined. */
export const findOrganisation = async (
  client: pg.ClientBase,
  orgId: string,
): Promise<typeof Organisation.Encoded | undefined> => {
  const row = await firstRow(client, organisationSelect().where("o.id", "=", orgId))
  return row === undefined ? undefined : organisationView(row)
}

/** Whether another organisation already has this name (compared case-insensitively) or slug. */
export const organisationNameTaken = async (
  client: pg.ClientBase | pg.Pool,
  name: string,
  slug: string | null,
  exceptId: string | null,
): Promise<boolean> => {
  const { rows } = await client.query(
    `SELECT 1 FROM organisations
     WHERE (lower(name) = lower($1) OR slug = $2) AND ($3::uuid IS NULL OR id <> $3::uuid) LIMIT 1`,
    [name, slug, exceptId],
  )
  return rows.length > 0
}
