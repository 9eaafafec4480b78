import { ALERT_FACT_KINDS, type AlertFactKind } from "@fleetcore/contract"
import { DEVICE_ALARMS, type DeviceAlarm } from "@fleetcore/proto"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import type { AlertView } from "./alertQueries"

/** One labelled fact of an alert's (or an incident's) details, in the user's language and units. */
export interface DetailFact {
  /** The detail it shows (or the record it names): the fact's test id. */
  readonly key: string
  readonly label: string
  readonly value: string
  /** The record the fact names, when it has a page. */
  readonly href?: string
}

interface Words {
  readonly t: I18n["t"]
  readonly format: Formatters
}

/** A detail's value as text, or null to leave a detail that does not apply (an unknown due date…) out. */
type Show = (value: unknown, w: Words) => string | null

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v)
const numberAs =
  (show: (n: number, w: Words) => string): Show =>
  (v, w) =>
    isNumber(v) ? show(v, w) : v === null ? null : text(v, w)

/** Numbers in the user's conventions, strings as they are, anything else as JSON. */
const text: Show = (v, { format }) =>
  isNumber(v)
    ? format.decimal(v, Number.isInteger(v) ? 0 : 1)
    : typeof v === "string" || typeof v === "boolean"
      ? String(v)
      : JSON.stringify(v)

const metres = numberAs((m, { format }) => format.distanceKm(m))
const km = numberAs((v, { format }) => format.distanceKm(v * 1000))
const litres = numberAs((l, { t, format }) => t("units.litres", { value: format.decimal(l, 1) }))
const kmh = numberAs((v, { format }) =>
  // A jump between two readings at the same instant implies an unbounded speed (Number.MAX_VALUE).
  v >= Number.MAX_VALUE ? "∞" : format.speed(v / 3.6),
)
const epochMs = numberAs((ms, { format }) => format.dateTime(ms))
const isoInstant: Show = (v, w) =>
  typeof v === "string" && !Number.isNaN(Date.parse(v)) ? w.format.dateTime(Date.parse(v)) : text(v, w)
const isoDay: Show = (v, w) =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/u.test(v) ? w.format.day(v) : v === null ? null : text(v, w)
const percent = numberAs((p, { format }) => format.percent(p))
const volts = numberAs((v, { t, format }) => t("units.volts", { value: format.decimal(v, 1) }))
const kmPerDay = numberAs((v, { t, format }) => t("units.kmPerDay", { value: format.integer(v) }))
const isAlarm = (v: unknown): v is DeviceAlarm => (DEVICE_ALARMS as ReadonlyArray<unknown>).includes(v)

/** How each kind of detail reads (the kinds of ALERT_FACT_KINDS, in contract). */
const SHOW = {
  text,
  alarm: (v, w) => (isAlarm(v) ? w.t(`alerts.alarm_${v}`) : text(v, w)),
  kmh,
  epochMs,
  instant: isoInstant,
  metres,
  seconds: numberAs((s, { format }) => format.duration(s)),
  percent,
  km,
  kmPerDay,
  litres,
  // No fill near the refuel is what the alert is about: say so rather than leave it out.
  sensorLitres: (v, w) => (v === null ? w.t("alerts.noSensorFill") : litres(v, w)),
  volts,
  dueBy: (v, w) => (v === "km" || v === "date" ? w.t(`alerts.dueBy_${v}`) : v === null ? null : text(v, w)),
  day: isoDay,
  days: numberAs((d, { format }) => format.duration(Math.max(0, d) * 86_400)),
} as const satisfies Record<AlertFactKind, Show>

/**
 * Every detail the rules write (ALERT_FACT_KINDS), in the order the page lists them, and how each
 * reads. Its label is `alerts.fact_<key>`. Keys named in `recordFacts` are not here.
 */
const DETAILS: Readonly<Record<AlertFactKey, Show>> = Object.fromEntries(
  Object.entries(ALERT_FACT_KINDS).map(([key, kind]) => [key, SHOW[kind]]),
) as Record<AlertFactKey, Show>

