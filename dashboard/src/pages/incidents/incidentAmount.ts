import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import type { IncidentView } from "./incidentQueries"

/** An incident's amount in its unit: litres, a distance, or a percent; "—" when unknown. */
export const incidentAmount = (
  t: I18n["t"],
  format: Formatters,
  i: Pick<IncidentView, "amount" | "unit">,
): string =>
  i.amount === null
    ? "—"
    : i.unit === "l"
      ? t("incidents.litres", { value: format.decimal(i.amount, 1) })
      : i.unit === "m"
        ? format.distanceKm(i.amount)
        : format.percent(i.amount)

/** An incident's kind in the user's language. */
export const incidentKindLabel = (t: I18n["t"], kind: IncidentView["kind"]): string =>
  t(`incidents.kind_${kind}`)

/** Measured values the amount already shows (litres drained, metres rolled back or jumped). */
const SHOWN = new Set(["litres", "decreaseM", "increaseM", "diffPct"])
const LABELLED = {
  fromL: "detail_fromL",
  toL: "detail_toL",
  previousM: "detail_previousM",
  currentM: "detail_currentM",
  gpsM: "detail_gpsM",
  odometerM: "detail_odometerM",
} as const

/**
 * The rule's measured values besides the amount, labelled and in their units where known (levels in
 * litres, odometers and distances in km); others keep the rule's name and a plain number.
 */
export const incidentDetails = (
  t: I18n["t"],
  format: Formatters,
  i: Pick<IncidentView, "details">,
): ReadonlyArray<{ readonly label: string; readonly value: string }> =>
  Object.entries(i.details)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => {
      const label = key in LABELLED ? t(`incidents.${LABELLED[key as keyof typeof LABELLED]}`) : key
      if (typeof value !== "number") return { label, value: String(value) }
      if (key.endsWith("L"))
        return { label, value: t("incidents.litres", { value: format.decimal(value, 1) }) }
      if (key.endsWith("M")) return { label, value: format.distanceKm(value) }
      return { label, value: format.decimal(value, Number.isInteger(value) ? 0 : 1) }
    })
