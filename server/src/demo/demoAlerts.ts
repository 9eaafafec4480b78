import { randomUUID } from "node:crypto"
import type pg from "pg"
import { bulkInsert } from "./bulkInsert.js"
import type { DemoFence } from "./demoGeofences.js"
import { DAYS, type DemoContext, type PlannedVehicle } from "./demoPlan.js"
import { fleetDeviceId } from "./demoTrackers.js"

/** The last days the demo's alerts inbox covers. */
const ALERT_DAYS = 30

/**
 * The alerts the rules raise, how often (weight) and how serious; DTC codes for `dtc`. No
 * `fuel_consumption`: each of those belongs to a refuel, and the demo's fuel (`demoFuel.ts`) raises
 * them for its own anomalies, so checking one settles its alert.
 */
const KINDS = [
  { type: "overspeed", weight: 30, severity: "warning" },
  { type: "device_offline", weight: 12, severity: "warning" },
  { type: "low_battery", weight: 8, severity: "warning" },
  { type: "dtc", weight: 10, severity: "warning" },
  { type: "geofence_enter", weight: 4, severity: "info" },
  { type: "geofence_exit", weight: 4, severity: "info" },
  { type: "fuel_theft", weight: 4, severity: "critical" },
  { type: "odometer_jump", weight: 2, severity: "critical" },
  { type: "maintenance_due", weight: 8, severity: "info" },
] as const
const DTC_CODES = ["P0420", "P0171", "P0301", "P0128", "P0442", "P0500"]
const ACK_NOTES = [
  "Called the driver, checking.",
  "Водитель предупреждён.",
  "Sent to the workshop queue.",
  "Проверяем с водителем.",
]
const RESOLVE_NOTES = ["Checked with the driver: no issue.", "Устранено в сервисе.", "Sensor replaced.", ""]

const pickKind = (ctx: DemoContext) => {
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0)
  let roll = ctx.random.int(total)
  for (const kind of KINDS) {
    roll -= kind.weight
    if (roll < 0) return kind
  }
  return KINDS[0]
}

/**
 * What the engine keys an alert by and records with it, so the alert names its subject
 * (`ALERT_SUBJECT_SQL`): a geofence crossing by its fence (one whose kinds and schedule alert then;
 * null when none does), a silent tracker by its device, a DTC by its code.
 */
const subjectOf = (
  ctx: DemoContext,
  type: (typeof KINDS)[number]["type"],
  vehicleId: string,
  openedMs: number,
  fences: ReadonlyArray<DemoFence>,
): { key: string; details: Record<string, unknown>; at?: { lat: number; lon: number } } | null => {
  if (type === "geofence_enter" || type === "geofence_exit") {
    const alerting = fences.filter((f) => f.alerts(type, openedMs))
    if (alerting.length === 0) return null
    const fence = ctx.random.pick(alerting)
    return { key: fence.id, details: { geofenceId: fence.id }, at: fence }
  }
  if (type === "device_offline")
    return {
      key: "",
      details: { lastDataAt: new Date(openedMs).toISOString(), deviceId: fleetDeviceId(vehicleId) },
    }
  if (type === "dtc") {
    const code = ctx.random.pick(DTC_CODES)
    return { key: code, details: { code } }
  }
  if (type === "overspeed") return { key: "", details: { limitKmh: 90, maxKmh: 95 + ctx.random.int(40) } }
  return { key: "", details: {} }
}

/**
 * A month of alerts on the demo fleet for the inbox: mostly overspeed and offline trackers, a few
 * fuel drops, odometer jumps and geofence crossings; the older ones resolved by the demo's
 * dispatcher or manager with notes, some acknowledged and assigned, the latest days still open;
 * each person's step kept in the alert's history. Keyed as the engine keys them (`subjectOf`), one
 * open alert per vehicle, type and key, like the engine keeps them.
 */
