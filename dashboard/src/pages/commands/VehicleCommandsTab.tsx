import { endpoints, urlOf } from "@fleetcore/contract"
import type { ColumnDef } from "@tanstack/solid-table"
import { createEffect, createMemo, createSignal, For, Show } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { StatusBadge } from "../../ui/StatusBadge"
import { listResultOf } from "../../ui/table/listResultOf"
import { TabTable } from "../vehicles/tabs/TabTable"
import type { VehicleTabProps } from "../vehicles/vehicleTabs"
import { CommandSendForm } from "./CommandSendForm"
import {
  COMMAND_LABELS,
  type CommandRow,
  createCommandsLive,
  createCommandsQuery,
  STATUS_VIEW,
} from "./commandQueries"

/**
 * What went to the device, short: a tracker's command text as it is; for FleetCore's JSON message
 * (its id and type are in other columns) the parameters only.
 */
const wireSummary = (row: CommandRow): string => {
  if (row.protocol !== "fleetcore") return row.text
  const params = Object.entries(row.params).map(([k, v]) => `${k}=${String(v)}`)
  return params.length === 0 ? "—" : params.join(", ")
}

/**
 * The vehicle page's Commands tab: send a command to the vehicle's device (types valid for its
 * protocol) and follow each one from queued to answered, live.
 */
export const VehicleCommandsTab = (props: VehicleTabProps) => {
  const { t, format } = useI18n()
  const session = useSession()
  const devices = createListQuery(endpoints.devices.list, () => ({
    query: { vehicleId: props.vehicle.id, pageSize: "50" },
  }))
  const [chosen, setChosen] = createSignal<string | null>(null)
  createEffect(() => {
    const items = devices.data?.items ?? []
    if (!items.some((d) => d.id === chosen())) setChosen(items[0]?.id ?? null)
  })
  const device = createMemo(() => devices.data?.items.find((d) => d.id === chosen()) ?? null)
  const commands = createCommandsQuery(chosen)
  createCommandsLive()
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<CommandRow, unknown>> => [
      {
        id: "createdAt",
        header: t("commands.createdAt"),
        cell: (c) => format().dateTime(Date.parse(c.row.original.createdAt)),
      },
      {
        id: "type",
        header: t("commands.type"),
        // The label, and under it what went to the device (the table stays within the page).
        cell: (c) => {
          const key = COMMAND_LABELS[c.row.original.type as keyof typeof COMMAND_LABELS]
          return (
            <div style={{ "white-space": "normal" }}>
              {key === undefined ? c.row.original.type : t(`commands.${key}`)}
              <code
                class="muted"
                style={{ display: "block", "font-size": "0.8em" }}
                title={t("commands.text")}
              >
                {wireSummary(c.row.original)}
              </code>
            </div>
          )
        },
      },
      {
        id: "status",
        header: t("commands.status"),
        cell: (c) => {
          const view = STATUS_VIEW[c.row.original.status]
          return (
            <StatusBadge
              tone={view.tone}
              testId="command-status"
              status={c.row.original.status}
              label={t(`commands.${view.key}`)}
            />
          )
        },
      },
      {
        id: "answer",
        header: t("commands.answer"),
        cell: (c) => {
          const at = c.row.original.answeredAt
          return (
            <div style={{ "white-space": "normal" }}>
              <span data-testid="command-answer">
                {c.row.original.answer ?? <span class="muted">{c.row.original.failure ?? ""}</span>}
              </span>
              <Show when={at}>
                {(time) => (
                  <small class="muted" style={{ display: "block" }}>
                    {t("commands.answeredAt")} {format().dateTime(Date.parse(time()))}
                  </small>
                )}
              </Show>
            </div>
          )
        },
      },
    ],
  )
  return (
    <section class="panel" data-testid="vehicle-commands">
      <Show
        when={device()}
        fallback={
          <Show when={devices.isSuccess}>
            <p class="muted">{t("commands.noDevice")}</p>
          </Show>
        }
      >
        {(d) => (
          <>
            <Show when={(devices.data?.items.length ?? 0) > 1}>
              <label class="form-field">
                <span>{t("commands.device")}</span>
                <select
                  class="select"
                  data-testid="command-device"
                  value={chosen() ?? ""}
                  onChange={(e) => setChosen(e.currentTarget.value)}
                >
                  <For each={devices.data?.items ?? []}>{(x) => <option value={x.id}>{x.id}</option>}</For>
                </select>
              </label>
            </Show>
            <Show when={session.can("devices.command")}>
              <CommandSendForm deviceId={d().id} protocol={d().protocol} />
            </Show>
            <h3>{t("commands.listTitle")}</h3>
            <TabTable
              id="vehicle-commands"
              label={t("commands.listTitle")}
              columns={columns()}
              result={listResultOf(commands)}
              rowId={(row) => row.id}
              export={{
                get path() {
                  return urlOf(endpoints.listExports.deviceCommands, { params: { id: chosen() ?? "" } })
                },
                query: () => ({}),
              }}
              empty={t("commands.empty")}
            />
          </>
        )}
      </Show>
    </section>
  )
}
