import "./expenses.css"
import { CURRENCIES, EXPENSE_CATEGORIES, endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { Plus } from "lucide-solid"
import { createMemo, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { ExpenseTotals } from "./ExpenseTotals"
import { expenseColumns } from "./expenseColumns"

const SORTS = ["date", "amount", "orgAmount", "category", "vendor"]
const FILTERS = ["vehicleId", "category", "currency", "from", "to"]

/** Expenses of every category: filters, search, sort, paging and the total of the filtered set. */
export const ExpensesPage = () => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = createTableUrlState({ filters: FILTERS, sorts: SORTS })
  const result = createListQuery(endpoints.expenses.list, () => ({ query: listQueryOf(url.state()) }))
  const money = useI18n().format
  const columns = createMemo(() => expenseColumns(t, format(), money()))
  const newButton = (testId: string) => (
    <Show when={session.can("expenses.manage")}>
      <A href="/expenses/new" class="button button--primary" data-testid={testId}>
        <Plus size={16} aria-hidden="true" />
        <span>{t("expenses.new")}</span>
      </A>
    </Show>
  )
  const dateFilter = (name: "from" | "to") => (
    <label class="filter">
      <span>{t(`expenses.${name}`)}</span>
      <input
        type="date"
        class="input"
        data-testid={`expenses-filter-${name}`}
        value={url.state().filters[name] ?? ""}
        onChange={(e) => url.setFilter(name, e.currentTarget.value)}
      />
    </label>
  )

  return (
    <div class="page">
      <PageHeader
        title={t("expenses.title")}
        description={t("expenses.description")}
        actions={
          <div class="header-actions">
            <A href="/expenses/budgets" class="button" data-testid="expenses-budgets">
              {t("expenses.budgets")}
            </A>
            {newButton("expense-new")}
          </div>
        }
      />
      <DataTable
        export={{ path: "/api/v1/expenses/export", query: () => listQueryOf(url.state()) }}
        id="expenses"
        label={t("expenses.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        rowId={(row) => row.id}
        rowHref={(row) => `/expenses/${row.id}`}
        searchPlaceholder={t("expenses.search")}
        empty={{
          title: t("expenses.empty"),
          description: t("expenses.emptyText"),
          action: newButton("expense-new-empty"),
        }}
        filters={
          <>
            <VehiclePicker
              variant="filter"
              label={t("expenses.vehicle")}
              testId="expenses-filter-vehicle"
              value={url.state().filters.vehicleId ?? ""}
              empty={t("expenses.allVehicles")}
              onChange={(value) => url.setFilter("vehicleId", value)}
            />
            <FilterSelect
              label={t("expenses.category")}
              testId="expenses-filter-category"
              value={url.state().filters.category ?? ""}
              all={t("expenses.allCategories")}
              onChange={(value) => url.setFilter("category", value)}
            >
              <For each={EXPENSE_CATEGORIES}>
                {(c) => <option value={c}>{t(`expenses.category_${c}`)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("expenses.currency")}
              testId="expenses-filter-currency"
              value={url.state().filters.currency ?? ""}
              all={t("expenses.allCurrencies")}
              onChange={(value) => url.setFilter("currency", value)}
            >
              <For each={CURRENCIES}>{(c) => <option value={c}>{c}</option>}</For>
            </FilterSelect>
            {dateFilter("from")}
            {dateFilter("to")}
          </>
        }
      />
      <ExpenseTotals totals={result.data?.totals} money={money()} />
    </div>
  )
}
