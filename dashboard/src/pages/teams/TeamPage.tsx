import "../organisations/adminPages.css"
import { RecordState } from "../../ui/RecordState"
import "../drivers/drivers.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate, useParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { ArrowLeft, Trash2, UsersRound, X } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { invalidateDrivers } from "../drivers/driverQueries"
import { MemberPicker } from "./MemberPicker"
import { TeamFormView } from "./TeamFormView"
import { createTeamQuery } from "./teamQueries"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/teams" class="button button--ghost" data-testid="team-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("drivers.teamsBack")}</span>
    </A>
  )
}

type Members = { readonly driverIds?: ReadonlyArray<string>; readonly vehicleIds?: ReadonlyArray<string> }

/** One team: its drivers and vehicles (add, remove), its name and description, deletion. */
export const TeamPage = () => {
  const { t } = useI18n()
  const api = useApi()
  const params = useParams<{ id: string }>()
  const session = useSession()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const query = createTeamQuery(() => params.id)
  const [deleting, setDeleting] = createSignal(false)
  const mayManage = () => session.can("drivers.manage")
  const change = async (kind: "add" | "remove", members: Members) => {
    try {
      const endpoint = kind === "add" ? endpoints.teams.addMembers : endpoints.teams.removeMembers
      await api.call(endpoint, {
        params: { id: params.id },
        body: {
          ...(members.driverIds ? { driverIds: [...members.driverIds] } : {}),
          ...(members.vehicleIds ? { vehicleIds: [...members.vehicleIds] } : {}),
        },
      })
      await invalidateDrivers(queryClient)
      showToast("success", kind === "add" ? t("drivers.teamMemberAdded") : t("drivers.teamMemberRemoved"))
    } catch (error) {
      showToast("error", t("drivers.teamChangeFailed"), errorMessage(t, error))
    }
  }
  const removeButton = (members: Members, testId: string) => (
    <Show when={mayManage()}>
      <button
        type="button"
        class="button button--ghost button--small"
        aria-label={t("drivers.teamRemove")}
        title={t("drivers.teamRemove")}
        data-testid={testId}
        onClick={() => void change("remove", members)}
      >
        <X size={14} aria-hidden="true" />
      </button>
    </Show>
  )

  return (
    <div class="page">
      <RecordState
        query={query}
        notFound={{
          testId: "team-not-found",
          icon: <UsersRound size={22} />,
          title: t("drivers.teamNotFound"),
          description: t("drivers.teamNotFoundText"),
          action: <BackLink />,
        }}
      >
        {(team) => (
          <>
            <PageHeader
              title={team().name}
              description={team().description ?? undefined}
              actions={<BackLink />}
            />
            <div class="team-members">
              <section class="panel" data-testid="team-drivers">
                <div class="panel__header">
                  <h2>{t("drivers.teamDriversCount", { count: team().driverCount })}</h2>
                </div>
                <Show when={mayManage()}>
                  <MemberPicker
                    kind="driver"
                    teamId={team().id}
                    onAdd={(id) => change("add", { driverIds: [id] })}
                  />
                </Show>
                <Show
                  when={team().drivers.length > 0}
                  fallback={<p class="muted">{t("drivers.teamNoDrivers")}</p>}
                >
                  <ul class="member-list">
                    <For each={team().drivers}>
                      {(d) => (
                        <li data-testid="team-driver">
                          <A href={`/drivers/${d.id}`}>{d.fullName}</A>
                          {removeButton({ driverIds: [d.id] }, "team-driver-remove")}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
              <section class="panel" data-testid="team-vehicles">
                <div class="panel__header">
                  <h2>{t("drivers.teamVehiclesCount", { count: team().vehicleCount })}</h2>
                </div>
                <Show when={mayManage() && session.can("vehicles.read")}>
                  <MemberPicker
                    kind="vehicle"
                    teamId={team().id}
                    onAdd={(id) => change("add", { vehicleIds: [id] })}
                  />
                </Show>
                <Show
                  when={team().vehicles.length > 0}
                  fallback={<p class="muted">{t("drivers.teamNoVehicles")}</p>}
                >
                  <ul class="member-list">
                    <For each={team().vehicles}>
                      {(v) => (
                        <li data-testid="team-vehicle">
                          <span>
                            <strong>{v.plate ?? v.name}</strong>
                            <Show when={v.plate !== null}>
                              <span class="muted"> {v.name}</span>
                            </Show>
                          </span>
                          {removeButton({ vehicleIds: [v.id] }, "team-vehicle-remove")}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
            </div>
            <Show when={mayManage()}>
              <section class="panel">
                <div class="panel__header">
                  <h2>{t("drivers.teamEdit")}</h2>
                </div>
                <Show when={`${team().id}:${team().name}:${team().description}`} keyed>
                  <TeamFormView
                    initial={{ name: team().name, description: team().description ?? "" }}
                    submitLabel={t("common.save")}
                    onSubmit={async (values) => {
                      await api.call(endpoints.teams.update, {
                        params: { id: team().id },
                        body: {
                          name: values.name,
                          description: values.description === "" ? null : values.description,
                        },
                      })
                      await invalidateDrivers(queryClient)
                      showToast("success", t("drivers.teamSaved", { name: values.name }))
                    }}
                  />
                </Show>
                <div class="driver-actions">
                  <button
                    type="button"
                    class="button button--danger"
                    data-testid="team-delete"
                    onClick={() => setDeleting(true)}
                  >
                    <Trash2 size={16} aria-hidden="true" />
                    <span>{t("drivers.teamDelete")}</span>
                  </button>
                </div>
              </section>
              <ConfirmDialog
                open={deleting()}
                onOpenChange={setDeleting}
                title={t("drivers.teamDeleteTitle", { name: team().name })}
                description={t("drivers.teamDeleteText")}
                confirmLabel={t("drivers.teamDelete")}
                destructive={true}
                onConfirm={async () => {
                  await api.call(endpoints.teams.delete, { params: { id: team().id } })
                  await invalidateDrivers(queryClient)
                  showToast("success", t("drivers.teamDeleted", { name: team().name }))
                  navigate("/teams")
                }}
              />
            </Show>
          </>
        )}
      </RecordState>
    </div>
  )
}
