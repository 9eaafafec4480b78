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

/** `vehicles.track`: one vehicle's stored points. SI units: m/s, degrees, metres, percent. */
export type TrackResponse = CallOutput<typeof endpoints.vehicles.track>
export type TrackPoint = TrackResponse["points"][number]

/** A vehicle's last position, as the snapshot and the live feed both carry it. */
export type Position = NonNullable<Vehicle["last"]>
