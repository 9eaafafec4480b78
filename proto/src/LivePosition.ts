import { Schema } from "effect"
import { OrgId, VehicleId } from "./Ids.js"

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

/** One message on `fleet.live.v1`: the positions of one organisation's vehicles. */
export const LiveBatch = Schema.Struct({ orgId: OrgId, positions: Schema.Array(LivePosition) })
export type LiveBatch = typeof LiveBatch.Type

/** What the dashboard WebSocket sends. */
export type LiveMessage = { readonly type: "positions"; readonly positions: ReadonlyArray<LivePosition> }
