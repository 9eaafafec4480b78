import { haversineM } from "../geo.js"
import { type GeofenceSchedule, inSchedule } from "./GeofenceSchedule.js"

/** Which crossings alert (both when absent) and when the fence is watched (always when absent). */
interface Watch {
  readonly alertOn?: "enter" | "exit" | "both"
  readonly schedule?: GeofenceSchedule | null
}

export type Geofence =
  | (Watch & {
      readonly id: string
      readonly kind: "circle"
      readonly lat: number
      readonly lon: number
      readonly radiusM: number
      readonly dwellS: number
    })
  | (Watch & {
      readonly id: string
      readonly kind: "polygon"
      readonly ring: ReadonlyArray<readonly [number, number]>
      readonly dwellS: number
    })

/** Ray casting on [lat, lon] vertices: correct for concave rings; a point on the edge may go either way. */
export const insidePolygon = (
  lat: number,
  lon: number,
  ring: ReadonlyArray<readonly [number, number]>,
): boolean => {
  let inside = false
  // Indexed reads, not destructuring: this runs for every vertex of every fence at every point, and
  // destructuring went through the iterator protocol (~550 B allocated a point in bench:ingest).
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as readonly [number, number]
    const b = ring[j] as readonly [number, number]
    const yi = a[0]
    const xi = a[1]
    const yj = b[0]
    const xj = b[1]
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

export const insideFence = (f: Geofence, lat: number, lon: number): boolean =>
  f.kind === "circle" ? haversineM({ lat, lon }, f) <= f.radiusM : insidePolygon(lat, lon, f.ring)

/** Per fence: the side the vehicle is confirmed on, and since when it has been on the other side. */
export interface FenceSide {
  readonly inside: boolean
  readonly otherSinceMs: number | null
}
export type GeofenceState = {
  readonly lastTimeMs: number | null
  readonly fences: Readonly<Record<string, FenceSide>>
}
export const initialGeofenceState: GeofenceState = { lastTimeMs: null, fences: {} }

export interface GeofenceEvent {
  readonly kind: "geofence_enter" | "geofence_exit"
  readonly fenceId: string
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
}

/** Whether a confirmed crossing that began at `crossedMs` raises an alert for this fence. */
const alerts = (f: Geofence, kind: GeofenceEvent["kind"], crossedMs: number): boolean => {
  const on = f.alertOn ?? "both"
  if (on !== "both" && `geofence_${on}` !== kind) return false
  return f.schedule == null || inSchedule(f.schedule, crossedMs)
}

const NO_EVENTS: ReadonlyArray<GeofenceEvent> = Object.freeze([])

/** The fence's side after a point: `side` itself when nothing changed (no allocation per point). */
const nextSide = (
  side: FenceSide | undefined,
  now: boolean,
  f: Geofence,
  p: { readonly timeMs: number; readonly lat: number; readonly lon: number },
  events: GeofenceEvent[],
): FenceSide => {
  if (side === undefined) return { inside: now, otherSinceMs: null }
  if (now === side.inside) return side.otherSinceMs === null ? side : { inside: now, otherSinceMs: null }
  const since = side.otherSinceMs ?? p.timeMs
  if (p.timeMs - since >= f.dwellS * 1000) {
    const kind = now ? "geofence_enter" : "geofence_exit"
    if (alerts(f, kind, since)) events.push({ kind, fenceId: f.id, timeMs: p.timeMs, lat: p.lat, lon: p.lon })
    return { inside: now, otherSinceMs: null }
  }
  return side.otherSinceMs === since ? side : { inside: side.inside, otherSinceMs: since }
}

const keyCount = (record: Readonly<Record<string, unknown>>): number => {
  let n = 0
  for (const _ in record) n++
  return n
}

/**
 * Enter and exit need the vehicle on the new side for the fence's dwell time, so driving along a
 * boundary does not flap. A vehicle first seen inside a fence is taken as inside, without an event.
 * The side is tracked always; an alert is raised only for the fence's kinds of crossing and when the
 * crossing (the first point on the new side) falls inside the fence's schedule.
 *
 * Most points change no fence's side: the previous sides (and their record) are then kept as they
 * are, so a point costs no allocation per fence (the engine's largest source of garbage before).
 */
export const stepGeofences = (
  state: GeofenceState,
  p: { readonly timeMs: number; readonly lat: number; readonly lon: number },
  fences: ReadonlyArray<Geofence>,
): { state: GeofenceState; events: ReadonlyArray<GeofenceEvent> } => {
  if (state.lastTimeMs !== null && p.timeMs <= state.lastTimeMs) return { state, events: NO_EVENTS }
  const events: GeofenceEvent[] = []
  // Copied only once a side changes: until then every side so far is the previous one.
  let next: Record<string, FenceSide> | null = null
  for (let i = 0; i < fences.length; i++) {
    const f = fences[i] as Geofence
    const side = state.fences[f.id]
    const updated = nextSide(side, insideFence(f, p.lat, p.lon), f, p, events)
    if (next === null && updated !== side) {
      next = {}
      for (let j = 0; j < i; j++) {
        const earlier = fences[j] as Geofence
        next[earlier.id] = state.fences[earlier.id] as FenceSide
      }
    }
    if (next !== null) next[f.id] = updated
  }
  // Unchanged sides keep the record, unless it still holds fences no longer in the list.
  const sides = next ?? (keyCount(state.fences) === fences.length ? state.fences : rebuild(state, fences))
  return { state: { lastTimeMs: p.timeMs, fences: sides }, events: events.length === 0 ? NO_EVENTS : events }
}

/** The previous sides of exactly these fences (a fence was removed, or an id repeats). */
const rebuild = (state: GeofenceState, fences: ReadonlyArray<Geofence>): Record<string, FenceSide> => {
  const sides: Record<string, FenceSide> = {}
  for (const f of fences) sides[f.id] = state.fences[f.id] as FenceSide
  return sides
}
