import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { CheckCheck } from "lucide-solid"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { VehiclePicker } from "../../ui/form/VehiclePicker"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { showToast } from "../../ui/toast"
import { createVehicleNames } from "../../vehicles/createVehicleNames"
import { StepDialog } from "../penalties/StepDialog"
import { invalidateAfterCheck } from "./fuelQueries"
import { CheckBadge, type FuelEntryView, refuelColumns } from "./refuelColumns"

const SORTS = ["time", "litres", "amount"]

/**
 * Refuels with their consumption check. `anomalies`: only anomalies (unchecked first by default),
 * each unchecked one with "mark checked", which also resolves its alert.
 */
export const RefuelsTab = (props: { readonly anomalies: boolean }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const url = createTableUrlState({ filters: ["vehicleId", "anomaly"], sorts: SORTS })
  const anomaly = () => {
    const chosen = url.state().filters.anomaly
    if (!props.anomalies) return undefined
    return chosen === "checked" || chosen === "any" ? chosen : "unchecked"
  }
  const query = (): Record<string, string> => {
    const others: Record<string, string> = Object.fromEntries(
      Object.entries(listQueryOf(url.state())).filter(([name]) => name !== "anomaly"),
    )
    const status = anomaly()
    return status === undefined ? others : { ...others, anomaly: status }
  }
  const result = createListQuery(endpoints.fuel.listEntries, () => ({ query: query() }))
  const vehicleName = createVehicleNames(() => (result.data?.items ?? []).map((row) => row.vehicleId))
  const [checking, setChecking] = createSignal<FuelEntryView | null>(null)
  const markButton = (row: FuelEntryView) => (
    <Show
      when={row.anomalyStatus === "unchecked" && session.can("fuel.manage")}
      fallback={<CheckBadge status={row.anomalyStatus} t={t} />}
    >
      <button
        type="button"
        class="button"
        data-testid="refuel-mark-checked"
        onClick={(event) => {
          event.stopPropagation()
          setChecking(row)
        }}
      >
        <CheckCheck size={16} aria-hidden="true" />
        <span>{t("fuelPage.markChecked")}</span>
      </button>
    </Show>
  )
  const columns = createMemo(() =>
    refuelColumns(t, format(), vehicleName, props.anomalies ? markButton : undefined),
  )
  const id = () => (props.anomalies ? "fuel-anomalies" : "fuel-refuels")

  return (
    <>
      <DataTable
        id={id()}
        label={t(props.anomalies ? "fuelPage.tabAnomalies" : "fuelPage.tabRefuels")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.fuelEntries.path, query }}
        rowId={(row) => row.id}
        empty={{
          title: t(props.anomalies ? "fuelPage.anomaliesEmpty" : "fuelPage.refuelsEmpty"),
          description: t(props.anomalies ? "fuelPage.anomaliesEmptyText" : "fuelPage.refuelsEmptyText"),
        }}
        filters={
          <>
            <VehiclePicker
              variant="filter"
              label={t("fuelPage.vehicle")}
              testId={`${id()}-filter-vehicle`}
              value={url.state().filters.vehicleId ?? ""}
              empty={t("fuelPage.allVehicles")}
              onChange={(value) => url.setFilter("vehicleId", value)}
            />
            <Show when={props.anomalies}>
              <label class="filter">
                <span>{t("fuelPage.status")}</span>
                <select
                  class="input"
                  data-testid="fuel-anomalies-filter-status"
                  value={anomaly() ?? "unchecked"}
                  onChange={(e) => url.setFilter("anomaly", e.currentTarget.value)}
                >
                  <option value="unchecked">{t("fuelPage.status_unchecked")}</option>
                  <option value="checked">{t("fuelPage.status_checked")}</option>
                  <option value="any">{t("fuelPage.allStatuses")}</option>
                </select>
              </label>
            </Show>
          </>
        }
      />
      <Show when={checking()}>
        {(entry) => (
          <StepDialog
            open
            onOpenChange={(open) => !open && setChecking(null)}
            title={t("fuelPage.checkTitle")}
            description={`${vehicleName(entry().vehicleId)} · ${format().dateTime(Date.parse(entry().time))} · ${t("fuelPage.checkText")}`}
            submitLabel={t("fuelPage.markChecked")}
            testId="refuel-check-dialog"
            inputs={[
              {
                name: "note",
                label: t("fuelPage.note"),
                hint: t("fuelPage.noteHint"),
                schema: Schema.String.check(Schema.isMaxLength(2000)),
              },
            ]}
            onSubmit={async (values) => {
              const note = values.note?.trim() ?? ""
              const checked = await api.call(endpoints.fuel.checkEntry, {
                params: { id: entry().id },
                body: note === "" ? {} : { note },
              })
              await invalidateAfterCheck(queryClient)
              showToast(
                "success",
                t("fuelPage.checked"),
                checked.resolvedAlertId === null ? undefined : t("fuelPage.checkedAlert"),
              )
            }}
          />
        )}
      </Show>
    </>
  )
}
