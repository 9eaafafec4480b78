import { KeyRound } from "lucide-solid"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { formatMoney } from "./vehicleFormat"
import { createRentalSummaryQuery } from "./vehicleQueries"

/** Rented vehicles at a glance (seed 003 step 2.2): count, ending soon, monthly cost per currency. */
export const RentalSummaryCard = () => {
  const { t, format } = useI18n()
  const summary = createRentalSummaryQuery()
  return (
    <Show when={summary.data !== undefined && summary.data.vehicles > 0 ? summary.data : undefined}>
      {(s) => (
        <section class="panel rental-summary" data-testid="rental-summary">
          <KeyRound size={20} aria-hidden="true" />
          <div>
            <h2 class="rental-summary__title">{t("fleet.rentalSummaryTitle")}</h2>
            <p>
              <span data-testid="rental-summary-count">
                {t("fleet.rentalSummaryVehicles", { count: format().integer(s().vehicles) })}
              </span>
              <Show when={s().expiring > 0}>
                {" · "}
                <span class="rental-summary__expiring">
                  {t("fleet.rentalSummaryExpiring", { count: format().integer(s().expiring) })}
                </span>
              </Show>
            </p>
          </div>
          <div class="rental-summary__totals">
            <span class="muted">{t("fleet.rentalSummaryMonthly")}</span>
            <For each={s().monthlyCost}>
              {(m) => (
                <strong data-testid="rental-summary-monthly">
                  {formatMoney(format(), m.amount, m.currency)}
                </strong>
              )}
            </For>
          </div>
        </section>
      )}
    </Show>
  )
}
