import { endpoints, type FuelCardSpending } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"

type CardView = (typeof FuelCardSpending)["Encoded"]
type PeriodView = CardView["periods"][number]

/** One period's spending as a bar: green under 80% of the limit, amber to 100%, red over. */
const SpendingBar = (props: { readonly period: PeriodView; readonly currency: string }) => {
  const { t, format } = useI18n()
  const pct = () => props.period.usedPct
  const tone = () => {
    const used = pct()
    return used === null ? "none" : used > 100 ? "danger" : used >= 80 ? "warning" : "success"
  }
  return (
    <div class="budget-bar" data-testid={`card-spending-${props.period.period}`} data-tone={tone()}>
      <div class="budget-bar__legend">
        <span>{t(`fuelPage.period_${props.period.period}`)}</span>
        <Show when={pct() !== null} fallback={<span class="muted">{t("fuelPage.noLimit")}</span>}>
          <span>{format().percent(pct() ?? 0)}</span>
        </Show>
      </div>
      <div
        class={`budget-bar__track budget-bar__track--${tone() === "none" ? "success" : tone()}`}
        aria-hidden="true"
      >
        <div class="budget-bar__fill" style={{ width: `${Math.min(100, pct() ?? 0)}%` }} />
      </div>
      <div class="budget-bar__legend">
        <span>
          {format().money(props.period.spent, props.currency)}
          <Show when={props.period.limit}>
            {(limit) => <> / {format().money(limit(), props.currency)}</>}
          </Show>
        </span>
      </div>
    </div>
  )
}

const CardTile = (props: { readonly card: CardView }) => {
  const { t } = useI18n()
  return (
    <article class="fuel-card" data-testid="fuel-card">
      <header class="fuel-card__head">
        <strong>{props.card.name}</strong>
        <Show when={props.card.numberLast4}>
          {(last4) => <span class="muted">{t("fuelPage.cardNumber", { last4: last4() })}</span>}
        </Show>
        <Show when={!props.card.active}>
          <span class="badge badge--danger">{t("fuelPage.blocked")}</span>
        </Show>
      </header>
      <For each={props.card.periods}>
        {(period) => <SpendingBar period={period} currency={props.card.currency} />}
      </For>
    </article>
  )
}

const NO_COLUMNS: ReadonlyArray<ColumnDef<CardView, unknown>> = []

/** Fuel cards with their spending today, this week and this month against each limit. */
export const CardsTab = () => {
  const { t } = useI18n()
  const url = createTableUrlState({ filters: [], sorts: ["name"] })
  const result = createListQuery(endpoints.fuel.cardSpending, () => ({ query: listQueryOf(url.state()) }))
  return (
    <DataTable
      id="fuel-cards"
      label={t("fuelPage.tabCards")}
      columns={NO_COLUMNS}
      result={listResultOf(result)}
      url={url}
      export={{ path: endpoints.listExports.fuelCardSpending.path, query: () => listQueryOf(url.state()) }}
      rowId={(row) => row.cardId}
      searchPlaceholder={t("fuelPage.card")}
      empty={{ title: t("fuelPage.cardsEmpty"), description: t("fuelPage.cardsEmptyText") }}
      render={(rows) => (
        <div class="fuel-cards">
          <For each={rows}>{(card) => <CardTile card={card} />}</For>
        </div>
      )}
    />
  )
}
