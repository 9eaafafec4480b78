import type { QueryClient } from "@tanstack/solid-query"
import { queryKeys } from "../api/queries"
import type { LiveMapSnapshot, LivePosition, TrackPoint, TrackResponse, VehicleRecord } from "../api/types"
import { snapshotIndex } from "./snapshotIndex"

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
 * A snapshot with each vehicle's newest position written into its columns (late, older points
 * never move a vehicle back). The position columns are copied once per batch, the ids, names and
 * plates kept, so whatever depends on names alone (the list's order) is not recomputed.
 * `unknown`: positions of vehicles the snapshot does not hold.
 */
export const withPositions = (
  snapshot: LiveMapSnapshot,
  groups: ReadonlyMap<string, ReadonlyArray<LivePosition>>,
): { readonly snapshot: LiveMapSnapshot; readonly unknown: number } => {
  const index = snapshotIndex(snapshot)
  const lon = [...snapshot.lon]
  const lat = [...snapshot.lat]
  const timeMs = [...snapshot.timeMs]
  const speedMps = [...snapshot.speedMps]
  const headingDeg = [...snapshot.headingDeg]
  const ignition = [...snapshot.ignition]
  let unknown = 0
  let changed = 0
  for (const [vehicleId, group] of groups) {
    const i = index.get(vehicleId)
    const p = group.at(-1)
    if (i === undefined) unknown += 1
    if (i === undefined || p === undefined) continue
    const known = timeMs[i]
    if (known !== null && known !== undefined && p.timeMs < known) continue
    lon[i] = p.lon
    lat[i] = p.lat
    timeMs[i] = p.timeMs
    speedMps[i] = p.speedMps
    headingDeg[i] = p.headingDeg
    ignition[i] = p.ignition
    changed += 1
  }
  if (changed === 0) return { snapshot, unknown }
  return { snapshot: { ...snapshot, lon, lat, timeMs, speedMps, headingDeg, ignition }, unknown }
}

/**
 * Writes a batch of live positions into the query cache: every cached live map snapshot, the
 * cached records of those vehicles (the selected vehicle's details), and their cached tracks
 * (the points after their last one). A position of a vehicle an UNFILTERED snapshot does not
 * know (a vehicle added since) refetches that snapshot; a filtered one leaves it out on purpose.
 */
export const applyLivePositions = (
  queryClient: QueryClient,
  positions: ReadonlyArray<LivePosition>,
): void => {
  if (positions.length === 0) return
  const groups = groupByVehicle(positions)

  for (const [key, old] of queryClient.getQueriesData<LiveMapSnapshot>({ queryKey: queryKeys.liveMaps() })) {
    if (old === undefined) continue
    const { snapshot, unknown } = withPositions(old, groups)
    if (snapshot !== old) queryClient.setQueryData(key, snapshot)
    const filter = key[1]
    const unfiltered =
      typeof filter === "object" &&
      filter !== null &&
      "teamId" in filter &&
      filter.teamId === null &&
      "vehicleTypeId" in filter &&
      filter.vehicleTypeId === null
    if (unknown > 0 && unfiltered) void queryClient.invalidateQueries({ queryKey: key, exact: true })
  }

  // Only the few cached records and tracks are visited, not one cache look-up per moving vehicle.
  for (const [key, old] of queryClient.getQueriesData<VehicleRecord>({ queryKey: ["vehicle"] })) {
    const newest = groups.get(String(key[1]))?.at(-1)
    if (old === undefined || newest === undefined || (old.last !== null && newest.timeMs < old.last.timeMs))
      continue
    queryClient.setQueryData(key, { ...old, last: newest })
  }
  for (const [key, old] of queryClient.getQueriesData<TrackResponse>({ queryKey: ["track"] })) {
    const group = groups.get(String(key[1]))
    if (old === undefined || group === undefined) continue
    const fromMs = Date.parse(old.from)
    const lastMs = old.points.at(-1)?.timeMs ?? Number.NEGATIVE_INFINITY
    const fresh = group.map(toTrackPoint).filter((p) => p.timeMs > lastMs && p.timeMs >= fromMs)
    if (fresh.length > 0) queryClient.setQueryData(key, { ...old, points: [...old.points, ...fresh] })
  }
}