export const seedAlerts = async (
  client: pg.ClientBase,
  ctx: DemoContext,
  vehicles: ReadonlyArray<PlannedVehicle>,
  driverAt: (vehicleId: string, day: number) => string | null,
  fences: ReadonlyArray<DemoFence>,
): Promise<number> => {
  const people = (
    await client.query<{ id: string }>(
      "SELECT id FROM users WHERE org_id = $1 AND role IN ('dispatcher', 'manager') AND NOT disabled ORDER BY email",
      [ctx.orgId],
    )
  ).rows.map((r) => r.id)
  const alerts: Array<Record<string, unknown>> = []
  const actions: Array<Record<string, unknown>> = []
  const open = new Set<string>()
  const action = (alertId: string, kind: string, actor: string, at: number, extra: Record<string, unknown>) =>
    actions.push({
      id: randomUUID(),
      org_id: ctx.orgId,
      alert_id: alertId,
      action: kind,
      actor_id: actor,
      assignee_id: null,
      note: null,
      at: new Date(at).toISOString(),
      ...extra,
    })
  for (const v of vehicles) {
    if (v.lastDay < DAYS - ALERT_DAYS || !ctx.random.chance(0.6)) continue
    const count = 1 + ctx.random.int(3)
    for (let n = 0; n < count; n++) {
      const day = DAYS - ctx.random.int(ALERT_DAYS)
      const kind = pickKind(ctx)
      const openedMs =
        ctx.today.getTime() +
        (day - DAYS) * 86_400_000 +
        (6 + ctx.random.int(14)) * 3_600_000 +
        ctx.random.int(3_600_000)
      if (openedMs > Date.now() - 600_000) continue
      const subject = subjectOf(ctx, kind.type, v.id, openedMs, fences)
      if (subject === null) continue
      const key = subject.key
      const ageDays = DAYS - day
      // Older alerts are mostly settled; the last two days mostly wait for someone.
      const status =
        ageDays > 7
          ? ctx.random.chance(0.9)
            ? "resolved"
            : "acknowledged"
          : ageDays > 2
            ? ctx.random.pick(["open", "acknowledged", "resolved"] as const)
            : ctx.random.chance(0.75)
              ? "open"
              : "acknowledged"
      const identity = `${v.id}|${kind.type}|${key}`
      if (status !== "resolved" && open.has(identity)) continue
      if (status !== "resolved") open.add(identity)
      const id = randomUUID()
      const actor = people.length === 0 ? null : ctx.random.pick(people)
      const ackMs = openedMs + (5 + ctx.random.int(120)) * 60_000
      const resolveMs = ackMs + (30 + ctx.random.int(600)) * 60_000
      const acknowledged = status !== "open" && actor !== null
      const resolved = status === "resolved" && actor !== null
      const assignee =
        actor !== null && status !== "open" && ctx.random.chance(0.5) ? ctx.random.pick(people) : null
      const ackNote = acknowledged && ctx.random.chance(0.7) ? ctx.random.pick(ACK_NOTES) : null
      const resolveNote = resolved ? ctx.random.pick(RESOLVE_NOTES) || null : null
      const occurrences = kind.type === "overspeed" ? 1 + ctx.random.int(6) : 1
      alerts.push({
        id,
        org_id: ctx.orgId,
        vehicle_id: v.id,
        driver_id: driverAt(v.id, day),
        type: kind.type,
        key,
        severity: kind.severity,
        status: actor === null ? "open" : status,
        opened_at: new Date(openedMs).toISOString(),
        last_seen_at: new Date(openedMs + (occurrences - 1) * 240_000).toISOString(),
        occurrences,
        lat: subject.at?.lat ?? 43.2 + ctx.random.between(-0.08, 0.08),
        lon: subject.at?.lon ?? 76.9 + ctx.random.between(-0.12, 0.12),
        details: subject.details,
        acknowledged_at: acknowledged ? new Date(ackMs).toISOString() : null,
        acknowledged_by: acknowledged ? actor : null,
        acknowledgement_note: ackNote,
        resolved_at: resolved ? new Date(resolveMs).toISOString() : null,
        resolved_by: resolved ? actor : null,
        resolution_note: resolveNote,
        assignee_id: assignee,
        assigned_at: assignee === null ? null : new Date(ackMs + 60_000).toISOString(),
        assigned_by: assignee === null ? null : actor,
      })
      if (acknowledged && actor !== null) action(id, "acknowledge", actor, ackMs, { note: ackNote })
      if (assignee !== null && actor !== null)
        action(id, "assign", actor, ackMs + 60_000, { assignee_id: assignee })
      if (resolved && actor !== null) action(id, "resolve", actor, resolveMs, { note: resolveNote })
    }
  }
  await bulkInsert(
    client,
    "alerts",
    {
      id: "uuid",
      org_id: "uuid",
      vehicle_id: "uuid",
      driver_id: "uuid",
      type: "text",
      key: "text",
      severity: "text",
      status: "text",
      opened_at: "timestamptz",
      last_seen_at: "timestamptz",
      occurrences: "integer",
      lat: "double precision",
      lon: "double precision",
      details: "jsonb",
      acknowledged_at: "timestamptz",
      acknowledged_by: "uuid",
      acknowledgement_note: "text",
      resolved_at: "timestamptz",
      resolved_by: "uuid",
      resolution_note: "text",
      assignee_id: "uuid",
      assigned_at: "timestamptz",
      assigned_by: "uuid",
    },
    alerts,
  )
  await bulkInsert(
    client,
    "alert_actions",
    {
      id: "uuid",
      org_id: "uuid",
      alert_id: "uuid",
      action: "text",
      actor_id: "uuid",
      assignee_id: "uuid",
      note: "text",
      at: "timestamptz",
    },
    actions,
  )
  return alerts.length
}
