import "./records.css"
import { endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { createMemo, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { contractColumns } from "./contractColumns"

/** A vehicle's contracts (soonest end first), for the vehicle page's "contracts" tab. */
export const VehicleContractsTab = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const session = useSession()
  const result = createListQuery(endpoints.contracts.list, () => ({
    query: { vehicleId: props.vehicleId, pageSize: "200" },
  }))
  const columns = createMemo(() => contractColumns(t, format(), { withVehicle: false }))
  return (
    <section class="section" data-testid="vehicle-contracts">
      <Show when={session.can("contracts.manage")}>
        <div class="record-actions record-actions--top">
          <A
            href={`/contracts/new?vehicleId=${props.vehicleId}`}
            class="button button--primary"
            data-testid="vehicle-contract-new"
          >
            {t("contractsPenalties.contracts.new")}
          </A>
        </div>
      </Show>
      <DataTable
        id="vehicle-contracts"
        label={t("contractsPenalties.contracts.title")}
        compact
        columns={columns()}
        result={listResultOf(result)}
        url={fixedTableState(200)}
        export={{ path: endpoints.listExports.contracts.path, query: () => ({ vehicleId: props.vehicleId }) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/contracts/${row.id}`}
        empty={{ title: t("contractsPenalties.contracts.emptyVehicle") }}
      />
    </section>
  )
}
