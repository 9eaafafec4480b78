import type { ServiceVisit, ServiceVisitDetail, VisitPhoto, WorkItem } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { sql as raw } from "kysely"
import type pg from "pg"
import { firstRow, type Queryable, rows, sql } from "../db/sql.js"

export const visitNotFound = (): HttpError =>
  new HttpError(404, "FLEET_VISIT_NOT_FOUND", "no such service visit")

/**
 * Visits as row-level security shows them: a centre its own, a fleet those of its vehicles. The
 * vehicle's name resolves only on the fleet's side (RLS hides its vehicles from the centre, which
 * sees `vehicle_label`, the name and plate its grant showed when it opened the visit).
 */
/** A vehicle's name and plate as visits show them: "Service van (SRV 100)". */
export const vehicleLabelSql = (v: string) =>
  raw<
    string | null
  >`CASE WHEN ${raw.ref(`${v}.plate`)} IS NULL THEN ${raw.ref(`${v}.name`)} ELSE ${raw.ref(`${v}.name`)} || ' (' || ${raw.ref(`${v}.plate`)} || ')' END`

export const visitQuery = () =>
  sql
    .selectFrom("service_visits as s")
    .leftJoin("vehicles as v", "v.id", "s.vehicle_id")
    .selectAll("s")
    .select([
      vehicleLabelSql("v").as("vehicle_name"),
      raw<string>`(SELECT coalesce(sum(round(i.quantity * i.unit_cost, 2)), 0)::numeric(14, 2)::text
        FROM service_work_items i WHERE i.visit_id = s.id)`.as("total"),
      raw<number | null>`s.odometer_km::float8`.as("odometer"),
    ])

export type VisitRow = NonNullable<Awaited<ReturnType<typeof firstVisit>>>

const firstVisit = (c: Queryable, id: string) => firstRow(c, visitQuery().where("s.id", "=", id))

/** Visit `id` as the caller's organisation sees it (locked for the step when `forUpdate`), or 404. */
export const findVisit = async (c: pg.ClientBase, id: string, forUpdate = false): Promise<VisitRow> => {
  if (forUpdate) await c.query("SELECT 1 FROM service_visits WHERE id = $1 FOR UPDATE", [id])
  const row = await firstVisit(c, id)
  if (row === undefined) throw visitNotFound()
  return row
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null

/** The wire form of a visit; `orgId` is the reader's organisation (the fleet sees its own links). */
export const toVisit = (r: VisitRow, orgId: string): typeof ServiceVisit.Encoded => {
  const fleetSide = r.org_id === orgId
  return {
    id: r.id,
    vehicleId: r.vehicle_id,
    vehicleName: fleetSide ? r.vehicle_name : r.vehicle_label,
    centreOrgId: r.centre_org_id,
    centreName: r.centre_name,
    status: r.status,
    odometerKm: r.odometer,
    complaint: r.complaint,
    currency: r.currency,
    total: r.total,
    openedAt: r.opened_at.toISOString(),
    completedAt: iso(r.completed_at),
    confirmedAt: iso(r.confirmed_at),
    disputedAt: iso(r.disputed_at),
    disputeReason: r.dispute_reason,
    disputeOutcome: r.dispute_outcome,
    disputeNote: r.dispute_note,
    settledAt: iso(r.settled_at),
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    maintenanceTaskId: fleetSide ? r.maintenance_task_id : null,
    expenseId: fleetSide ? r.expense_id : null,
  }
}

/** A visit's work items, oldest first. */
export const visitItems = async (c: Queryable, visitId: string): Promise<Array<typeof WorkItem.Encoded>> => {
  const found = await rows(
    c,
    sql
      .selectFrom("service_work_items")
      .select([
        "id",
        "kind",
        "description",
        "part_number",
        raw<number>`quantity::float8`.as("quantity"),
        "unit_cost",
        raw<string>`round(quantity * unit_cost, 2)::numeric(14, 2)::text`.as("line_total"),
        "currency",
        "recommendations",
        "created_at",
      ])
      .where("visit_id", "=", visitId)
      .orderBy("created_at")
      .orderBy("id"),
  )
  return found.map((i) => ({
    id: i.id,
    kind: i.kind,
    description: i.description,
    partNumber: i.part_number,
    quantity: i.quantity,
    unitCost: i.unit_cost,
    lineTotal: i.line_total,
    currency: i.currency,
    recommendations: i.recommendations,
    createdAt: i.created_at.toISOString(),
  }))
}

/** Where a visit photo's bytes (or its preview) are read. */
export const visitPhotoUrl = (visitId: string, photoId: string, thumbnail: boolean): string =>
  `/api/v1/service-visits/${visitId}/photos/${photoId}${thumbnail ? "?thumbnail=true" : ""}`

/** A visit's photos, oldest first. */
export const visitPhotos = async (
  c: Queryable,
  visitId: string,
): Promise<Array<typeof VisitPhoto.Encoded>> => {
  const found = await rows(
    c,
    sql
      .selectFrom("service_visit_photos")
      .select(["id", "filename", "mime_type", "size_bytes", "thumbnail_key", "uploaded_at"])
      .where("visit_id", "=", visitId)
      .orderBy("uploaded_at")
      .orderBy("id"),
  )
  return found.map((p) => ({
    id: p.id,
    filename: p.filename,
    mimeType: p.mime_type,
    sizeBytes: p.size_bytes,
    uploadedAt: p.uploaded_at.toISOString(),
    contentUrl: visitPhotoUrl(visitId, p.id, false),
    thumbnailUrl: p.thumbnail_key === null ? null : visitPhotoUrl(visitId, p.id, true),
  }))
}

/** Visit `id` with its items and photos, as organisation `orgId` sees it. */
export const visitDetail = async (
  c: pg.ClientBase,
  id: string,
  orgId: string,
): Promise<typeof ServiceVisitDetail.Encoded> => ({
  ...toVisit(await findVisit(c, id), orgId),
  items: await visitItems(c, id),
  photos: await visitPhotos(c, id),
})
