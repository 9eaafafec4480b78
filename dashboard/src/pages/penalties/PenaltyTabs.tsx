import "../contracts/records.css"
import { endpoints } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { createMemo, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { penaltyColumns } from "./penaltyColumns"

const PenaltiesOf = (props: {
  readonly filter: { readonly vehicleId: string } | { readonly driverId: string }
  readonly without: "vehicle" | "driver"
  readonly newHref: string | null
  readonly testId: string
}) => {
  const { t, format } = useI18n()
  const session = useSession()
  const result = createListQuery(endpoints.penalties.list, () => ({
    query: { ...props.filter, pageSize: "200" },
  }))
  const columns = createMemo(() => penaltyColumns(t, format(), props.without))
  return (
    <section class="section" data-testid={props.testId}>
      <Show when={session.can("penalties.manage") && props.newHref}>
        {(href) => (
          <div class="record-actions record-actions--top">
            <A href={href()} class="button button--primary" data-testid={`${props.testId}-new`}>
              {t("contractsPenalties.penalties.new")}
            </A>
          </div>
        )}
      </Show>
      <DataTable
        id={props.testId}
        label={t("contractsPenalties.penalties.title")}
        compact
        columns={columns()}
        result={listResultOf(result)}
        url={fixedTableState(200)}
        export={{ path: endpoints.listExports.penalties.path, query: () => ({ ...props.filter }) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/penalties/${row.id}`}
        empty={{ title: t("contractsPenalties.penalties.empty") }}
      />
    </section>
  )
}

/** A vehicle's fines, latest offence first, for the vehicle page's "penalties" tab. */
export const VehiclePenaltiesTab = (props: { readonly vehicleId: string }) => (
  <PenaltiesOf
    filter={{ vehicleId: props.vehicleId }}
    without="vehicle"
    newHref={`/penalties/new?vehicleId=${props.vehicleId}`}
    testId="vehicle-penalties"
  />
)

/** A driver's fines, latest offence first, for the driver page's "penalties" tab. */
export const DriverPenaltiesTab = (props: { readonly driverId: string }) => (
  <PenaltiesOf
    filter={{ driverId: props.driverId }}
    without="driver"
    newHref={null}
    testId="driver-penalties"
  />
)
