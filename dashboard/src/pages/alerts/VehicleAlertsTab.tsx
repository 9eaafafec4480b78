import "./alerts.css"
import { endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { createMemo } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { alertColumns } from "./alertColumns"
import { createAlertsLive } from "./alertQueries"

/** A vehicle's alert history, newest first, for the vehicle page's "alerts" tab; live like the inbox. */
export const VehicleAlertsTab = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  createAlertsLive()
  const result = createListQuery(endpoints.alerts.list, () => ({
    query: { vehicleId: props.vehicleId, pageSize: "200" },
  }))
  const columns = createMemo(() => alertColumns(t, format(), { without: "vehicle" }))
  return (
    <section class="section" data-testid="vehicle-alerts">
      <div class="alert-actions alert-actions--top">
        <A href={`/alerts?vehicleId=${props.vehicleId}`} class="button" data-testid="vehicle-alerts-inbox">
          {t("alerts.openInbox")}
        </A>
        <A
          href={`/incidents?vehicleId=${props.vehicleId}`}
          class="button"
          data-testid="vehicle-alerts-incidents"
        >
          {t("incidents.ofVehicle")}
        </A>
      </div>
      <DataTable
        id="vehicle-alerts"
        label={t("alerts.title")}
        compact
        columns={columns()}
        result={listResultOf(result)}
        url={fixedTableState(200)}
        export={{ path: endpoints.listExports.alerts.path, query: () => ({ vehicleId: props.vehicleId }) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/alerts/${row.id}`}
        empty={{ title: t("alerts.vehicleEmpty") }}
      />
    </section>
  )
}
