import { A } from "@solidjs/router"
import { createMemo, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import type { HomeSummaryView } from "./homeQueries"
import { Sparkline } from "./Sparkline"

/** Decimal strings summed in cents (integers), never as floats. */
const sumMoney = (amounts: ReadonlyArray<string>): string => {
  const cents = amounts.reduce((sum, a) => sum + BigInt(Math.round(Number(a) * 100)), 0n)
  const sign = cents < 0n ? "-" : ""
  const abs = cents < 0n ? -cents : cents
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`
}

/** This month's expenses, the last 12 months as a sparkline, linking to the expenses of the period. */
export const ExpensesCard = (props: { readonly expenses: NonNullable<HomeSummaryView["expenses"]> }) => {
  const { t, format } = useI18n()
  const thisMonth = () => props.expenses.months.at(-1)
  const first = () => props.expenses.months[0]?.month ?? ""
  const year = createMemo(() => sumMoney(props.expenses.months.map((m) => m.amount)))
  return (
    <section class="panel home-widget" data-testid="home-expenses">
      <div class="home-widget__head">
        <h2>{t("overview.expenses")}</h2>
        <A href={`/expenses?from=${thisMonth()?.month ?? ""}-01`} class="link-button">
          {t("overview.openList")}
        </A>
      </div>
      <div class="home-expenses">
        <div class="home-expenses__figures">
          <p class="card__label">{t("overview.expensesThisMonth")}</p>
          <p class="home-big" data-testid="home-expenses-month">
            {format().money(thisMonth()?.amount ?? "0", props.expenses.currency)}
          </p>
          <A href={`/expenses?from=${first()}-01`} class="muted" data-testid="home-expenses-year">
            {t("overview.expensesYear", { amount: format().money(year(), props.expenses.currency) })}
          </A>
        </div>
        <Sparkline
          values={props.expenses.months.map((m) => Number(m.amount))}
          label={t("overview.sparkline")}
          testId="home-expenses-sparkline"
        />
      </div>
      <Show when={props.expenses.unconverted > 0}>
        <p class="muted">
          {t("overview.expensesUnconverted", { count: format().integer(props.expenses.unconverted) })}
        </p>
      </Show>
    </section>
  )
}
