import { ORGANISATION_DEFAULTS } from "@fleetcore/contract"
import { inSchedule, parseGeofenceSchedule } from "@fleetcore/engine"
import type pg from "pg"
import type { DemoContext } from "./demoPlan.js"

/** The demo's time zone (the organisation keeps the default): the fences' schedules are read in it. */
const DEMO_TIME_ZONE = ORGANISATION_DEFAULTS.timezone

/** A seeded geofence as its alerts need it: its id, a point on it, and which crossings alert when. */
export interface DemoFence {
  readonly id: string
  readonly lat: number
  readonly lon: number
  /** Whether a crossing of this kind at `ms` raises an alert (the engine's rule: kinds and schedule). */
  readonly alerts: (kind: "geofence_enter" | "geofence_exit", ms: number) => boolean
}

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
const EVERY_DAY = [...WEEKDAYS, "sat", "sun"]

/**
 * A few geofences around Almaty, where the demo fleet drives: the depot (always, both crossings), the
 * airport cargo terminal, a client's yard watched in working hours, and the night parking whose
 * exits matter only at night. Shapes are [lat, lon]; schedules in the organisation's time zone.
 */
const FENCES = [
  {
    name: "Central depot",
    ring: [
      [43.2295, 76.8702],
      [43.2295, 76.8794],
      [43.2241, 76.8794],
      [43.2241, 76.8702],
    ],
    dwellS: 60,
    alertOn: "both",
    schedule: null,
  },
  {
    name: "Airport cargo terminal",
    lat: 43.3521,
    lon: 77.0405,
    radiusM: 600,
    alertOn: "both",
    schedule: null,
  },
  {
    name: "Client yard — Alatau",
    ring: [
      [43.2712, 76.9021],
      [43.2718, 76.9102],
      [43.2664, 76.9115],
      [43.2651, 76.9038],
      [43.2683, 76.9004],
    ],
    dwellS: 120,
    alertOn: "enter",
    schedule: { days: WEEKDAYS, from: "08:00", to: "18:00" },
  },
  {
    name: "Night parking",
    lat: 43.2389,
    lon: 76.9455,
    radiusM: 250,
    alertOn: "exit",
    schedule: { days: EVERY_DAY, from: "22:00", to: "06:00" },
  },
] as const

/** Inserts the demo geofences; returns them. */
export const seedGeofences = async (
  client: pg.ClientBase,
  ctx: DemoContext,
): Promise<ReadonlyArray<DemoFence>> => {
  const fences: Array<DemoFence> = []
  for (const f of FENCES) {
    const circle = "radiusM" in f
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO geofences (org_id, name, kind, center_lat, center_lon, radius_m, ring, dwell_s, alert_on, schedule)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        ctx.orgId,
        f.name,
        circle ? "circle" : "polygon",
        circle ? f.lat : null,
        circle ? f.lon : null,
        circle ? f.radiusM : null,
        circle ? null : JSON.stringify(f.ring),
        "dwellS" in f ? f.dwellS : 60,
        f.alertOn,
        f.schedule === null ? null : JSON.stringify(f.schedule),
      ],
    )
    const schedule = f.schedule === null ? null : parseGeofenceSchedule(f.schedule, DEMO_TIME_ZONE)
    const [lat, lon] = circle ? [f.lat, f.lon] : centreOf(f.ring)
    fences.push({
      id: inserted.rows[0]?.id as string,
      lat,
      lon,
      alerts: (kind, ms) =>
        (f.alertOn === "both" || `geofence_${f.alertOn}` === kind) &&
        (schedule === null || inSchedule(schedule, ms)),
    })
  }
  return fences
}

/** The mean of a ring's vertices: inside the demo's convex rings. */
const centreOf = (ring: ReadonlyArray<readonly [number, number]>): [number, number] => [
  ring.reduce((s, p) => s + p[0], 0) / ring.length,
  ring.reduce((s, p) => s + p[1], 0) / ring.length,
]
