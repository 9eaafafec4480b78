import { can, reason } from "@fleetcore/contract"
import { checkManualReading, raiseAlerts } from "@fleetcore/engine"
import { type ClickHouseClient, HttpError, type Request } from "@fleetcore/platform"
import type { OrgId, VehicleId } from "@fleetcore/proto"
import type pg from "pg"
import { audit } from "../audit/audit.js"
import type { Principal } from "../auth/Principal.js"
import { firstRow, sql } from "../db/sql.js"
import { refuse } from "../http/refuse.js"
import { trackerOdometerAt } from "./trackerOdometerAt.js"
import { requireVisibleVehicle, vehicleNotFound } from "./visibleVehicle.js"

const DEFAULT_MAX_KM_PER_DAY = 1000

export const readings = () =>
  sql
    .selectFrom("odometer_readings")
    .select((eb) => [
      "id",
      eb.cast<number>("value_km", "float8").as("value_km"),
      "at",
      "entered_by",
      "flagged",
      "note",
    ])

export interface ReadingRow {
  id: string
  value_km: number
  at: Date
  entered_by: string | null
  flagged: boolean
  note: string | null
}

export const readingView = (r: ReadingRow) => ({
  id: r.id,
  valueKm: r.value_km,
  at: r.at.toISOString(),
  enteredBy: r.entered_by,
  flagged: r.flagged,
  note: r.note,
})

/**
 * The vehicle's odometer as people read it, nearest `at` on one side: its manual readings, the
 * odometers entered with its refuels, and (before) its commissioning odometer. A first manual
 * reading is held to the refuels and the commissioning as a later one is to the readings.
 */
const knownOdometer = async (
  c: pg.ClientBase,
  vehicleId: string,
  at: Date,
  side: "before" | "after",
): Promise<{ valueKm: number; atMs: number } | null> => {
  // Before: the latest at or before `at` (the commissioning counts); after: the earliest after it.
  const before = side === "before"
  const { rows } = await c.query<{ value_km: number; at: Date }>(
    `SELECT value_km, at FROM (
       SELECT value_km::float8, at FROM odometer_readings WHERE vehicle_id = $1
       UNION ALL
       SELECT f.odometer_km::float8, e.spent_at FROM fuel_entries f JOIN expenses e ON e.id = f.id
       WHERE e.vehicle_id = $1 AND f.odometer_km IS NOT NULL
       ${
         before
           ? `UNION ALL
       SELECT commissioned_odometer_km::float8, commissioned_on::timestamptz FROM vehicles
       WHERE id = $1 AND commissioned_odometer_km IS NOT NULL AND commissioned_on IS NOT NULL`
           : ""
       }
     ) known
     WHERE ${before ? "at <= $2 ORDER BY at DESC, value_km DESC" : "at > $2 ORDER BY at, value_km"}
     LIMIT 1`,
    [vehicleId, at],
  )
  const row = rows[0]
  return row === undefined ? null : { valueKm: row.value_km, atMs: row.at.getTime() }
}

/** How far below the vehicle's odometer a reading may be (a cluster and a tracker differ a little). */
const slackKm = (odometerKm: number): number => Math.max(1, odometerKm * 0.01)

/**
 * Refuses (422) a reading that would set the vehicle's odometer back: from a reading kept against
 * the tracker's figure the engine sets the vehicle's odometer, so a reading below it (by more than
 * `slackKm`) rolls it back. That is the vehicle's managers' decision (seed 002: the odometer is a
 * critical field; seed 000: a reading is never below the previous one), so a caller who does not
 * manage vehicles (a driver) cannot; they propose it as a change request instead. The odometer at
 * the reading's moment is the vehicle's now less what the tracker counted since then
 * (`trackerSinceM`, metres).
 */
const refuseSettingBack = async (
  c: pg.ClientBase,
  vehicleId: string,
  valueKm: number,
  trackerSinceM: number,
): Promise<void> => {
  const { rows } = await c.query<{ m: number | null }>("SELECT vehicle_odometer_m($1) AS m", [vehicleId])
  const nowM = rows[0]?.m ?? null
  if (nowM === null) return
  const thenKm = (nowM - Math.max(0, trackerSinceM)) / 1000
  if (valueKm >= thenKm - slackKm(thenKm)) return
  throw refuse(
    422,
    "FLEET_ODOMETER_READING_DECREASES",
    "valueKm",
    reason("belowVehicleOdometer", { km: Math.round(thenKm * 10) / 10 }),
  )
}

/** What one reading is entered with (the decoded body of `odometer.create`). */
export interface ReadingInput {
  readonly valueKm: number
  readonly at?: string
  readonly note?: string
}

