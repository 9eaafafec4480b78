import type { QueryClient } from "@tanstack/solid-query"
import { queryKeys } from "../api/queries"
import type { LivePosition, TrackPoint, TrackResponse, Vehicle, VehiclesResponse } from "../api/types"

const toTrackPoint = (p: LivePosition): TrackPoint => ({
  timeMs: p.timeMs,
  lat: p.lat,
  lon: p.lon,
  speedMps: p.speedMps,
  headingDeg: p.headingDeg,
  ignition: p.ignition,
  odometerM: p.odometerM,
  fuelLevelPct: p.fuelLevelPct,
})

/** A batch's positions per vehicle, oldest first (a batch may hold several per vehicle). */
const groupByVehicle = (positions: ReadonlyArray<LivePosition>): Map<string, LivePosition[]> => {
  const groups = new Map<string, LivePosition[]>()
  for (const p of positions) {
    const group = groups.get(p.vehicleId)
    if (group === undefined) groups.set(p.vehicleId, [p])
    else group.push(p)
  }
  for (const group of groups.values()) group.sort((a, b) => a.timeMs - b.timeMs)
  return groups
}

/**
 * Writes live positions into the query cache: the vehicles list gets each vehicle's newest
 * position (late, older points never move a vehicle back) and cached tracks grow by the points
 * after their last one. A position of a vehicle the list does not know yet refetches the list.
 */
export const applyLivePositions = (
  queryClient: QueryClient,
  positions: ReadonlyArray<LivePosition>,
): void => {
  if (positions.length === 0) return
  const groups = groupByVehicle(positions)
  let unknownVehicle = false
  queryClient.setQueryData<VehiclesResponse>(queryKeys.vehicles(), (old) => {
    if (old === undefined) return old
    const known = new Set<string>()
    const items = old.items.map((vehicle): Vehicle => {
      known.add(vehicle.id)
      const p = groups.get(vehicle.id)?.at(-1)
      if (p === undefined || (vehicle.last !== null && p.timeMs < vehicle.last.timeMs)) return vehicle
      return { ...vehicle, last: p }
    })
    unknownVehicle = [...groups.keys()].some((id) => !known.has(id))
    return { ...old, items }
  })
  if (unknownVehicle) void queryClient.invalidateQueries({ queryKey: queryKeys.vehicles() })

  for (const [vehicleId, group] of groups) {
    const points = group.map(toTrackPoint)
    queryClient.setQueriesData<TrackResponse>({ queryKey: queryKeys.tracksOf(vehicleId) }, (old) => {
      if (old === undefined) return old
      const fromMs = Date.parse(old.from)
      const lastMs = old.points.at(-1)?.timeMs ?? Number.NEGATIVE_INFINITY
      const fresh = points.filter((p) => p.timeMs > lastMs && p.timeMs >= fromMs)
      return fresh.length === 0 ? old : { ...old, points: [...old.points, ...fresh] }
    })
  }
}
