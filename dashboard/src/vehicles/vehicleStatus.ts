import { LIVE_STATUSES, type LiveStatus, liveStatus, MOVING_MIN_MPS } from "@fleetcore/contract"
import type { Position } from "../api/types"

export type VehicleStatus = LiveStatus

export const vehicleStatuses: ReadonlyArray<VehicleStatus> = LIVE_STATUSES

export { MOVING_MIN_MPS }

/**
 * What a vehicle is doing now; silent for more than `staleAfterMs` (the organisation's
 * `offlineAfterMinutes`, which the live snapshot carries) it is stale, whatever it last reported.
 * The one rule is the contract's `liveStatus`, which the snapshot's status filter uses too.
 */
export const vehicleStatus = (last: Position | null, nowMs: number, staleAfterMs: number): VehicleStatus =>
  liveStatus(last ?? { timeMs: null, speedMps: null, ignition: null }, nowMs, staleAfterMs)

/** One colour per status, shared by the map, the list and the legend. */
export const statusColors: Readonly<Record<VehicleStatus, readonly [number, number, number]>> = {
  moving: [22, 163, 74],
  idle: [234, 160, 8],
  stopped: [220, 38, 38],
  stale: [120, 128, 140],
  unknown: [170, 176, 186],
}

export const statusCssColor = (status: VehicleStatus): string => `rgb(${statusColors[status].join(" ")})`
