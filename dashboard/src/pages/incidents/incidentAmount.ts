import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { type DetailFact, detailFacts } from "../alerts/alertDetails"
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
      ? t("units.litres", { value: format.decimal(i.amount, 1) })
      : i.unit === "m"
        ? format.distanceKm(i.amount)
        : format.percent(i.amount)

/** An incident's kind in the user's language. */
export const incidentKindLabel = (t: I18n["t"], kind: IncidentView["kind"]): string =>
  t(`incidents.kind_${kind}`)

/** Measured values the amount already shows (litres drained, metres rolled back or jumped). */
const SHOWN: ReadonlySet<string> = new Set(["litres", "decreaseM", "increaseM", "diffPct"])

/** The rule's measured values besides the amount, labelled and in their units, as the alert shows them. */
export const incidentDetails = (
  t: I18n["t"],
  format: Formatters,
  i: Pick<IncidentView, "details">,
): ReadonlyArray<DetailFact> => detailFacts(t, format, i.details, SHOWN)
