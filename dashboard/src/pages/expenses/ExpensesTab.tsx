import "./expenses.css"
import { endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { Plus } from "lucide-solid"
import { createMemo, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { ExpenseTotals } from "./ExpenseTotals"
import { expenseColumns } from "./expenseColumns"

/** The latest expenses of one vehicle or one driver, with their total, for a tab of its page. */
export const ExpensesTab = (props: {
  readonly filter: { readonly vehicleId: string } | { readonly driverId: string }
  readonly testId: string
}) => {
  const { t, format } = useI18n()
  const session = useSession()
  const url = fixedTableState(50)
  const result = createListQuery(endpoints.expenses.list, () => ({
    query: { ...props.filter, pageSize: "50" },
  }))
  const byVehicle = () => "vehicleId" in props.filter
  const money = useI18n().format
  const columns = createMemo(() => expenseColumns(t, format(), money(), { withVehicle: !byVehicle() }))
  const vehicleId = () => ("vehicleId" in props.filter ? props.filter.vehicleId : undefined)
  return (
    <section class="expenses-tab" data-testid={props.testId}>
      <Show when={session.can("expenses.manage") && vehicleId() !== undefined}>
        <div class="expenses-tab__actions">
          <A href={`/expenses/new?vehicleId=${vehicleId()}`} class="button button--primary">
            <Plus size={16} aria-hidden="true" />
            <span>{t("expenses.new")}</span>
          </A>
        </div>
      </Show>
      <DataTable
        id={props.testId}
        label={t("expenses.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.expenses.path, query: () => ({ ...props.filter }) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/expenses/${row.id}`}
        empty={{ title: t("expenses.empty") }}
        compact
      />
      <ExpenseTotals totals={result.data?.totals} money={money()} />
    </section>
  )
}
