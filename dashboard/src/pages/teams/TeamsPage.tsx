import "../organisations/adminPages.css"
import "../drivers/drivers.css"
import { endpoints } from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { useNavigate } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Plus } from "lucide-solid"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { ItemDialog } from "../../ui/ItemDialog"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { showToast } from "../../ui/toast"
import { invalidateDrivers } from "../drivers/driverQueries"
import { TeamFormView } from "./TeamFormView"

type Team = (typeof endpoints.teams.list.response.Encoded)["items"][number]

/** The teams with their member counts; managers add one in a dialog; a row opens the team. */
export const TeamsPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const url = createTableUrlState({ sorts: ["name", "createdAt"] })
  const result = createListQuery(endpoints.teams.list, () => ({ query: listQueryOf(url.state()) }))
  const [adding, setAdding] = createSignal<true | null>(null)
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Team, unknown>> => [
      {
        id: "name",
        header: t("drivers.teamName"),
        cell: (c) => <strong data-testid="team-row-name">{c.row.original.name}</strong>,
        meta: { sortKey: "name", hideable: false },
      },
      {
        id: "description",
        header: t("drivers.teamDescription"),
        cell: (c) => <span class="truncate">{c.row.original.description ?? ""}</span>,
      },
      {
        id: "drivers",
        header: t("drivers.teamDrivers"),
        cell: (c) => format().integer(c.row.original.driverCount),
        meta: { width: "8rem", align: "end" },
      },
      {
        id: "vehicles",
        header: t("drivers.teamVehicles"),
        cell: (c) => format().integer(c.row.original.vehicleCount),
        meta: { width: "8rem", align: "end" },
      },
    ],
  )
  const newButton = (testId: string) => (
    <Show when={session.can("drivers.manage")}>
      <button
        type="button"
        class="button button--primary"
        data-testid={testId}
        onClick={() => setAdding(true)}
      >
        <Plus size={16} aria-hidden="true" />
        <span>{t("drivers.teamNew")}</span>
      </button>
    </Show>
  )
  return (
    <div class="page">
      <PageHeader
        title={t("drivers.teamsTitle")}
        description={t("drivers.teamsDescription")}
        actions={newButton("team-new")}
      />
      <DataTable
        id="teams"
        label={t("drivers.teamsTitle")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.teams.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.id}
        rowHref={(row) => `/teams/${row.id}`}
        searchPlaceholder={t("drivers.teamSearch")}
        empty={{
          title: t("drivers.teamsEmpty"),
          description: t("drivers.teamsEmptyText"),
          action: newButton("team-new-empty"),
        }}
      />
      <ItemDialog item={adding()} onClose={() => setAdding(null)} testId="team-new-dialog">
        {() => (
          <>
            <div class="dialog__header">
              <Dialog.Title class="dialog__title">{t("drivers.teamNew")}</Dialog.Title>
            </div>
            <TeamFormView
              initial={{ name: "", description: "" }}
              submitLabel={t("drivers.teamCreate")}
              cancel={<DialogTextClose label={t("common.cancel")} />}
              onSubmit={async (values) => {
                const team = await api.call(endpoints.teams.create, {
                  body: {
                    name: values.name,
                    description: values.description === "" ? null : values.description,
                  },
                })
                await invalidateDrivers(queryClient)
                showToast("success", t("drivers.teamCreated", { name: team.name }))
                setAdding(null)
                navigate(`/teams/${team.id}`)
              }}
            />
          </>
        )}
      </ItemDialog>
    </div>
  )
}
