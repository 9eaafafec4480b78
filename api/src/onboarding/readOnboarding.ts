import { can, type OnboardingEvent, VEHICLE_CHECKLIST_ITEMS } from "@fleetcore/contract"
import { sql as raw } from "kysely"
import type pg from "pg"
import type { Principal } from "../auth/Principal.js"
import { firstRow, rows, sql } from "../db/sql.js"
import {
  type DriverStatus,
  driverStepsFrom,
  type VehicleStatus,
  vehicleStepsFrom,
} from "./onboardingMachine.js"

type Event = typeof OnboardingEvent.Encoded
type ChecklistItem = { item: (typeof VEHICLE_CHECKLIST_ITEMS)[number]; done: boolean; detail: string | null }

/** A record's onboarding steps, oldest first, with who took them and the documents attached. */
export const readTimeline = async (
  c: pg.ClientBase,
  entityType: "vehicle" | "driver",
  entityId: string,
): Promise<Event[]> => {
  const events = await rows(
    c,
    sql
      .selectFrom("onboarding_events as e")
      .leftJoin("users as u", "u.id", "e.actor_id")
      .select([
        "e.id",
        "e.step",
        "e.from_status",
        "e.to_status",
        "e.result",
        "e.notes",
        "e.document_ids",
        "e.actor_id",
        "u.name as actor_name",
        "e.at",
      ])
      .where("e.entity_type", "=", entityType)
      .where("e.entity_id", "=", entityId)
      .orderBy("e.at")
      .orderBy("e.id"),
  )
  const ids = [...new Set(events.flatMap((e) => e.document_ids))]
  const docs =
    ids.length === 0
      ? []
      : await rows(c, sql.selectFrom("documents").select(["id", "filename", "kind"]).where("id", "in", ids))
  const byId = new Map(docs.map((d) => [d.id, d]))
  return events.map((e) => ({
    id: e.id,
    step: e.step as Event["step"],
    fromStatus: e.from_status,
    toStatus: e.to_status,
    result: e.result,
    notes: e.notes,
    documents: e.document_ids.flatMap((id) => {
      const d = byId.get(id)
      return d === undefined ? [] : [{ id: d.id, filename: d.filename, kind: d.kind }]
    }),
    actorId: e.actor_id,
    actorName: e.actor_name,
    at: e.at.toISOString(),
  }))
}

/**
 * The vehicle checklist from what FleetCore knows: registration and insurance papers (a document of
 * that kind, or for insurance a running insurance contract), a linked tracker that sent a point, a
 * photo, and the reviewer's inspection (the manual item).
 */
export const readChecklist = async (
  c: pg.ClientBase,
  vehicleId: string,
  timeline: ReadonlyArray<Event>,
): Promise<ChecklistItem[]> => {
  const docs = await rows(
    c,
    sql
      .selectFrom("documents")
      .select(["kind", "filename"])
      .where("entity_type", "=", "vehicle")
      .where("entity_id", "=", vehicleId)
      .where("kind", "in", ["registration", "insurance", "photo"])
      .orderBy("uploaded_at", "desc"),
  )
  const docOf = (kind: string) => docs.find((d) => d.kind === kind)?.filename ?? null
  const insuranceContract = await firstRow(
    c,
    sql
      .selectFrom("contracts")
      .select(["contractor", "number"])
      .where("vehicle_id", "=", vehicleId)
      .where("type", "in", ["insurance_osago", "insurance_casco"])
      .where("ends_on", ">=", raw<Date>`current_date`),
  )
  const point = await firstRow(
    c,
    sql
      .selectFrom("devices as d")
      .innerJoin("vehicle_state as s", "s.vehicle_id", "d.vehicle_id")
      .select(["d.id", "d.name", "s.time"])
      .where("d.vehicle_id", "=", vehicleId)
      .orderBy("s.time", "desc"),
  )
  const inspection = timeline.findLast((e) => e.step === "inspect")
  const insurance =
    docOf("insurance") ??
    (insuranceContract === undefined
      ? null
      : [insuranceContract.contractor, insuranceContract.number].filter(Boolean).join(" "))
  const detail: Record<ChecklistItem["item"], string | null> = {
    registration: docOf("registration"),
    insurance,
    tracker: point === undefined ? null : `${point.name ?? point.id} · ${point.time.toISOString()}`,
    photo: docOf("photo"),
    inspection:
      inspection === undefined ? null : [inspection.actorName, inspection.at].filter(Boolean).join(" · "),
  }
  return VEHICLE_CHECKLIST_ITEMS.map((item) => ({ item, done: detail[item] !== null, detail: detail[item] }))
}

/** A vehicle's onboarding view; `undefined` when the row is not visible. */
export const readVehicleOnboarding = async (c: pg.ClientBase, p: Principal, vehicleId: string) => {
  const v = await firstRow(
    c,
    sql
      .selectFrom("vehicles")
      .select(["id", "onboarding_status", "onboarding_changed_at", "created_at"])
      .where("id", "=", vehicleId),
  )
  if (v === undefined) return undefined
  const timeline = await readTimeline(c, "vehicle", vehicleId)
  const checklist = await readChecklist(c, vehicleId, timeline)
  const decision = timeline.findLast((e) => e.step === "approve" || e.step === "reject")
  const decided = v.onboarding_status === "approved" || v.onboarding_status === "rejected"
  return {
    vehicleId: v.id,
    status: v.onboarding_status,
    since: v.onboarding_changed_at.toISOString(),
    checklist,
    nextSteps: can(p.role, "vehicles.approve") ? vehicleStepsFrom(v.onboarding_status as VehicleStatus) : [],
    reviewerName: decided ? (decision?.actorName ?? null) : null,
    reviewedAt: decided ? (decision?.at ?? null) : null,
    rejectionReason: v.onboarding_status === "rejected" ? (decision?.notes ?? null) : null,
    createdAt: v.created_at.toISOString(),
    timeline,
  }
}

/** A driver's onboarding view; `undefined` when the row is not visible. */
export const readDriverOnboarding = async (c: pg.ClientBase, p: Principal, driverId: string) => {
  const d = await firstRow(
    c,
    sql
      .selectFrom("drivers")
      .select(["id", "onboarding_status", "onboarding_changed_at", "created_at"])
      .where("id", "=", driverId),
  )
  if (d === undefined) return undefined
  return {
    driverId: d.id,
    status: d.onboarding_status,
    since: d.onboarding_changed_at.toISOString(),
    nextSteps: can(p.role, "drivers.approve") ? driverStepsFrom(d.onboarding_status as DriverStatus) : [],
    createdAt: d.created_at.toISOString(),
    timeline: await readTimeline(c, "driver", driverId),
  }
}
