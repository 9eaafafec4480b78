import type { CallOutput, endpoints } from "@fleetcore/contract"

export type { LiveMessage, LivePosition } from "@fleetcore/proto"

/**
 * A vehicle id as the dashboard holds it: the wire's string. (The live feed's ids are the proto's
 * branded `VehicleId`, which is a string too, so both compare and assign.)
 */
export type VehicleId = string

/** `vehicles.live`: every vehicle the caller may see, with its last position. */
export type VehiclesResponse = CallOutput<typeof endpoints.vehicles.live>
export type Vehicle = VehiclesResponse["items"][number]

/** `vehicles.liveMap`: the live map's compact snapshot, one array per field. */
export type LiveMapSnapshot = CallOutput<typeof endpoints.vehicles.liveMap>
/** The snapshot's server-side filters (the status filter is applied in the page: statuses change live). */
export interface LiveMapFilter {
  readonly teamId?: string
  readonly vehicleTypeId?: string
}
/** `vehicles.get`: one vehicle's full record. */
export type VehicleRecord = CallOutput<typeof endpoints.vehicles.get>

/** `vehicles.track`: one vehicle's stored points. SI units: m/s, degrees, metres, percent. */
export type TrackResponse = CallOutput<typeof endpoints.vehicles.track>
export type TrackPoint = TrackResponse["points"][number]

/** A vehicle's last position, as the snapshot and the live feed both carry it. */
export type Position = NonNullable<Vehicle["last"]>
