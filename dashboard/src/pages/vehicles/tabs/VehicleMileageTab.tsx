import { endpoints, type OdometerReading, urlOf } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { errorMessage } from "../../../api/errorMessage"
import { useSession } from "../../../auth/SessionContext"
import { useI18n } from "../../../i18n/I18nContext"
import { numberOf, readNumber } from "../../../ui/form/numberText"
import { listResultOf } from "../../../ui/table/listResultOf"
import { showToast } from "../../../ui/toast"
import { DailyMileageTable } from "../../mileage/DailyMileageTable"
import { formatKm } from "../vehicleFormat"
import { createVehicleListQuery, invalidateVehicles } from "../vehicleQueries"
import type { VehicleTabProps } from "../vehicleTabs"
import { TabTable } from "./TabTable"

type Reading = (typeof OdometerReading)["Encoded"]

/** Odometer readings, latest first, and a new reading (the same validation as everywhere). */
export const VehicleMileageTab = (props: VehicleTabProps) => {
  const { t, format, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [value, setValue] = createSignal("")
  const [busy, setBusy] = createSignal(false)
  const list = createVehicleListQuery(endpoints.odometer.list, () => ({
    vehicleId: props.vehicle.id,
    query: { sort: "-at", pageSize: "100" },
  }))
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Reading, unknown>> => [
      {
        id: "at",
        header: t("fleet.readingAt"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.at)),
      },
      {
        id: "value",
        header: t("fleet.readingValue"),
        cell: (c) => formatKm(format(), c.row.original.valueKm),
        meta: { align: "end" },
      },
      {
        id: "flagged",
        header: t("fleet.readingFlagged"),
        cell: (c) => (c.row.original.flagged ? <span class="badge badge--warning">⚠</span> : ""),
        meta: { width: "8rem" },
      },
      { id: "note", header: t("fleet.readingNote"), cell: (c) => c.row.original.note ?? "" },
    ],
  )
  const add = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    try {
      await api.call(endpoints.odometer.create, {
        params: { id: props.vehicle.id },
        body: { valueKm: numberOf(value(), locale()) },
      })
      setValue("")
      await queryClient.invalidateQueries({ queryKey: [endpoints.odometer.list.id] })
      await invalidateVehicles(queryClient)
      showToast("success", t("fleet.readingAdded"))
    } catch (error) {
      showToast("error", t("fleet.addReading"), errorMessage(t, error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="panel">
      <Show when={session.can("odometer.record")}>
        <form class="vehicle-inline-form" onSubmit={add} data-testid="reading-form">
          <label class="form-field">
            <span>{t("fleet.readingValue")}</span>
            <input
              class="input"
              inputmode="decimal"
              data-testid="reading-value"
              value={value()}
              onInput={(e) => setValue(e.currentTarget.value)}
            />
          </label>
          <button
            type="submit"
            class="button button--primary"
            disabled={busy() || readNumber(value(), locale()) === null}
            data-testid="reading-add"
          >
            {busy() ? t("fleet.adding") : t("fleet.addReading")}
          </button>
        </form>
      </Show>
      <TabTable
        id="vehicle-readings"
        label={t("fleet.tabMileage")}
        columns={columns()}
        result={listResultOf(list)}
        rowId={(r) => r.id}
        export={{
          path: urlOf(endpoints.listExports.odometerReadings, { params: { id: props.vehicle.id } }),
          query: () => ({ sort: "-at" }),
        }}
        empty={t("fleet.mileageEmpty")}
      />
      <Show when={session.can("telemetry.read")}>
        <DailyMileageTable vehicleId={props.vehicle.id} />
      </Show>
    </section>
  )
}
