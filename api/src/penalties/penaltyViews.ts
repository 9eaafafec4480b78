import { isConfinedToAssignedVehicles, type Penalty } from "@fleetcore/contract"
import { type Expression, sql as raw, type SqlBool } from "kysely"
import type { Principal } from "../auth/Principal.js"
import { sql } from "../db/sql.js"

/** Fines joined with their vehicle (as `p`, `v`), the driver's name looked up in `drivers`. */
export const penaltyRows = () =>
  sql
    .selectFrom("penalties as p")
    .innerJoin("vehicles as v", "v.id", "p.vehicle_id")
    .select((eb) => [
      "p.id",
      "p.vehicle_id",
      "v.name as vehicle_name",
      "v.plate as vehicle_plate",
      "p.driver_id",
      raw<string | null>`(SELECT d.full_name FROM drivers d WHERE d.id = p.driver_id)`.as("driver_name"),
      eb.cast<string>("p.amount", "text").as("amount"),
      "p.currency",
      "p.offence_at",
      "p.reason",
      "p.article",
      "p.resolution_number",
      raw<string | null>`to_char(p.due_on, 'YYYY-MM-DD')`.as("due_date"),
      "p.status",
      raw<string | null>`to_char(p.paid_on, 'YYYY-MM-DD')`.as("paid_on"),
      "p.receipt_document_id",
      "p.reported_by",
      "p.reported_at",
      "p.confirmed_by",
      "p.confirmed_at",
      "p.status_note",
      "p.notes",
      "p.created_at",
      "p.updated_at",
    ])

export type PenaltyRow = Awaited<ReturnType<ReturnType<typeof penaltyRows>["executeTakeFirstOrThrow"]>>

export const penaltyView = (r: PenaltyRow): typeof Penalty.Encoded => ({
  id: r.id,
  vehicleId: r.vehicle_id,
  vehicleName: r.vehicle_name,
  vehiclePlate: r.vehicle_plate,
  driverId: r.driver_id,
  driverName: r.driver_name,
  amount: r.amount,
  currency: r.currency,
  offenceAt: r.offence_at.toISOString(),
  reason: r.reason,
  article: r.article,
  resolutionNumber: r.resolution_number,
  dueDate: r.due_date,
  status: r.status,
  paidOn: r.paid_on,
  receiptDocumentId: r.receipt_document_id,
  reportedBy: r.reported_by,
  reportedAt: r.reported_at?.toISOString() ?? null,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at?.toISOString() ?? null,
  statusNote: r.status_note,
  notes: r.notes,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

/**
 * The fines `principal` may see: a driver only those of their own driver record (the one whose
 * login they are, `drivers.user_id`); every other role the whole organisation (row-level security).
 */
export const visiblePenalties = (principal: Principal): Expression<SqlBool> =>
  isConfinedToAssignedVehicles(principal.role)
    ? raw<SqlBool>`p.driver_id IN (SELECT d.id FROM drivers d WHERE d.user_id = ${principal.userId})`
    : raw<SqlBool>`true`
