import type { LivePosition, VehicleId } from "@fleetcore/proto"

export type { LiveMessage, LivePosition, VehicleId } from "@fleetcore/proto"

/** The signed-in user, as returned by the auth endpoints. */
export interface User {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: string
  readonly orgId: string
  readonly orgName: string
  readonly locale: string
}

/** `POST /api/v1/auth/login` and `/refresh`. The refresh token rotates on every call. */
export interface AuthResponse {
  readonly accessToken: string
  readonly refreshToken: string
  readonly expiresInS: number
  readonly user: User
}

/** `GET /api/v1/config` (no auth). */
export interface AppConfig {
  readonly mapStyleUrl: string | null
  readonly version: string
}

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

/** The error body every endpoint returns on failure. */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string }
}
