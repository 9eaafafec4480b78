import { Schema } from "effect"
import type { AlertView } from "./Alert.js"
import { type OrgId, VehicleId } from "./Ids.js"

/** A vehicle's latest state as pushed to dashboards, after the point was stored. */
export const LivePosition = Schema.Struct({
  vehicleId: VehicleId,
  timeMs: Schema.Number,
  lat: Schema.Number,
  lon: Schema.Number,
  speedMps: Schema.NullOr(Schema.Number),
  headingDeg: Schema.NullOr(Schema.Number),
  ignition: Schema.NullOr(Schema.Boolean),
  odometerM: Schema.NullOr(Schema.Number),
  fuelLevelPct: Schema.NullOr(Schema.Number),
  batteryV: Schema.NullOr(Schema.Number),
})
export type LivePosition = typeof LivePosition.Type

/** A command to a device changed status (issue 14): dashboards showing the device re-read its commands. */
export interface LiveCommandChange {
  readonly id: string
  readonly deviceId: string
  readonly vehicleId: string | null
  readonly status: string
}

/** One message on `fleet.live.v1`: news for one organisation's dashboards. */
export type LiveBatch =
  | { readonly orgId: OrgId; readonly kind: "positions"; readonly positions: ReadonlyArray<LivePosition> }
  | { readonly orgId: OrgId; readonly kind: "alert"; readonly alert: AlertView }
  | { readonly orgId: OrgId; readonly kind: "command"; readonly command: LiveCommandChange }

/** What the dashboard WebSocket sends. */
export type LiveMessage =
  | { readonly type: "positions"; readonly positions: ReadonlyArray<LivePosition> }
  | { readonly type: "alert"; readonly alert: AlertView }
  | { readonly type: "command"; readonly command: LiveCommandChange }