export interface RecordedReading {
  readonly vehicleId: string
  readonly row: ReadingRow
  readonly kmPerDay: number | null
  readonly maxKmPerDay: number
}

/**
 * Records one manual reading of `vehicleId` inside the caller's `withOrg` transaction `c` (`ch`: the
 * stored track, for the tracker's figure at a reading older than its last point): the one
 * rule of every way a reading is entered (single, bulk, CSV). The vehicle must be visible to the
 * caller (a driver: assigned to them, else 404); `at` (now when absent) not in the future; the value
 * not below the reading before `at` nor above the one after it (422); an implausible jump is stored
 * but flagged. Audited. Call `raiseJumpAlerts` after the transaction commits.
 */
export const recordReading = async (
  c: pg.ClientBase,
  ch: ClickHouseClient,
  p: Principal,
  request: Request,
  vehicleId: string,
  body: ReadingInput,
): Promise<RecordedReading> => {
  const at = body.at === undefined ? new Date() : new Date(body.at)
  if (at.getTime() > Date.now() + 5 * 60_000) {
    throw refuse(400, "FLEET_ODOMETER_READING_INVALID", "at", reason("notInFuture"))
  }
  await requireVisibleVehicle(c, p, vehicleId)
  const org = await firstRow(c, sql.selectFrom("organisations").select("settings"))
  if (org === undefined) throw vehicleNotFound()
  // Serialise readings of one vehicle so two entries cannot both pass the checks.
  await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [vehicleId])
  const before = await knownOdometer(c, vehicleId, at, "before")
  const after = await knownOdometer(c, vehicleId, at, "after")
  const maxKmPerDay =
    typeof org.settings.maxKmPerDay === "number" ? org.settings.maxKmPerDay : DEFAULT_MAX_KM_PER_DAY
  const check = checkManualReading({ valueKm: body.valueKm, atMs: at.getTime() }, before, after, maxKmPerDay)
  if (check.kind === "invalid")
    throw new HttpError(422, "FLEET_ODOMETER_READING_DECREASES", check.reason, "valueKm")
  // The tracker's odometer at the reading: the engine sets the vehicle's odometer against it
  // (VehicleProfile.manualReading). Its last figure when the reading is not older than its last
  // point, else its figure at that moment from the stored track (a reading entered afterwards,
  // from a service invoice or a photo).
  const tracker = await firstRow(
    c,
    sql
      .selectFrom("vehicle_state")
      .select(["odometer_m", "time"])
      .where("vehicle_id", "=", vehicleId)
      .where("odometer_m", "is not", null),
  )
  const trackerM =
    tracker === undefined
      ? null
      : tracker.time <= at
        ? tracker.odometer_m
        : await trackerOdometerAt(ch, p.orgId, vehicleId, at.getTime())
  if (trackerM !== null && tracker !== undefined && !can(p.role, "vehicles.manage")) {
    await refuseSettingBack(c, vehicleId, body.valueKm, (tracker.odometer_m ?? trackerM) - trackerM)
  }
  const inserted = await firstRow(
    c,
    sql
      .insertInto("odometer_readings")
      .values({
        org_id: p.orgId,
        vehicle_id: vehicleId,
        value_km: body.valueKm,
        at,
        entered_by: p.userId,
        flagged: check.flagged,
        note: body.note ?? null,
        device_odometer_m: trackerM,
      })
      .returning("id"),
  )
  const row = await firstRow(c, readings().where("id", "=", inserted?.id as string))
  if (row === undefined) throw new Error("the reading was not stored")
  await audit(c, p, request, {
    action: "odometer-reading.create",
    entity: "odometer_reading",
    entityId: row.id,
    newValues: row,
  })
  return { vehicleId, row, kmPerDay: check.kmPerDay, maxKmPerDay }
}

/** Raises the manual-jump alert of every flagged reading; after the readings' transaction committed. */
export const raiseJumpAlerts = async (
  system: pg.Pool,
  orgId: string,
  recorded: ReadonlyArray<RecordedReading>,
): Promise<void> => {
  const flagged = recorded.filter((r) => r.row.flagged)
  if (flagged.length === 0) return
  await raiseAlerts(
    system,
    flagged.map((r) => ({
      orgId: orgId as OrgId,
      vehicleId: r.vehicleId as VehicleId,
      type: "odometer_manual_jump" as const,
      key: r.row.id,
      severity: "warning" as const,
      timeMs: r.row.at.getTime(),
      lat: null,
      lon: null,
      details: { valueKm: r.row.value_km, kmPerDay: r.kmPerDay, maxKmPerDay: r.maxKmPerDay },
    })),
  )
}
