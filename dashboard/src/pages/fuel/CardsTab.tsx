import { endpoints, type FuelCardSpending } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Car, Pencil, Plus, UserRound } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { showToast } from "../../ui/toast"
import { createOrgCurrencyQuery } from "../expenses/expenseQueries"
import { CardFormView } from "./CardFormView"
import { cardBody, cardValues, newCardValues } from "./cardForm"

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

const CardTile = (props: { readonly card: CardView; readonly onEdit?: (() => void) | undefined }) => {
  const { t } = useI18n()
  const vehicle = () =>
    props.card.vehiclePlate === null
      ? props.card.vehicleName
      : `${props.card.vehicleName} · ${props.card.vehiclePlate}`
  return (
    <article class="fuel-card" data-testid="fuel-card">
      <header class="fuel-card__head">
        <strong data-testid="fuel-card-name">{props.card.name}</strong>
        <Show when={props.card.numberLast4}>
          {(last4) => <span class="muted">{t("fuelPage.cardNumber", { last4: last4() })}</span>}
        </Show>
        <Show when={!props.card.active}>
          <span class="badge badge--danger">{t("fuelPage.blocked")}</span>
        </Show>
        <Show when={props.onEdit}>
          {(edit) => (
            <button
              type="button"
              class="icon-button fuel-card__edit"
              data-testid="fuel-card-edit"
              aria-label={t("fuelPage.cardEditNamed", { name: props.card.name })}
              title={t("fuelPage.cardEdit")}
              onClick={() => edit()()}
            >
              <Pencil size={16} aria-hidden="true" />
            </button>
          )}
        </Show>
      </header>
      <ul class="fuel-card__holders" data-testid="fuel-card-holders">
        <Show when={props.card.driverName}>
          {(name) => (
            <li>
              <UserRound size={14} aria-hidden="true" />
              <span class="visually-hidden">{t("fuelPage.cardDriver")}: </span>
              <span>{name()}</span>
            </li>
          )}
        </Show>
        <Show when={props.card.vehicleName !== null}>
          <li>
            <Car size={14} aria-hidden="true" />
            <span class="visually-hidden">{t("fuelPage.cardVehicle")}: </span>
            <span>{vehicle()}</span>
          </li>
        </Show>
        <Show when={props.card.driverName === null && props.card.vehicleName === null}>
          <li class="muted">{t("fuelPage.cardUnbound")}</li>
        </Show>
      </ul>
      <For each={props.card.periods}>
        {(period) => <SpendingBar period={period} currency={props.card.currency} />}
      </For>
    </article>
  )
}

const NO_COLUMNS: ReadonlyArray<ColumnDef<CardView, unknown>> = []

/**
 * Fuel cards with who holds them and their spending today, this week and this month against each
 * limit; with `fuel.manage`, cards are added and edited (limits, holder, blocking) in a panel above them.
 */
export const CardsTab = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const url = createTableUrlState({ filters: [], sorts: ["name"] })
  const result = createListQuery(endpoints.fuel.cardSpending, () => ({ query: listQueryOf(url.state()) }))
  const mayManage = () => session.can("fuel.manage")
  const orgCurrency = createOrgCurrencyQuery()
  /** The card being edited, "new" while one is added, null with the dialog closed. */
  const [editing, setEditing] = createSignal<CardView | "new" | null>(null)
  const saved = async (message: string) => {
    await Promise.all(
      [endpoints.fuel.cardSpending.id, endpoints.fuel.listCards.id].map((id) =>
        queryClient.invalidateQueries({ queryKey: [id] }),
      ),
    )
    showToast("success", message)
    setEditing(null)
  }
  const newButton = (testId: string) => (
    <Show when={mayManage()}>
      <button
        type="button"
        class="button button--primary"
        data-testid={testId}
        disabled={orgCurrency.data === undefined}
        onClick={() => setEditing("new")}
      >
        <Plus size={16} aria-hidden="true" />
        <span>{t("fuelPage.cardNew")}</span>
      </button>
    </Show>
  )
  return (
    <>
      <Show when={mayManage()}>
        <div class="fuel-cards__actions">{newButton("fuel-card-new")}</div>
      </Show>
      {/* Keyed: editing another card starts its own form. */}
      <Show when={editing()} keyed>
        {(current) => {
          // A panel above the cards rather than a modal dialog: the driver and vehicle pickers'
          // lists open outside a dialog, where they can be clicked.
          const cancel = (
            <button type="button" class="button" data-testid="card-cancel" onClick={() => setEditing(null)}>
              {t("common.cancel")}
            </button>
          )
          return (
            <section
              class="panel fuel-card-editor"
              data-testid="fuel-card-editor"
              aria-labelledby="fuel-card-editor-title"
              ref={(section) => queueMicrotask(() => section.scrollIntoView({ block: "nearest" }))}
            >
              <h2 id="fuel-card-editor-title" class="fuel-card-editor__title">
                {current === "new"
                  ? t("fuelPage.cardNew")
                  : t("fuelPage.cardEditNamed", { name: current.name })}
              </h2>
              {current === "new" ? (
                <CardFormView
                  initial={newCardValues(orgCurrency.data ?? "")}
                  adding={true}
                  submitLabel={t("fuelPage.cardCreate")}
                  cancel={cancel}
                  onSubmit={async (values) => {
                    const card = await api.call(endpoints.fuel.createCard, {
                      body: {
                        ...cardBody(values, locale()),
                        currency: values.currency,
                        numberLast4: values.numberLast4 === "" ? null : values.numberLast4,
                      },
                    })
                    await saved(t("fuelPage.cardCreated", { name: card.name }))
                  }}
                />
              ) : (
                <CardFormView
                  initial={cardValues(current, locale())}
                  adding={false}
                  submitLabel={t("fuelPage.cardSave")}
                  cancel={cancel}
                  onSubmit={async (values) => {
                    const card = await api.call(endpoints.fuel.updateCard, {
                      params: { id: current.cardId },
                      body: { ...cardBody(values, locale()), active: values.status === "active" },
                    })
                    await saved(t("fuelPage.cardSaved", { name: card.name }))
                  }}
                />
              )}
            </section>
          )
        }}
      </Show>
      <DataTable
        id="fuel-cards"
        label={t("fuelPage.tabCards")}
        columns={NO_COLUMNS}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.fuelCardSpending.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.cardId}
        searchPlaceholder={t("fuelPage.card")}
        empty={{
          title: t("fuelPage.cardsEmpty"),
          description: t("fuelPage.cardsEmptyText"),
          action: newButton("fuel-card-new-empty"),
        }}
        render={(rows) => (
          <div class="fuel-cards">
            <For each={rows}>
              {(card) => <CardTile card={card} onEdit={mayManage() ? () => setEditing(card) : undefined} />}
            </For>
          </div>
        )}
      />
    </>
  )
}
