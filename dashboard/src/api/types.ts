// The live map's vehicles and tracks, until their routes are declared in @fleetcore/contract.
import type { LivePosition, VehicleId } from "@fleetcore/proto"

export type { LiveMessage, LivePosition, VehicleId } from "@fleetcore/proto"

export interface VehicleType {
  readonly id: string
  readonly name: string
}

export interface Vehicle {
  readonly id: VehicleId
  readonly name: string
  readonly plate: string | null
  readonly vehicleType: VehicleType | null
  readonly deviceId: string | null
  readonly last: LivePosition | null
}

/** `GET /api/v1/vehicles`. */
export interface VehiclesResponse {
  readonly items: ReadonlyArray<Vehicle>
}

/** One stored point of a track. SI units: m/s, degrees, metres, percent. */
export interface TrackPoint {
  readonly timeMs: number
  readonly lat: number
  readonly lon: number
  readonly speedMps: number | null
  readonly headingDeg: number | null
  readonly ignition: boolean | null
  readonly odometerM: number | null
  readonly fuelLevelPct: number | null
}

/** `GET /api/v1/vehicles/:id/track?from&to`. */
export interface TrackResponse {
  readonly vehicleId: VehicleId
  readonly from: string
  readonly to: string
  readonly points: ReadonlyArray<TrackPoint>
}
