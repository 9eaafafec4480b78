import { CHANGE_FIELDS, type ChangeRequest, endpoints } from "@fleetcore/contract"
import { useParams } from "@solidjs/router"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { FileDiff } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { PageHeader } from "../../ui/PageHeader"
import { ReasonDialog } from "../../ui/ReasonDialog"
import { RecordState } from "../../ui/RecordState"
import { showToast } from "../../ui/toast"
import { ChangeStatusBadge } from "./ChangeStatusBadge"
import "./vehicleAccess.css"

type Request = typeof ChangeRequest.Encoded

/** A value as the diff shows it: "—" for none. */
const shown = (value: unknown): string =>
  value === null || value === undefined || value === "" ? "—" : String(value)

/**
 * A proposed change to a vehicle's critical fields (issue 16, seed 002): who proposed it, each field
 * old → new; the vehicle's manager approves it (applied through the vehicle's own rules) or
 * rejects it with a reason. Nothing changes before that.
 */
export const ChangeRequestPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const params = useParams<{ id: string }>()
  const request = useQuery(() => ({
    queryKey: [endpoints.changeRequests.get.id, params.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.changeRequests.get, { params: { id: params.id } }, signal),
  }))
  const [approving, setApproving] = createSignal(false)
  const [rejecting, setRejecting] = createSignal(false)
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [endpoints.changeRequests.get.id] }),
      queryClient.invalidateQueries({ queryKey: [endpoints.changeRequests.list.id] }),
    ])
  return (
    <RecordState
      query={request}
      notFound={{
        testId: "change-request-not-found",
        icon: <FileDiff size={22} />,
        title: t("vehicleAccess.changeNotFound"),
        description: t("vehicleAccess.changeNotFoundText"),
      }}
    >
      {(r: () => Request) => {
        const fields = () => CHANGE_FIELDS.filter((f) => f in r().changes)
        return (
          <div class="page" data-testid="change-request">
            <PageHeader title={t("vehicleAccess.changeTitle")} description={r().vehicleName ?? ""} />
            <section class="panel">
              <p>
                <ChangeStatusBadge
                  status={r().status}
                  deciding={session.can("vehicles.manage")}
                  testId="change-status"
                />
              </p>
              <p class="muted" data-testid="change-proposer">
                {t(r().proposerKind === "centre" ? "vehicleAccess.byCentre" : "vehicleAccess.byDriver", {
                  name: (r().proposerKind === "centre" ? r().centreName : r().proposedByName) ?? "—",
                  at: format().dateTime(Date.parse(r().createdAt)),
                })}
              </p>
              <Show when={r().comment}>{(c) => <p>{c()}</p>}</Show>
              <table class="change-diff" data-testid="change-diff">
                <thead>
                  <tr>
                    <th>{t("vehicleAccess.field")}</th>
                    <th>{t("vehicleAccess.now")}</th>
                    <th>{t("vehicleAccess.proposed")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={fields()}>
                    {(f) => (
                      <tr data-testid="change-diff-row" data-field={f}>
                        <th scope="row">{t(`vehicleAccess.field_${f}`)}</th>
                        <td class="change-diff__old">{shown(r().oldValues[f])}</td>
                        <td class="change-diff__new">{shown(r().changes[f])}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={r().reason}>
                {(why) => <p>{t("vehicleAccess.rejectedBecause", { reason: why() })}</p>}
              </Show>
              <Show when={r().status === "pending" && session.can("vehicles.manage")}>
                <div class="vehicle-access__actions">
                  <button
                    type="button"
                    class="button button--primary"
                    data-testid="change-approve"
                    onClick={() => setApproving(true)}
                  >
                    {t("vehicleAccess.approve")}
                  </button>
                  <button
                    type="button"
                    class="button"
                    data-testid="change-reject"
                    onClick={() => setRejecting(true)}
                  >
                    {t("vehicleAccess.refuse")}
                  </button>
                </div>
              </Show>
            </section>
            <ConfirmDialog
              open={approving()}
              onOpenChange={setApproving}
              title={t("vehicleAccess.approveChangeTitle")}
              description={t("vehicleAccess.approveChangeText")}
              confirmLabel={t("vehicleAccess.approve")}
              onConfirm={async () => {
                await api.call(endpoints.changeRequests.approve, { params: { id: r().id } })
                await refresh()
                showToast("success", t("vehicleAccess.changeApplied"))
              }}
            />
            <ReasonDialog
              open={rejecting()}
              onOpenChange={setRejecting}
              title={t("vehicleAccess.rejectChangeTitle")}
              label={t("vehicleAccess.reason")}
              confirmLabel={t("vehicleAccess.refuse")}
              testId="change-reject-reason"
              onConfirm={async (reason) => {
                await api.call(endpoints.changeRequests.reject, { params: { id: r().id }, body: { reason } })
                await refresh()
                showToast("success", t("vehicleAccess.changeRejected"))
              }}
            />
          </div>
        )
      }}
    </RecordState>
  )
}
