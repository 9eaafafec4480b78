import type { Centre, CentreDetail, CentreStatus } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import type pg from "pg"
import { firstRow, rows, sql } from "../db/sql.js"
import { documentQuery, toDocument } from "../documents/documentView.js"

export const centreNotFound = () => new HttpError(404, "FLEET_CENTRE_NOT_FOUND", "no such service centre")

export const centreNotApproved = () =>
  new HttpError(
    409,
    "FLEET_CENTRE_NOT_APPROVED",
    "your service centre is not verified, or is suspended: a moderator approves it first",
  )

/** Centres with their organisation's name; `c` is the centre's `withOrg` or the system connection. */
export const centreSelect = () =>
  sql
    .selectFrom("service_centres as s")
    .innerJoin("organisations as o", "o.id", "s.org_id")
    .select([
      "s.org_id",
      "o.name",
      "s.country",
      "s.address",
      "s.phone",
      "s.tax_id",
      "s.legal_name",
      "s.registration_number",
      "s.website",
      "s.description",
      "s.status",
      "s.status_reason",
      "s.submitted_at",
      "s.approved_at",
      "s.created_at",
      "s.updated_at",
    ])

type CentreRow = Awaited<ReturnType<ReturnType<typeof centreSelect>["executeTakeFirstOrThrow"]>>

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString())

export const centreView = (r: CentreRow): typeof Centre.Encoded => ({
  id: r.org_id,
  name: r.name,
  country: r.country,
  address: r.address,
  phone: r.phone,
  taxId: r.tax_id,
  legalName: r.legal_name,
  registrationNumber: r.registration_number,
  website: r.website,
  description: r.description,
  status: r.status,
  statusReason: r.status_reason,
  submittedAt: iso(r.submitted_at),
  approvedAt: iso(r.approved_at),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

/** A centre with its verification documents and moderation history, or undefined. */
export const centreDetail = async (
  c: pg.ClientBase,
  orgId: string,
): Promise<typeof CentreDetail.Encoded | undefined> => {
  const row = await firstRow(c, centreSelect().where("s.org_id", "=", orgId))
  if (row === undefined) return undefined
  const documents = await rows(
    c,
    documentQuery()
      .where("d.org_id", "=", orgId)
      .where("d.entity_type", "=", "service_centre")
      .where("d.entity_id", "=", orgId)
      .orderBy("d.uploaded_at"),
  )
  const decisions = await rows(
    c,
    sql
      .selectFrom("centre_moderation_decisions")
      .selectAll()
      .where("org_id", "=", orgId)
      .orderBy("decided_at"),
  )
  return {
    ...centreView(row),
    documents: documents.map(toDocument),
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      fromStatus: d.from_status,
      toStatus: d.to_status,
      reason: d.reason,
      moderatorId: d.moderator_id,
      decidedAt: d.decided_at.toISOString(),
    })),
  }
}

/** The centre's status (null: the organisation is no service centre). */
export const centreStatus = async (c: pg.ClientBase, orgId: string): Promise<CentreStatus | null> =>
  (await firstRow(c, sql.selectFrom("service_centres").select("status").where("org_id", "=", orgId)))
    ?.status ?? null

/** Refuses unless the caller's organisation is an approved (not suspended) centre. */
export const assertApprovedCentre = async (c: pg.ClientBase, orgId: string): Promise<void> => {
  if ((await centreStatus(c, orgId)) !== "approved") throw centreNotApproved()
}
