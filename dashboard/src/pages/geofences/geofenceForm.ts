import { GeofenceWeekdays } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Fence } from "./geofenceQueries"

const Clock = Schema.String.check(Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/u))

/** The editor's form: the contract's fields as the inputs hold them (the shape comes from the map). */
export const GeofenceFormSchema = Schema.Struct({
  name: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
  dwellS: Schema.String.check(
    Schema.isPattern(/^\d{1,5}$/u),
    Schema.makeFilter((s: string) => Number(s) <= 86_400),
  ),
  alertOn: Schema.Literals(["enter", "exit", "both"]),
  always: Schema.Boolean,
  days: Schema.Array(Schema.Literals(GeofenceWeekdays)),
  from: Clock,
  to: Clock,
  active: Schema.Boolean,
})
export type GeofenceValues = (typeof GeofenceFormSchema)["Encoded"]
export type Weekday = (typeof GeofenceWeekdays)[number]

export const newGeofenceValues: GeofenceValues = {
  name: "",
  dwellS: "60",
  alertOn: "both",
  always: true,
  days: ["mon", "tue", "wed", "thu", "fri"],
  from: "08:00",
  to: "18:00",
  active: true,
}

export const valuesOf = (f: Fence): GeofenceValues => ({
  name: f.name,
  dwellS: String(f.dwellS),
  alertOn: f.alertOn,
  always: f.schedule === null,
  days: f.schedule === null ? newGeofenceValues.days : [...f.schedule.days],
  from: f.schedule?.from ?? newGeofenceValues.from,
  to: f.schedule?.to ?? newGeofenceValues.to,
  active: f.active,
})

/** The body fields the form owns (create and update alike). */
export const bodyOf = (v: GeofenceValues) => ({
  name: v.name,
  dwellS: Number(v.dwellS),
  alertOn: v.alertOn,
  schedule: v.always
    ? null
    : { days: GeofenceWeekdays.filter((d) => v.days.includes(d)), from: v.from, to: v.to },
  active: v.active,
})
