import { endpoints } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type { TemplatedApp } from "@trufflesuite/uws-js-unofficial"
import { audit } from "../audit/audit.js"
import { listPage, sortOf } from "../db/listPage.js"
import { isUniqueViolation, systemTransaction } from "../db/systemTransaction.js"
import type { RouteDeps } from "../http/RouteDeps.js"
import { serve } from "../http/serve.js"
import {
  findOrganisation,
  organisationNameTaken,
  organisationSelect,
  organisationView,
} from "./organisationQueries.js"
import { slugFor } from "./organisationSlug.js"
import {
  nameTaken,
  type OrganisationChanges,
  organisationNotFound,
  updateOrganisation,
} from "./updateOrganisation.js"

export interface OrganisationRouteDeps extends Pick<RouteDeps, "db" | "tokens" | "log"> {
  /** Told when an organisation is suspended or reactivated: device authentication forgets its cache. */
  readonly onOrganisationChanged: (orgId: string) => void
}

/**
 * Organisations: the installation owner lists, creates, renames, suspends and reactivates them
 * (reading across organisations on the system connection, each statement naming its organisation);
 * every signed-in caller reads their acting organisation, and its admin changes its name and settings.
 */
export const registerOrganisationRoutes = (app: TemplatedApp, deps: OrganisationRouteDeps): void => {
  const { db } = deps

  serve(app, deps, endpoints.organisations.list, async ({ query: q }) => {
    const order = sortOf(q.sort, { name: "o.name", createdAt: "o.created_at" } as const, {
      column: "o.name",
      direction: "asc",
    })
    let query = organisationSelect().orderBy(order.column, order.direction).orderBy("o.id")
    if (q.status) query = query.where("o.status", "=", q.status)
    if (q.kind) query = query.where("o.kind", "=", q.kind)
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, "\\$&")}%`
      query = query.where((eb) => eb.or([eb("o.name", "ilike", like), eb("o.slug", "ilike", like)]))
    }
    const client = await db.system.connect()
    try {
      const page = await listPage(client, query, q)
      return { body: { ...page, items: page.items.map(organisationView) } }
    } finally {
      client.release()
    }
  })

  serve(app, deps, endpoints.organisations.create, async ({ principal: p, body, request }) => {
    const slug = slugFor(body.name)
    const created = await systemTransaction(db, async (c) => {
      if (await organisationNameTaken(c, body.name, slug, null)) throw nameTaken()
      const inserted = await c
        .query<{ id: string }>(
          "INSERT INTO organisations (name, slug, description, settings) VALUES ($1, $2, $3, $4::jsonb) RETURNING id",
          [body.name, slug, body.description ?? null, JSON.stringify(body.settings ?? {})],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw nameTaken()
          throw error
        })
      const orgId = inserted.rows[0]?.id as string
      // The first entry of the new organisation's own chain: who created it, from where.
      await audit(c, { orgId, userId: p.userId }, request, {
        action: "organisation.create",
        entity: "organisation",
        entityId: orgId,
        newValues: {
          name: body.name,
          slug,
          description: body.description ?? null,
          settings: body.settings ?? {},
        },
      })
      return findOrganisation(c, orgId)
    })
    if (created === undefined) throw organisationNotFound()
    return { body: created }
  })

  serve(app, deps, endpoints.organisations.get, async ({ params }) => {
    const client = await db.system.connect()
    try {
      const found = await findOrganisation(client, params.id)
      if (found === undefined) throw organisationNotFound()
      return { body: found }
    } finally {
      client.release()
    }
  })

  /** Renames first check every organisation's names (the system connection), then change one. */
  const change = async (
    p: Parameters<typeof updateOrganisation>[1],
    request: Parameters<typeof updateOrganisation>[2],
    orgId: string,
    changes: OrganisationChanges,
  ) => {
    if (changes.name !== undefined && (await organisationNameTaken(db.system, changes.name, null, orgId)))
      throw nameTaken()
    const { answer, statusChanged } = await db.withOrg(orgId, async (c) => {
      const { statusChanged } = await updateOrganisation(c, p, request, orgId, changes)
      return { answer: await findOrganisation(c, orgId), statusChanged }
    })
    if (answer === undefined) throw organisationNotFound()
    if (statusChanged) deps.onOrganisationChanged(orgId)
    return answer
  }

  serve(app, deps, endpoints.organisations.update, async ({ principal: p, params, body, request }) => {
    if (body.status === "suspended") {
      // The owner's home organisation holds the owner's own account: suspending it would lock them out.
      const home = await db.system.query<{ org_id: string }>("SELECT org_id FROM users WHERE id = $1", [
        p.userId,
      ])
      if (home.rows[0]?.org_id === params.id)
        throw new HttpError(
          409,
          "FLEET_ORGANISATION_OWN",
          "you cannot suspend your own organisation",
          "status",
        )
    }
    return { body: await change(p, request, params.id, body) }
  })

  serve(app, deps, endpoints.organisations.current, async ({ principal: p }) => {
    const found = await db.withOrg(p.orgId, (c) => findOrganisation(c, p.orgId))
    if (found === undefined) throw organisationNotFound()
    return { body: found }
  })

  serve(app, deps, endpoints.organisations.updateCurrent, async ({ principal: p, body, request }) => ({
    body: await change(p, request, p.orgId, body),
  }))
}
