import { CENTRE_EDITABLE_STATUSES, endpoints } from "@fleetcore/contract"
import { HttpError, hashSecret } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { assertPasswordPolicy } from "../auth/passwordPolicy.js"
import { firstRow, sql } from "../db/sql.js"
import { isUniqueViolation, systemTransaction } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import { organisationNameTaken } from "../organisations/organisationQueries.js"
import { slugFor } from "../organisations/organisationSlug.js"
import { nameTaken } from "../organisations/updateOrganisation.js"
import { centreDetail, centreNotFound } from "./centreQueries.js"
import { RegistrationThrottle } from "./registrationThrottle.js"

const statusRefused = (status: string, wanted: string) =>
  new HttpError(409, "FLEET_CENTRE_STATUS", `the centre is ${status}: ${wanted}`)

/** Body field → service_centres column. */
const DETAIL_COLUMNS = {
  country: "country",
  address: "address",
  phone: "phone",
  taxId: "tax_id",
  legalName: "legal_name",
  registrationNumber: "registration_number",
  website: "website",
  description: "description",
} as const

/**
 * A service centre's own side: registering (public, throttled per address), reading and editing
 * its verification details, submitting them with its documents for the moderators to verify.
 */
export const registerCentreRoutes = (
  app: TemplatedApp,
  deps: Pick<RouteDeps, "db" | "tokens" | "log">,
): void => {
  const { db } = deps
  const throttle = new RegistrationThrottle()

  serve(app, deps, endpoints.centres.register, async ({ body: b, request }) => {
    const waitMs = throttle.take(request.remoteAddress, Date.now())
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000))
      throw new HttpError(
        429,
        "FLEET_CENTRE_REGISTRATION_THROTTLED",
        `too many registrations from this address; retry in ${seconds} s`,
        null,
        { "retry-after": String(seconds) },
      )
    }
    const email = b.email.trim().toLowerCase()
    assertPasswordPolicy(b.password, { email, name: b.ownerName }, "password")
    const passwordHash = await hashSecret(b.password)
    const slug = slugFor(b.name)
    const created = await systemTransaction(db, async (c) => {
      if (await organisationNameTaken(c, b.name, slug, null)) throw nameTaken()
      const settings = b.locale === undefined ? {} : { language: b.locale }
      const org = await c
        .query<{ id: string }>(
          "INSERT INTO organisations (name, slug, kind, settings) VALUES ($1, $2, 'service_centre', $3::jsonb) RETURNING id",
          [b.name, slug, JSON.stringify(settings)],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw nameTaken()
          throw error
        })
      const orgId = org.rows[0]?.id as string
      await c.query(
        "INSERT INTO service_centres (org_id, country, address, phone, tax_id) VALUES ($1, $2, $3, $4, $5)",
        [orgId, b.country, b.address, b.phone, b.taxId],
      )
      const user = await c
        .query<{ id: string }>(
          `INSERT INTO users (org_id, email, name, role, locale, password_hash, password_changed_at)
           VALUES ($1, $2, $3, 'centre_owner', $4, $5, now()) RETURNING id`,
          [orgId, email, b.ownerName, b.locale ?? "en", passwordHash],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error, "users_email_key"))
            throw new HttpError(409, "FLEET_USER_EXISTS", "a user with this e-mail exists", "email")
          throw error
        })
      const userId = user.rows[0]?.id as string
      await audit(c, { orgId, userId }, request, {
        action: "centre.register",
        entity: "service_centre",
        entityId: orgId,
        newValues: {
          name: b.name,
          country: b.country,
          address: b.address,
          phone: b.phone,
          taxId: b.taxId,
          owner: { id: userId, email, name: b.ownerName },
        },
      })
      const centre = await centreDetail(c, orgId)
      if (centre === undefined) throw centreNotFound()
      const { documents: _d, decisions: _m, ...plain } = centre
      return { centre: plain, userId }
    })
    return { body: created }
  })

  serve(app, deps, endpoints.centres.get, async ({ principal: p }) => {
    const centre = await db.withOrg(p.orgId, (c) => centreDetail(c, p.orgId))
    if (centre === undefined) throw centreNotFound()
    return { body: centre }
  })

  serve(app, deps, endpoints.centres.update, async ({ principal: p, body, request }) => {
    const centre = await db.withOrg(p.orgId, async (c) => {
      const before = await firstRow(
        c,
        sql.selectFrom("service_centres").selectAll().where("org_id", "=", p.orgId).forUpdate(),
      )
      if (before === undefined) throw centreNotFound()
      if (!CENTRE_EDITABLE_STATUSES.includes(before.status))
        throw statusRefused(before.status, "its details change only while a draft or rejected")
      const set: Record<string, unknown> = {}
      const oldValues: Record<string, unknown> = {}
      const newValues: Record<string, unknown> = {}
      for (const [field, column] of Object.entries(DETAIL_COLUMNS)) {
        const value = (body as Record<string, unknown>)[field]
        const previous = (before as unknown as Record<string, unknown>)[column]
        if (value === undefined || value === previous) continue
        set[column] = value
        oldValues[field] = previous
        newValues[field] = value
      }
      if (Object.keys(set).length > 0) {
        await c.query(
          `UPDATE service_centres SET ${Object.keys(set)
            .map((column, i) => `${column} = $${i + 2}`)
            .join(", ")}, updated_at = now() WHERE org_id = $1`,
          [p.orgId, ...Object.values(set)],
        )
        await audit(c, p, request, {
          action: "centre.update",
          entity: "service_centre",
          entityId: p.orgId,
          oldValues,
          newValues,
        })
      }
      return centreDetail(c, p.orgId)
    })
    if (centre === undefined) throw centreNotFound()
    return { body: centre }
  })

  serve(app, deps, endpoints.centres.submit, async ({ principal: p, request }) => {
    const centre = await db.withOrg(p.orgId, async (c) => {
      const before = await firstRow(
        c,
        sql.selectFrom("service_centres").select("status").where("org_id", "=", p.orgId).forUpdate(),
      )
      if (before === undefined) throw centreNotFound()
      if (!CENTRE_EDITABLE_STATUSES.includes(before.status))
        throw statusRefused(before.status, "only a draft or a rejected centre is submitted")
      const documents = await c.query(
        "SELECT 1 FROM documents WHERE entity_type = 'service_centre' AND entity_id = $1 LIMIT 1",
        [p.orgId],
      )
      if (documents.rowCount === 0)
        throw new HttpError(
          409,
          "FLEET_CENTRE_DOCUMENTS_MISSING",
          "upload at least one verification document (entityType service_centre) first",
        )
      await c.query(
        "UPDATE service_centres SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE org_id = $1",
        [p.orgId],
      )
      await audit(c, p, request, {
        action: "centre.submit",
        entity: "service_centre",
        entityId: p.orgId,
        oldValues: { status: before.status },
        newValues: { status: "submitted" },
      })
      return centreDetail(c, p.orgId)
    })
    if (centre === undefined) throw centreNotFound()
    return { body: centre }
  })
}
