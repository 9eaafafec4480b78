import { ALERT_FACT_KINDS } from "@fleetcore/contract"
import { DEVICE_ALARMS, type DeviceAlarm } from "@fleetcore/proto"
import { IntlMessageFormat } from "intl-messageformat"
import type { NotificationTexts } from "./NotificationTexts.js"

/**
 * The alert details a notification tells, in the order it tells them, and how each value reads:
 * the facts of the alert's page (ALERT_FACT_KINDS, contract), after the task and the card's limit,
 * worded by the same labels, in the reader's language, units and time zone. Ids (the geofence,
 * device, card, refuel) are left out: the title names the record, the link opens it; a key not
 * listed is not told (the alert's page shows it).
 */
const KINDS = { task: "text", cardLimit: "cardLimit", ...ALERT_FACT_KINDS } as const

export type AlertFactKey = keyof typeof KINDS
type Kind = (typeof KINDS)[AlertFactKey]

/** The facts stored with an alert's event: its details' plain values, keyed as the rules wrote them. */
export type AlertFactValues = Readonly<Record<string, string | number | boolean | null>>

const isKey = (key: string): key is AlertFactKey => Object.hasOwn(KINDS, key)
const isAlarm = (v: unknown): v is DeviceAlarm => (DEVICE_ALARMS as ReadonlyArray<unknown>).includes(v)

/** The details worth keeping on an event: the known keys with plain values (money as its strings). */
export const alertFactValues = (details: Readonly<Record<string, unknown>>): AlertFactValues =>
  Object.fromEntries(
    Object.entries(details).filter(
      ([key, v]) =>
        (isKey(key) || key === "spent" || key === "limit" || key === "currency") &&
        (v === null || ["string", "number", "boolean"].includes(typeof v)),
    ),
  ) as AlertFactValues

/**
 * The alert's facts as "Label: value" lines in `locale` ("en", "ru", "kk", "tr"), instants in
 * `timeZone`; a fact without a value that applies (an unknown due date) is left out.
 */
export const alertFactLines = (
  facts: AlertFactValues,
  texts: NotificationTexts,
  locale: string,
  timeZone: string,
): string[] => {
  const number = (v: number, options: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(locale, options).format(v)
  const decimal = (v: number, digits: number) => number(v, { maximumFractionDigits: digits })
  const unit = (v: number, u: string, digits: number) =>
    number(v, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: digits })
  const words = (text: string, values: Record<string, string>) =>
    String(new IntlMessageFormat(text, locale).format(values))
  const instant = (ms: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(ms)
  const money = (amount: string, currency: string) =>
    number(Number(amount), { style: "currency", currency, currencyDisplay: "narrowSymbol" })

  const show = (kind: Kind, v: string | number | boolean | null): string | null => {
    if (kind === "cardLimit") return null
    if (kind === "sensorLitres" && v === null) return texts.facts.noSensorFill
    if (v === null) return null
    if (typeof v !== "number") {
      if (kind === "alarm" && isAlarm(v)) return texts.facts.alarms[v]
      if (kind === "dueBy" && (v === "km" || v === "date"))
        return v === "km" ? texts.facts.dueByKm : texts.facts.dueByDate
      if (kind === "instant" && typeof v === "string" && !Number.isNaN(Date.parse(v)))
        return instant(Date.parse(v))
      if (kind === "day" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/u.test(v))
        return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
          Date.parse(`${v}T00:00:00Z`),
        )
      return String(v)
    }
    if (!Number.isFinite(v)) return null
    switch (kind) {
      case "kmh":
        // A jump between two readings at the same instant implies an unbounded speed.
        return v >= Number.MAX_VALUE ? "∞" : unit(v, "kilometer-per-hour", 0)
      case "metres":
        return unit(v / 1000, "kilometer", 1)
      case "km":
        return unit(v, "kilometer", 1)
      case "epochMs":
        return instant(v)
      case "seconds":
        return v >= 3600
          ? unit(v / 3600, "hour", 1)
          : v >= 60
            ? unit(v / 60, "minute", 0)
            : unit(v, "second", 0)
      case "days":
        return unit(Math.max(0, v), "day", 0)
      case "percent":
        return unit(v, "percent", 0)
      case "litres":
      case "sensorLitres":
        return words(texts.facts.litres, { value: decimal(v, 1) })
      case "volts":
        return words(texts.facts.volts, { value: decimal(v, 1) })
      case "kmPerDay":
        return words(texts.facts.kmPerDay, { value: decimal(v, 0) })
      default:
        return decimal(v, Number.isInteger(v) ? 0 : 1)
    }
  }

  const lines: string[] = []
  for (const key of Object.keys(KINDS) as AlertFactKey[]) {
    const label = texts.facts.labels[key]
    if (key === "cardLimit") {
      const { spent, limit, currency } = facts
      if (typeof spent === "string" && typeof limit === "string" && typeof currency === "string")
        lines.push(
          `${label}: ${words(texts.facts.cardLimit, { spent: money(spent, currency), limit: money(limit, currency) })}`,
        )
      continue
    }
    if (!Object.hasOwn(facts, key)) continue
    const shown = show(KINDS[key], facts[key] ?? null)
    if (shown !== null) lines.push(`${label}: ${shown}`)
  }
  return lines
}
