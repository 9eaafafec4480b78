import { type Device, endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { createListQuery } from "../../../api/createListQuery"
import { errorMessage } from "../../../api/errorMessage"
import { useSession } from "../../../auth/SessionContext"
import { useI18n } from "../../../i18n/I18nContext"
import { ConfirmDialog } from "../../../ui/ConfirmDialog"
import { listResultOf } from "../../../ui/table/listResultOf"
import { showToast } from "../../../ui/toast"
import { invalidateVehicles } from "../vehicleQueries"
import type { VehicleTabProps } from "../vehicleTabs"
import { DeviceRegisterForm } from "./DeviceRegisterForm"
import { DeviceSecretPanel, type ShownSecret } from "./DeviceSecretPanel"
import { TabTable } from "./TabTable"
import { UnknownDevicesPanel } from "./UnknownDevicesPanel"

type Row = (typeof Device)["Encoded"]

/** Protocols by their product names (the same in every language). */
const PROTOCOL_NAMES: Record<Row["protocol"], string> = {
  fleetcore: "FleetCore",
  teltonika: "Teltonika",
  osmand: "OsmAnd",
  gt06: "Concox GT06",
}

/** An action on a device that is asked about first: both cut the device off at once. */
type Confirming = { readonly action: "rotate" | "delete"; readonly id: string }

/**
 * The vehicle's devices: attach an unassigned one, detach (the device then lists as unassigned),
 * give a FleetCore device a new secret, disable, enable or delete one, register a tracker by
 * protocol and identifier, and (the installation owner) claim an unknown one. A new secret (of a
 * registered or rotated device) is shown here, above the list, until dismissed: the list's refetch
 * does not take it away.
 */
export const VehicleDevicesTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const manage = () => session.can("devices.manage")
  const attached = createListQuery(endpoints.devices.list, () => ({
    query: { vehicleId: props.vehicle.id, pageSize: "50" },
  }))
  const free = createListQuery(endpoints.devices.list, () => ({
    query: { assigned: "false" as const, pageSize: "200", sort: "id" as const },
    enabled: manage(),
  }))
  const [chosen, setChosen] = createSignal("")
  const [secret, setSecret] = createSignal<ShownSecret | null>(null)
  // The last action asked about stays set while the dialog closes, so its words do not change mid-fade.
  const [confirming, setConfirming] = createSignal<Confirming>({ action: "rotate", id: "" })
  const [confirmOpen, setConfirmOpen] = createSignal(false)
  const ask = (action: Confirming["action"], id: string) => {
    setConfirming({ action, id })
    setConfirmOpen(true)
  }
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: [endpoints.devices.list.id] })
    await invalidateVehicles(queryClient)
  }
  const assign = async (deviceId: string, vehicleId: string | null) => {
    try {
      await api.call(endpoints.devices.update, { params: { id: deviceId }, body: { vehicleId } })
      await refresh()
      showToast(
        "success",
        t(vehicleId === null ? "fleet.deviceDetached" : "fleet.deviceAttached", { id: deviceId }),
      )
      setChosen("")
    } catch (error) {
      showToast("error", t("fleet.device"), errorMessage(t, error))
    }
  }
  const setDisabled = async (deviceId: string, disabled: boolean) => {
    try {
      await api.call(endpoints.devices.update, { params: { id: deviceId }, body: { disabled } })
      await refresh()
      showToast("success", t(disabled ? "devices.disabled" : "devices.enabled", { id: deviceId }))
    } catch (error) {
      showToast("error", t("fleet.device"), errorMessage(t, error))
    }
  }
  /** What the confirm dialog runs; a failure stays in the dialog. */
  const confirmed = async ({ action, id }: Confirming) => {
    if (action === "rotate") {
      const rotated = await api.call(endpoints.devices.rotateSecret, { params: { id } })
      setSecret({ id: rotated.id, secret: rotated.secret })
      showToast("success", t("devices.rotated", { id }))
    } else {
      await api.call(endpoints.devices.delete, { params: { id } })
      if (secret()?.id === id) setSecret(null)
      showToast("success", t("devices.deleted", { id }))
    }
    await refresh()
  }
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Row, unknown>> => [
      { id: "id", header: t("fleet.device"), cell: (c) => <code>{c.row.original.id}</code> },
      { id: "name", header: t("fleet.name"), cell: (c) => c.row.original.name ?? "" },
      {
        id: "protocol",
        header: t("devices.protocolColumn"),
        cell: (c) => (
          <>
            {PROTOCOL_NAMES[c.row.original.protocol]}
            <Show when={c.row.original.identifier}>
              {(identifier) => (
                <>
                  {" · "}
                  <code>{identifier()}</code>
                </>
              )}
            </Show>
          </>
        ),
      },
      {
        id: "state",
        header: t("fleet.status"),
        cell: (c) => (c.row.original.disabled ? t("fleet.deviceDisabled") : t("fleet.deviceEnabled")),
      },
      {
        id: "lastConnected",
        header: t("fleet.lastConnected"),
        cell: (c) => {
          const at = c.row.original.lastConnectedAt
          return at === null ? (
            <span class="muted">{t("fleet.never")}</span>
          ) : (
            format().dateTime(Date.parse(at))
          )
        },
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <Show when={manage()}>
            <span class="device-actions">
              <Show when={c.row.original.protocol === "fleetcore"}>
                <button
                  type="button"
                  class="button button--ghost"
                  data-testid="device-rotate"
                  onClick={() => ask("rotate", c.row.original.id)}
                >
                  {t("devices.rotate")}
                </button>
              </Show>
              <button
                type="button"
                class="button button--ghost"
                data-testid={c.row.original.disabled ? "device-enable" : "device-disable"}
                onClick={() => void setDisabled(c.row.original.id, !c.row.original.disabled)}
              >
                {c.row.original.disabled ? t("devices.enable") : t("devices.disable")}
              </button>
              <button
                type="button"
                class="button button--ghost"
                data-testid="device-detach"
                onClick={() => void assign(c.row.original.id, null)}
              >
                {t("fleet.deviceDetach")}
              </button>
              <button
                type="button"
                class="button button--ghost"
                data-testid="device-delete"
                onClick={() => ask("delete", c.row.original.id)}
              >
                {t("devices.delete")}
              </button>
            </span>
          </Show>
        ),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <section class="panel">
      <Show when={secret()}>
        {(shown) => <DeviceSecretPanel shown={shown()} onDismiss={() => setSecret(null)} />}
      </Show>
      <Show when={manage()}>
        <form
          class="vehicle-inline-form"
          data-testid="device-attach-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (chosen() !== "") void assign(chosen(), props.vehicle.id)
          }}
        >
          <label class="form-field">
            <span>{t("fleet.deviceChoose")}</span>
            <select
              class="select"
              data-testid="device-attach-select"
              value={chosen()}
              onChange={(e) => setChosen(e.currentTarget.value)}
            >
              <option value="">
                {(free.data?.items.length ?? 0) === 0 ? t("fleet.deviceNoneFree") : t("fleet.notSet")}
              </option>
              <For each={free.data?.items ?? []}>
                {(d) => <option value={d.id}>{d.name ? `${d.id} · ${d.name}` : d.id}</option>}
              </For>
            </select>
          </label>
          <button
            type="submit"
            class="button button--primary"
            disabled={chosen() === ""}
            data-testid="device-attach"
          >
            {t("fleet.deviceAttach")}
          </button>
        </form>
      </Show>
      <TabTable
        id="vehicle-devices"
        label={t("fleet.tabDevices")}
        columns={columns()}
        result={listResultOf(attached)}
        rowId={(r) => r.id}
        export={{ path: endpoints.listExports.devices.path, query: () => ({ vehicleId: props.vehicle.id }) }}
        empty={t("fleet.devicesEmpty")}
      />
      <Show when={manage() && (attached.data?.items.length ?? 0) === 0}>
        <DeviceRegisterForm vehicleId={props.vehicle.id} onSecret={setSecret} />
      </Show>
      <Show when={session.can("organisations.manage") && (attached.data?.items.length ?? 0) === 0}>
        <UnknownDevicesPanel vehicleId={props.vehicle.id} />
      </Show>
      <ConfirmDialog
        open={confirmOpen()}
        onOpenChange={setConfirmOpen}
        title={t(`devices.${confirming().action}Title`, { id: confirming().id })}
        description={t(`devices.${confirming().action}Text`)}
        confirmLabel={t(`devices.${confirming().action}Confirm`)}
        destructive={true}
        onConfirm={() => confirmed(confirming())}
      />
    </section>
  )
}
