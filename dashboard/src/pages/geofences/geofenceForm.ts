import { GeofenceWeekdays } from "@fleetcore/contract"
import { Schema } from "effect"
import type { Locale } from "../../i18n/locales"
import { type NumberRule, numberOf, numberText } from "../../ui/form/numberText"
import type { Fence } from "./geofenceQueries"

const Clock = Schema.String.check(Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/u))

/** Seconds outside or inside before the alert: whole seconds up to a day. */
const DWELL_S: NumberRule = { fractionDigits: 0, max: 86_400 }

/** The editor's form: the contract's fields as the inputs hold them (the shape comes from the map). */
export const geofenceFormSchema = (locale: Locale) =>
  Schema.Struct({
    name: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
    dwellS: numberText(locale, DWELL_S),
    alertOn: Schema.Literals(["enter", "exit", "both"]),
    always: Schema.Boolean,
    days: Schema.Array(Schema.Literals(GeofenceWeekdays)),
    from: Clock,
    to: Clock,
    active: Schema.Boolean,
  })
export type GeofenceValues = ReturnType<typeof geofenceFormSchema>["Encoded"]
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
export const bodyOf = (v: GeofenceValues, locale: Locale) => ({
  name: v.name,
  dwellS: numberOf(v.dwellS, locale, DWELL_S),
  alertOn: v.alertOn,
  schedule: v.always
    ? null
    : { days: GeofenceWeekdays.filter((d) => v.days.includes(d)), from: v.from, to: v.to },
  active: v.active,
})
