import type { OrganisationSettingsPatch } from "@fleetcore/contract"
import { HttpError, type Request } from "@fleetcore/platform"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { isUniqueViolation } from "../db/systemTransaction.js"
import { settingsView } from "./organisationSettings.js"

/** Names are unique in an installation, case-insensitively (the check before a write, and an index). */
export const nameTaken = () =>
  new HttpError(409, "FLEET_ORGANISATION_EXISTS", "an organisation with this name exists", "name")

export interface OrganisationChanges {
  readonly name?: string
  readonly description?: string | null
  readonly status?: "active" | "suspended"
  readonly settings?: typeof OrganisationSettingsPatch.Type
}

export const organisationNotFound = (): HttpError =>
  new HttpError(404, "FLEET_ORGANISATION_NOT_FOUND", "no such organisation")

/**
 * Applies `changes` to organisation `orgId` on `c` (a transaction inside `withOrg(orgId)`): settings
 * are merged into the stored ones (rule thresholds beside them are kept); a suspension ends the
 * organisation's sessions (its refresh tokens are revoked). Audited in the organisation's own chain,
 * with only the values that changed. Answers whether the status changed.
 */
export const updateOrganisation = async (
  c: pg.ClientBase,
  principal: Principal,
  request: Request,
  orgId: string,
  changes: OrganisationChanges,
): Promise<{ readonly statusChanged: boolean }> => {
  const { rows } = await c.query<{
    name: string
    description: string | null
    status: "active" | "suspended"
    settings: Record<string, unknown>
  }>("SELECT name, description, status, settings FROM organisations WHERE id = $1 FOR NO KEY UPDATE", [orgId])
  const before = rows[0]
  if (before === undefined) throw organisationNotFound()

  const oldValues: Record<string, unknown> = {}
  const newValues: Record<string, unknown> = {}
  for (const key of ["name", "description", "status"] as const) {
    const value = changes[key]
    if (value !== undefined && value !== before[key]) {
      oldValues[key] = before[key]
      newValues[key] = value
    }
  }
  const shownBefore = settingsView(before.settings)
  const changedSettings = Object.entries(changes.settings ?? {}).filter(
    ([k, v]) => JSON.stringify(before.settings[k]) !== JSON.stringify(v),
  )
  if (changedSettings.length > 0) {
    oldValues.settings = Object.fromEntries(
      changedSettings.map(([k]) => [k, shownBefore[k as keyof typeof shownBefore]]),
    )
    newValues.settings = Object.fromEntries(changedSettings)
  }
  if (Object.keys(newValues).length === 0) return { statusChanged: false }

  const statusChanged = "status" in newValues
  await c
    .query(
      `UPDATE organisations SET
       name = COALESCE($2, name),
       description = CASE WHEN $3::boolean THEN $4 ELSE description END,
       status = COALESCE($5, status),
       status_changed_at = CASE WHEN $6::boolean THEN now() ELSE status_changed_at END,
       settings = settings || $7::jsonb
     WHERE id = $1`,
      [
        orgId,
        changes.name ?? null,
        "description" in newValues,
        changes.description ?? null,
        changes.status ?? null,
        statusChanged,
        JSON.stringify(Object.fromEntries(changedSettings)),
      ],
    )
    .catch((error: unknown) => {
      // A rename racing another to the same name: the unique index decides.
      if (isUniqueViolation(error)) throw nameTaken()
      throw error
    })
  if (changes.status === "suspended" && statusChanged) {
    // Nobody of a suspended organisation keeps a session: refreshing is refused from now on. The
    // installation owner acting inside it (their login's token names it) is not of it, and keeps theirs.
    await c.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE org_id = $1)`,
      [orgId],
    )
  }
  await audit(c, { orgId, userId: principal.userId }, request, {
    action:
      statusChanged && changes.status === "suspended"
        ? "organisation.suspend"
        : statusChanged
          ? "organisation.reactivate"
          : "organisation.update",
    entity: "organisation",
    entityId: orgId,
    oldValues,
    newValues,
  })
  return { statusChanged }
}