/** "someNewKey" -> "Some new key": a detail this dashboard does not know yet still shows. */
const humanise = (key: string): string => {
  const words = key
    .replace(/([a-z\d])([A-Z])/gu, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

type AlertFactKey = keyof typeof ALERT_FACT_KINDS
const isKnown = (key: string): key is AlertFactKey => Object.hasOwn(DETAILS, key)
const ORDER: ReadonlyArray<string> = Object.keys(DETAILS)
const rank = (key: string): number => {
  const i = ORDER.indexOf(key)
  return i === -1 ? ORDER.length : i
}

/**
 * A rule's details as labelled facts in the order of `DETAILS` (jsonb keeps its own key order),
 * unknown keys last with a humanised name and their value as text; `skip` names keys shown elsewhere.
 */
export const detailFacts = (
  t: I18n["t"],
  format: Formatters,
  details: Readonly<Record<string, unknown>>,
  skip: ReadonlySet<string> = new Set(),
): ReadonlyArray<DetailFact> => {
  const w: Words = { t, format }
  const facts: DetailFact[] = []
  const keys = Object.keys(details)
    .filter((key) => !skip.has(key))
    .sort((a, b) => rank(a) - rank(b))
  for (const key of keys) {
    const value = details[key]
    if (isKnown(key)) {
      const shown = DETAILS[key](value, w)
      if (shown !== null) facts.push({ key, label: t(`alerts.fact_${key}`), value: shown })
    } else facts.push({ key, label: humanise(key), value: value === null ? "—" : (text(value, w) ?? "") })
  }
  return facts
}

type AlertSubject = Pick<AlertView, "type" | "key" | "vehicleId" | "details" | "subjectName">

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null)
const fact = (key: string, label: string, value: string, href: string | null): DetailFact =>
  href === null ? { key, label, value } : { key, label, value, href }

/**
 * The records an alert's details refer to, by name and with a link: the geofence, the fuel card
 * and its limit, the device, the maintenance task, the refuel. Returns the facts and the keys they show.
 */
const recordFacts = (
  { t, format }: Words,
  a: AlertSubject,
): { readonly facts: ReadonlyArray<DetailFact>; readonly shown: ReadonlySet<string> } => {
  const d = a.details
  const facts: DetailFact[] = []
  const shown = new Set<string>()
  const vehicleTab = (tab: string) => (a.vehicleId === null ? null : `/vehicles/${a.vehicleId}?tab=${tab}`)

  const geofenceId = str(d.geofenceId)
  if (geofenceId !== null) {
    shown.add("geofenceId")
    facts.push(
      a.subjectName === null
        ? fact("geofence", t("alerts.fact_geofence"), t("alerts.deletedGeofence"), null)
        : fact("geofence", t("alerts.fact_geofence"), a.subjectName, `/geofences?fence=${geofenceId}`),
    )
  }

  const cardId = str(d.cardId)
  if (cardId !== null) {
    shown.add("cardId").add("cardName")
    facts.push(
      fact("card", t("alerts.fact_card"), a.subjectName ?? str(d.cardName) ?? cardId, "/fuel?tab=cards"),
    )
  }
  const spent = str(d.spent)
  const limit = str(d.limit)
  const currency = str(d.currency)
  if (spent !== null && limit !== null && currency !== null) {
    shown.add("spent").add("limit").add("currency").add("period")
    const amounts = { spent: format.money(spent, currency), limit: format.money(limit, currency) }
    const period = d.period
    facts.push(
      fact(
        "cardLimit",
        t("alerts.fact_cardLimit"),
        period === "day" || period === "week" || period === "month"
          ? t(`alerts.cardLimit_${period}`, amounts)
          : t("alerts.cardLimit_other", amounts),
        null,
      ),
    )
  }

  const deviceId = str(d.deviceId)
  if (deviceId !== null) {
    shown.add("deviceId")
    facts.push(fact("device", t("alerts.fact_device"), a.subjectName ?? deviceId, vehicleTab("devices")))
  }

  const task = str(d.task)
  if (task !== null) {
    shown.add("task")
    facts.push(fact("task", t("alerts.fact_task"), task, vehicleTab("maintenance")))
  }

  // A consumption anomaly is keyed by its refuel; a mismatch names it.
  const entryId = str(d.fuelEntryId) ?? (a.type === "fuel_consumption" ? str(a.key) : null)
  if (entryId !== null) {
    shown.add("fuelEntryId")
    facts.push(
      fact("fuelEntry", t("alerts.fact_fuelEntry"), t("alerts.openFuelEntry"), `/expenses/${entryId}`),
    )
  }

  if ("valueKm" in d && a.type === "odometer_manual_jump") {
    const reading = vehicleTab("mileage")
    const value = DETAILS.valueKm(d.valueKm, { t, format })
    if (value !== null) {
      shown.add("valueKm")
      facts.push(fact("valueKm", t("alerts.fact_valueKm"), value, reading))
    }
  }
  return { facts, shown }
}

/**
 * An alert's details as labelled facts: the records it refers to by name (with links) first, then
 * the rule's measured values in their units; a detail no producer wrote before shows as it is.
 */
export const alertFacts = (t: I18n["t"], format: Formatters, a: AlertSubject): ReadonlyArray<DetailFact> => {
  const records = recordFacts({ t, format }, a)
  return [...records.facts, ...detailFacts(t, format, a.details, records.shown)]
}
