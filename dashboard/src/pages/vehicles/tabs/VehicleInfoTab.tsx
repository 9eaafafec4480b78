import { endpoints, VEHICLE_STATUSES } from "@fleetcore/contract"
import { useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Archive, Pencil, Trash2 } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { errorMessage } from "../../../api/errorMessage"
import { forgetRecord } from "../../../api/forgetRecord"
import { useSession } from "../../../auth/SessionContext"
import { useI18n } from "../../../i18n/I18nContext"
import { dayIn } from "../../../i18n/timeZone"
import { ConfirmDialog } from "../../../ui/ConfirmDialog"
import { showToast } from "../../../ui/toast"
import { VehicleQrCode } from "../VehicleQrCode"
import { invalidateVehicles } from "../vehicleQueries"
import type { VehicleTabProps } from "../vehicleTabs"
import { VehicleEditForm } from "./VehicleEditForm"
import { VehicleFacts } from "./VehicleFacts"

type Status = (typeof VEHICLE_STATUSES)[number]

/**
 * The record: facts, or the edit form; the status with its date; decommission (keeps every record)
 * and delete (only without history) behind a confirmation; the QR code of the page.
 */
export const VehicleInfoTab = (props: VehicleTabProps) => {
  const { t, zone } = useI18n()
  const today = () => dayIn(Date.now(), zone())
  const api = useApi()
  const session = useSession()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [editing, setEditing] = createSignal(false)
  const [status, setStatus] = createSignal<Status>(props.vehicle.status)
  const [since, setSince] = createSignal(today())
  const [busy, setBusy] = createSignal(false)
  const [confirm, setConfirm] = createSignal<"delete" | "decommission" | null>(null)
  const manage = () => session.can("vehicles.manage")
  const caption = () => props.vehicle.plate ?? props.vehicle.name

  const changeStatus = async (next: Status, on: string) => {
    await api.call(endpoints.vehicles.setStatus, {
      params: { id: props.vehicle.id },
      body: { status: next, on },
    })
    await invalidateVehicles(queryClient)
    // Decommissioning ends the vehicle's assignments: its driver's lists change too.
    if (next === "decommissioned")
      await Promise.all(
        [endpoints.assignments.list.id, endpoints.assignments.byDriver.id, endpoints.drivers.get.id].map(
          (id) => queryClient.invalidateQueries({ queryKey: [id] }),
        ),
      )
    showToast("success", t("fleet.statusChanged", { status: t(`fleet.status_${next}`) }))
  }

  return (
    <div class="vehicle-info">
      <section class="panel">
        <div class="panel__header">
          <h2>{t("fleet.tabInfo")}</h2>
          <Show when={manage() && !editing()}>
            <button type="button" class="button" onClick={() => setEditing(true)} data-testid="vehicle-edit">
              <Pencil size={16} aria-hidden="true" />
              <span>{t("fleet.edit")}</span>
            </button>
          </Show>
        </div>
        <Show when={editing()} fallback={<VehicleFacts vehicle={props.vehicle} />}>
          <VehicleEditForm vehicle={props.vehicle} onDone={() => setEditing(false)} />
        </Show>
      </section>
      <div class="vehicle-info__side">
        <Show when={manage()}>
          <section class="panel" data-testid="vehicle-status-panel">
            <div class="panel__header">
              <h2>{t("fleet.changeStatus")}</h2>
            </div>
            <div class="vehicle-status-fields">
              <label class="form-field">
                <span>{t("fleet.newStatus")}</span>
                <select
                  class="select"
                  data-testid="vehicle-status-select"
                  value={status()}
                  onChange={(e) => setStatus(e.currentTarget.value as Status)}
                >
                  <For each={VEHICLE_STATUSES}>
                    {(s) => <option value={s}>{t(`fleet.status_${s}`)}</option>}
                  </For>
                </select>
              </label>
              <label class="form-field">
                <span>{t("fleet.statusDate")}</span>
                <input
                  class="input"
                  type="date"
                  data-testid="vehicle-status-date"
                  value={since()}
                  onInput={(e) => setSince(e.currentTarget.value)}
                />
              </label>
            </div>
            <div class="form__actions">
              <button
                type="button"
                class="button button--primary"
                data-testid="vehicle-status-save"
                disabled={busy() || status() === props.vehicle.status || since() === ""}
                onClick={async () => {
                  if (status() === "decommissioned") return setConfirm("decommission")
                  setBusy(true)
                  try {
                    await changeStatus(status(), since())
                  } catch (error) {
                    showToast("error", t("fleet.changeStatus"), errorMessage(t, error))
                  } finally {
                    setBusy(false)
                  }
                }}
              >
                {t("fleet.changeStatus")}
              </button>
            </div>
            <div class="vehicle-danger">
              <Show when={props.vehicle.status !== "decommissioned"}>
                <button
                  type="button"
                  class="button button--danger-outline"
                  data-testid="vehicle-decommission"
                  onClick={() => setConfirm("decommission")}
                >
                  <Archive size={16} aria-hidden="true" />
                  <span>{t("fleet.decommission")}</span>
                </button>
              </Show>
              <Show when={session.can("vehicles.delete")}>
                <button
                  type="button"
                  class="button button--danger-outline"
                  data-testid="vehicle-delete"
                  onClick={() => setConfirm("delete")}
                >
                  <Trash2 size={16} aria-hidden="true" />
                  <span>{t("fleet.delete")}</span>
                </button>
              </Show>
            </div>
          </section>
        </Show>
        <VehicleQrCode vehicleId={props.vehicle.id} caption={caption()} />
      </div>
      <ConfirmDialog
        open={confirm() === "decommission"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t("fleet.decommissionTitle", { name: caption() })}
        description={<p>{t("fleet.decommissionText")}</p>}
        confirmLabel={t("fleet.decommission")}
        destructive
        onConfirm={() => changeStatus("decommissioned", since() || today())}
      />
      <ConfirmDialog
        open={confirm() === "delete"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t("fleet.deleteTitle", { name: caption() })}
        description={<p>{t("fleet.deleteText")}</p>}
        confirmLabel={t("fleet.delete")}
        destructive
        onConfirm={async () => {
          await api.call(endpoints.vehicles.delete, { params: { id: props.vehicle.id } })
          await forgetRecord(queryClient, props.vehicle.id)
          await invalidateVehicles(queryClient)
          showToast("success", t("fleet.deleted", { name: caption() }))
          navigate("/vehicles")
        }}
      />
    </div>
  )
}
