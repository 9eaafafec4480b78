import type { BudgetVsActual } from "@fleetcore/contract"
import type { Formatters } from "../../i18n/format"
import { useI18n } from "../../i18n/I18nContext"

type Row = (typeof BudgetVsActual)["Encoded"]

/** Spent against a budget as a bar: green under 80%, amber to 100%, red over (capped at full width). */
export const BudgetBar = (props: { readonly row: Row; readonly money: Formatters }) => {
  const { t, format } = useI18n()
  const tone = () => (props.row.usedPct > 100 ? "danger" : props.row.usedPct >= 80 ? "warning" : "success")
  return (
    <div class="budget-bar" data-testid="budget-bar" data-tone={tone()}>
      <div
        class={`budget-bar__track budget-bar__track--${tone()}`}
        title={t("expenses.used")}
        aria-hidden="true"
      >
        <div class="budget-bar__fill" style={{ width: `${Math.min(100, props.row.usedPct)}%` }} />
      </div>
      <div class="budget-bar__legend">
        <span data-testid="budget-actual">
          {props.money.money(props.row.actual, props.row.currency)} /{" "}
          {props.money.money(props.row.amount, props.row.currency)}
        </span>
        <span>{format().percent(props.row.usedPct)}</span>
      </div>
    </div>
  )
}
