import { describe, expect, it } from "vitest"
import { type Geofence, type GeofenceEvent, initialGeofenceState, stepGeofences } from "./GeofenceRule.js"
import { inSchedule, localWeekMinute, parseGeofenceSchedule } from "./GeofenceSchedule.js"

const ALMATY = "Asia/Almaty" // UTC+5 all year
const workdays = parseGeofenceSchedule(
  { days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "18:00" },
  ALMATY,
)
const nights = parseGeofenceSchedule({ days: ["fri"], from: "22:00", to: "06:00" }, ALMATY)
// 2026-12-04 is a Friday.
const utc = (iso: string) => Date.parse(iso)

const depot = { id: "depot", kind: "circle", lat: 43.24, lon: 76.9, radiusM: 200, dwellS: 60 } as const
const outside: [number, number] = [43.25, 76.9]
const inside: [number, number] = [43.2401, 76.9001]

/** Outside for a minute, then inside for five: the crossing is at startMs + 60 s. */
const arrive = (fence: Geofence, startMs: number) => {
  let s = initialGeofenceState
  const events: GeofenceEvent[] = []
  for (let i = 0; i <= 36; i++) {
    const [lat, lon] = i < 6 ? outside : inside
    const step = stepGeofences(s, { timeMs: startMs + i * 10_000, lat, lon }, [fence])
    s = step.state
    events.push(...step.events)
  }
  return { events, state: s }
}

describe("geofence schedule", () => {
  it("reads the local weekday and time in the organisation's zone", () => {
    // 23:30 UTC on Thursday is 04:30 on Friday in Almaty.
    expect(localWeekMinute(utc("2026-12-03T23:30:00Z"), ALMATY)).toEqual({ day: 4, minute: 270 })
    expect(localWeekMinute(utc("2026-12-03T23:30:00Z"), "UTC")).toEqual({ day: 3, minute: 1410 })
  })

  it("watches Mon–Fri 08:00–18:00 local time only", () => {
    expect(inSchedule(workdays, utc("2026-12-04T03:00:00Z"))).toBe(true) // Fri 08:00
    expect(inSchedule(workdays, utc("2026-12-04T12:59:00Z"))).toBe(true) // Fri 17:59
    expect(inSchedule(workdays, utc("2026-12-04T13:00:00Z"))).toBe(false) // Fri 18:00
    expect(inSchedule(workdays, utc("2026-12-04T02:59:00Z"))).toBe(false) // Fri 07:59
    expect(inSchedule(workdays, utc("2026-12-05T05:00:00Z"))).toBe(false) // Sat 10:00
  })

  it("runs a window past midnight into the next morning", () => {
    expect(inSchedule(nights, utc("2026-12-04T17:00:00Z"))).toBe(true) // Fri 22:00
    expect(inSchedule(nights, utc("2026-12-04T20:00:00Z"))).toBe(true) // Sat 01:00, Friday's night
    expect(inSchedule(nights, utc("2026-12-05T00:59:00Z"))).toBe(true) // Sat 05:59
    expect(inSchedule(nights, utc("2026-12-05T01:00:00Z"))).toBe(false) // Sat 06:00
    expect(inSchedule(nights, utc("2026-12-04T16:59:00Z"))).toBe(false) // Fri 21:59
    expect(inSchedule(nights, utc("2026-12-05T17:00:00Z"))).toBe(false) // Sat 22:00: not a Friday
    expect(inSchedule(nights, utc("2026-12-04T00:00:00Z"))).toBe(false) // Fri 05:00: Thursday's night
  })

  it("takes 00:00–00:00 as the whole day", () => {
    const fridays = parseGeofenceSchedule({ days: ["fri"], from: "00:00", to: "00:00" }, ALMATY)
    expect(inSchedule(fridays, utc("2026-12-03T19:00:00Z"))).toBe(true) // Fri 00:00
    expect(inSchedule(fridays, utc("2026-12-04T18:59:00Z"))).toBe(true) // Fri 23:59
    expect(inSchedule(fridays, utc("2026-12-04T19:00:00Z"))).toBe(false) // Sat 00:00
  })
})

describe("geofence alerts by schedule and kind", () => {
  it("raises an enter inside the window and none outside it, keeping the side either way", () => {
    const fence: Geofence = { ...depot, schedule: workdays }
    // Crossing at Fri 10:01 local.
    expect(arrive(fence, utc("2026-12-04T05:00:00Z")).events.map((e) => e.kind)).toEqual(["geofence_enter"])
    // Crossing at Fri 19:01 local: no alert, but the vehicle is known to be inside.
    const late = arrive(fence, utc("2026-12-04T14:00:00Z"))
    expect(late.events).toEqual([])
    expect(late.state.fences.depot?.inside).toBe(true)
  })

  it("judges the crossing, not the confirmation: entering at 17:59:30 with a minute's dwell alerts", () => {
    const fence: Geofence = { ...depot, schedule: workdays }
    // Points every 10 s from Fri 17:58:30; the first inside point is at 17:59:30, confirmed at 18:00:30.
    const { events } = arrive(fence, utc("2026-12-04T12:58:30Z"))
    expect(events.map((e) => [e.kind, new Date(e.timeMs).toISOString()])).toEqual([
      ["geofence_enter", "2026-12-04T13:00:30.000Z"],
    ])
  })

  it("follows the organisation's zone: the same instant is inside in Almaty, outside in Istanbul", () => {
    const istanbul = parseGeofenceSchedule({ days: ["fri"], from: "08:00", to: "18:00" }, "Europe/Istanbul")
    // Crossing at 05:01 UTC: Fri 08:01 in Istanbul (UTC+3), inside.
    expect(arrive({ ...depot, schedule: istanbul }, utc("2026-12-04T05:00:00Z")).events).toHaveLength(1)
    // Crossing at 14:01 UTC: Fri 17:01 in Istanbul (inside), Fri 19:01 in Almaty (outside).
    expect(arrive({ ...depot, schedule: istanbul }, utc("2026-12-04T14:00:00Z")).events).toHaveLength(1)
    expect(arrive({ ...depot, schedule: workdays }, utc("2026-12-04T14:00:00Z")).events).toHaveLength(0)
  })

  it("raises a night-window crossing after midnight", () => {
    const fence: Geofence = { ...depot, schedule: nights }
    // Crossing at Sat 02:01 local, inside Friday's night window.
    expect(arrive(fence, utc("2026-12-04T21:00:00Z")).events).toHaveLength(1)
    // Crossing at Sun 02:01 local: Saturday has no window.
    expect(arrive(fence, utc("2026-12-05T21:00:00Z")).events).toHaveLength(0)
  })

  it("raises only the kinds of crossing asked for", () => {
    const there = (alertOn: "enter" | "exit" | "both") => {
      let s = initialGeofenceState
      const kinds: string[] = []
      const path = [outside, ...Array(8).fill(inside), ...Array(8).fill(outside)] as Array<[number, number]>
      path.forEach(([lat, lon], i) => {
        const step = stepGeofences(s, { timeMs: i * 10_000, lat, lon }, [{ ...depot, alertOn }])
        s = step.state
        kinds.push(...step.events.map((e) => e.kind))
      })
      return kinds
    }
    expect(there("both")).toEqual(["geofence_enter", "geofence_exit"])
    expect(there("enter")).toEqual(["geofence_enter"])
    expect(there("exit")).toEqual(["geofence_exit"])
  })
})
