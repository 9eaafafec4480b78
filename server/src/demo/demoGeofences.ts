import type pg from "pg"
import type { DemoContext } from "./demoPlan.js"

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

/** Inserts the demo geofences; returns how many. */
export const seedGeofences = async (client: pg.ClientBase, ctx: DemoContext): Promise<number> => {
  for (const f of FENCES) {
    const circle = "radiusM" in f
    await client.query(
      `INSERT INTO geofences (org_id, name, kind, center_lat, center_lon, radius_m, ring, dwell_s, alert_on, schedule)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
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
  }
  return FENCES.length
}
