import type { FuelCardLimitWarning } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { showToast } from "../../ui/toast"

type LimitWarning = (typeof FuelCardLimitWarning)["Encoded"]

/**
 * After a refuel is saved: a warning toast for each card limit it took over, naming the card, the
 * period (from its first day) and the amount spent against the limit. A limit warns, never blocks.
 */
export const showLimitWarnings = (
  t: I18n["t"],
  format: Formatters,
  warnings: ReadonlyArray<LimitWarning>,
): void => {
  for (const w of warnings) {
    showToast(
      "warning",
      t(`fuelPage.limitExceeded_${w.period}`, { card: w.cardName }),
      t(`fuelPage.limitSpent_${w.period}`, {
        spent: format.money(w.spent, w.currency),
        limit: format.money(w.limit, w.currency),
        start: format.day(w.periodStart),
      }),
    )
  }
}
