import type { ExpenseTotals as Totals } from "@fleetcore/contract"
import { Show } from "solid-js"
import type { Formatters } from "../../i18n/format"
import { useI18n } from "../../i18n/I18nContext"

/** The filtered set's total in the organisation's currency, and how many are left out of it. */
export const ExpenseTotals = (props: {
  readonly totals: (typeof Totals)["Encoded"] | undefined
  readonly money: Formatters
}) => {
  const { t, format } = useI18n()
  return (
    <Show when={props.totals}>
      {(totals) => (
        <div class="expense-totals" data-testid="expense-totals">
          <span>{t("expenses.totalCount", { count: format().integer(totals().count) })}</span>
          <strong data-testid="expense-total">
            {t("expenses.total")}: {props.money.money(totals().orgAmount, totals().orgCurrency)}
          </strong>
          <Show when={totals().unconverted > 0}>
            <span class="muted">
              {t("expenses.unconverted", { count: format().integer(totals().unconverted) })}
            </span>
          </Show>
        </div>
      )}
    </Show>
  )
}
