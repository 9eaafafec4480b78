import { endpoints, type UnknownDevice } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo } from "solid-js"
import { useApi } from "../../../api/ApiContext"
import { createListQuery } from "../../../api/createListQuery"
import { errorMessage } from "../../../api/errorMessage"
import { useI18n } from "../../../i18n/I18nContext"
import { listResultOf } from "../../../ui/table/listResultOf"
import { showToast } from "../../../ui/toast"
import { invalidateVehicles } from "../vehicleQueries"
import { TabTable } from "./TabTable"

type Row = (typeof UnknownDevice)["Encoded"]

/**
 * Trackers that connected with an identifier no device has (installation-wide, so for the owner):
 * Claim registers one as a device of this vehicle, and its next connection is accepted.
 */
export const UnknownDevicesPanel = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const unknown = createListQuery(endpoints.devices.unknown, () => ({ query: { pageSize: "50" } }))
  const claim = async (row: Row) => {
    try {
      const device = await api.call(endpoints.devices.claim, {
        body: { protocol: row.protocol, identifier: row.identifier, vehicleId: props.vehicleId },
      })
      await queryClient.invalidateQueries({ queryKey: [endpoints.devices.unknown.id] })
      await queryClient.invalidateQueries({ queryKey: [endpoints.devices.list.id] })
      await invalidateVehicles(queryClient)
      showToast("success", t("devices.claimed", { identifier: row.identifier, id: device.id }))
    } catch (error) {
      showToast("error", t("devices.claim"), errorMessage(t, error))
    }
  }
  const protocolName = (p: Row["protocol"]) =>
    p === "teltonika"
      ? t("devices.protocolTeltonika")
      : p === "gt06"
        ? t("devices.protocolGt06")
        : t("devices.protocolOsmand")
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Row, unknown>> => [
      {
        id: "identifier",
        header: t("devices.identifierColumn"),
        cell: (c) => <code>{c.row.original.identifier}</code>,
      },
      {
        id: "protocol",
        header: t("devices.protocolColumn"),
        cell: (c) => protocolName(c.row.original.protocol),
      },
      { id: "address", header: t("devices.address"), cell: (c) => c.row.original.remoteAddress },
      {
        id: "lastSeen",
        header: t("devices.lastSeen"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.lastSeenAt)),
      },
      {
        id: "count",
        header: t("devices.attempts"),
        cell: (c) => format().integer(c.row.original.count),
        meta: { align: "end" },
      },
      {
        id: "actions",
        header: "",
        cell: (c) => (
          <button
            type="button"
            class="button button--ghost"
            data-testid="unknown-device-claim"
            onClick={() => void claim(c.row.original)}
          >
            {t("devices.claim")}
          </button>
        ),
        meta: { align: "end", width: "8rem" },
      },
    ],
  )
  return (
    <section class="panel" data-testid="unknown-devices">
      <h3>{t("devices.unknownTitle")}</h3>
      <p class="muted">{t("devices.unknownDescription")}</p>
      <TabTable
        id="unknown-devices"
        label={t("devices.unknownTitle")}
        columns={columns()}
        result={listResultOf(unknown)}
        rowId={(r) => `${r.protocol}:${r.identifier}`}
        export={{ path: endpoints.listExports.unknownDevices.path, query: () => ({}) }}
        empty={t("devices.unknownEmpty")}
      />
    </section>
  )
}
