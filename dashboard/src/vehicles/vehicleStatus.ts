import type { Position } from "../api/types"

export type VehicleStatus = "moving" | "idle" | "stopped" | "stale" | "unknown"

export const vehicleStatuses: ReadonlyArray<VehicleStatus> = ["moving", "idle", "stopped", "stale", "unknown"]

/** No position for this long: the vehicle is shown as stale, whatever it last reported. */
export const STALE_AFTER_MS = 10 * 60_000
/** Below this speed a vehicle counts as standing: parked GPS jitter stays well under 1 m/s (3.6 km/h). */
export const MOVING_MIN_MPS = 1

export const vehicleStatus = (last: Position | null, nowMs: number): VehicleStatus => {
  if (last === null) return "unknown"
  if (nowMs - last.timeMs > STALE_AFTER_MS) return "stale"
  if ((last.speedMps ?? 0) >= MOVING_MIN_MPS) return "moving"
  return last.ignition === true ? "idle" : "stopped"
}

/** One colour per status, shared by the map, the list and the legend. */
export const statusColors: Readonly<Record<VehicleStatus, readonly [number, number, number]>> = {
  moving: [22, 163, 74],
  idle: [234, 160, 8],
  stopped: [220, 38, 38],
  stale: [120, 128, 140],
  unknown: [170, 176, 186],
}

export const statusCssColor = (status: VehicleStatus): string => `rgb(${statusColors[status].join(" ")})`
