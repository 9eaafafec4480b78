import {
  Email,
  EXPORT_FORMATS,
  Locale,
  MAX_SCHEDULE_RECIPIENTS,
  REPORT_IDS,
  type ReportSchedule,
  SCHEDULE_FREQUENCIES,
  SCHEDULE_PERIODS,
  type ScheduleFilters,
} from "@fleetcore/contract"
import { Schema } from "effect"

export type ScheduleView = (typeof ReportSchedule)["Encoded"]
type Filters = (typeof ScheduleFilters)["Type"]

/** The recipients as typed: addresses separated by commas, semicolons or new lines. */
export const recipientsOf = (text: string): ReadonlyArray<string> =>
  text
    .split(/[\s,;]+/u)
    .map((r) => r.trim())
    .filter((r) => r !== "")

const isEmail = Schema.is(Email)
const Recipients = Schema.String.check(
  Schema.makeFilter<string>(
    (text) => {
      const list = recipientsOf(text)
      return list.length >= 1 && list.length <= MAX_SCHEDULE_RECIPIENTS && list.every(isEmail)
    },
    { message: "1 to 20 e-mail addresses" },
  ),
)
const Formats = Schema.String.check(
  Schema.makeFilter<string>(
    (text) => text.split(",").some((f) => (EXPORT_FORMATS as ReadonlyArray<string>).includes(f)),
    {
      message: "at least one format",
    },
  ),
)
const Digits = (min: number, max: number) =>
  Schema.String.check(
    Schema.makeFilter<string>((s) => /^\d{1,2}$/u.test(s) && Number(s) >= min && Number(s) <= max, {
      message: `${min}–${max}`,
    }),
  )

/** The schedule form: the contract's values as the form's strings. */
export const ScheduleForm = Schema.Struct({
  name: Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(200)),
  report: Schema.Literals(REPORT_IDS),
  period: Schema.Literals(SCHEDULE_PERIODS),
  /** The chosen formats, comma-separated ("csv,pdf"). */
  formats: Formats,
  recipients: Recipients,
  language: Locale,
  frequency: Schema.Literals(SCHEDULE_FREQUENCIES),
  weekday: Digits(1, 7),
  monthDay: Digits(1, 31),
  hour: Digits(0, 23),
})
export type ScheduleValues = (typeof ScheduleForm)["Encoded"]

/** The period a new schedule of each frequency reports on by default. */
const PERIOD_OF = { daily: "yesterday", weekly: "lastWeek", monthly: "lastMonth" } as const

export const newScheduleValues = (
  report: ScheduleValues["report"],
  language: ScheduleValues["language"],
  recipient: string,
): ScheduleValues => ({
  name: "",
  report,
  period: PERIOD_OF.monthly,
  formats: "pdf,xlsx",
  recipients: recipient,
  language,
  frequency: "monthly",
  weekday: "1",
  monthDay: "1",
  hour: "8",
})

export const scheduleValues = (s: ScheduleView): ScheduleValues => ({
  name: s.name,
  report: s.report,
  period: s.period,
  formats: s.formats.join(","),
  recipients: s.recipients.join("\n"),
  language: s.language,
  frequency: s.frequency,
  weekday: String(s.weekday ?? 1),
  monthDay: String(s.monthDay ?? 1),
  hour: String(s.hour),
})

/** The body the contract takes: formats in their order, the weekday or day only where it applies. */
export const scheduleBody = (v: ScheduleValues, filters: Filters) => ({
  name: v.name,
  report: v.report,
  filters,
  period: v.period,
  formats: EXPORT_FORMATS.filter((f) => v.formats.split(",").includes(f)),
  recipients: [...recipientsOf(v.recipients)],
  language: v.language,
  frequency: v.frequency,
  weekday: v.frequency === "weekly" ? Number(v.weekday) : null,
  monthDay: v.frequency === "monthly" ? Number(v.monthDay) : null,
  hour: Number(v.hour),
})

/** The filters a report page passes in its URL, as a schedule keeps them. */
export const FILTER_KEYS = ["vehicleId", "vehicleTypeId", "teamId", "department", "driverId"] as const
export const filtersOf = (params: Readonly<Record<string, string | undefined>>): Filters =>
  Object.fromEntries(
    FILTER_KEYS.flatMap((k) => {
      const v = params[k]
      return v === undefined || v === "" ? [] : [[k, v]]
    }),
  ) as Filters

export { PERIOD_OF }
