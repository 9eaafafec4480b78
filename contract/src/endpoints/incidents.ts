import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/** What an incident can be: a fuel drain (theft) or fill, or an odometer fault. */
export const INCIDENT_KINDS = [
  "fuel_drop",
  "fuel_fill",
  "odometer_rollback",
  "odometer_jump",
  "odometer_mismatch",
  "odometer_frozen",
] as const
export type IncidentKind = (typeof INCIDENT_KINDS)[number]
/** What `amount` counts: litres (fuel), metres (odometer), percent (an odometer/GPS mismatch). */
export const INCIDENT_UNITS = ["l", "m", "pct"] as const

/** One theft, fill or odometer fault, never merged with another (issue 10). */
export const Incident = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  /** The driver assigned to the vehicle when the incident started. */
  driverId: Schema.NullOr(Uuid),
  kind: Schema.Literals(INCIDENT_KINDS),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime,
  lat: Schema.NullOr(Schema.Finite),
  lon: Schema.NullOr(Schema.Finite),
  amount: Schema.NullOr(Schema.Finite),
  unit: Schema.Literals(INCIDENT_UNITS),
  details: Schema.Record(Schema.String, Schema.Unknown),
  /** The alert the incident raised; null for fills (informational) and when it was deleted. */
  alertId: Schema.NullOr(Uuid),
  alertStatus: Schema.NullOr(Schema.Literals(["open", "acknowledged", "resolved"])),
  vehicleName: Schema.NullOr(Schema.String),
  vehiclePlate: Schema.NullOr(Schema.String),
  driverName: Schema.NullOr(Schema.String),
}).annotate({ identifier: "Incident" })

const NOT_FOUND = { status: 404, code: "FLEET_INCIDENT_NOT_FOUND" } as const

/** Incidents: each theft, fill, rollback, jump, mismatch and freeze its own record. */
export const incidents = {
  list: endpoint({
    id: "incidents.list",
    method: "get",
    path: "/api/v1/incidents",
    tag: "incidents",
    summary: "Incidents, newest first; `to` is exclusive",
    description:
      "`q` searches the vehicle's name and plate. `vehicleId` gives one vehicle's incidents, `driverId` those of the driver assigned when they started; `from`/`to` bound their start.",
    access: "alerts.read",
    query: listQuery(["startedAt", "kind", "amount"], {
      kind: Schema.optionalKey(Schema.Literals(INCIDENT_KINDS)),
      vehicleId: Schema.optionalKey(Uuid),
      driverId: Schema.optionalKey(Uuid),
      from: Schema.optionalKey(IsoDateTime),
      to: Schema.optionalKey(IsoDateTime),
    }),
    response: listOf(Incident),
  }),
  get: endpoint({
    id: "incidents.get",
    method: "get",
    path: "/api/v1/incidents/:id",
    tag: "incidents",
    summary: "One incident",
    access: "alerts.read",
    params: IdParams,
    response: Incident,
    errors: [NOT_FOUND],
  }),
} as const
