import "../organisations/adminPages.css"
import "./alerts.css"
import { endpoints } from "@fleetcore/contract"
import { A, useParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { ArrowLeft, SearchX } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { LiveStatusBadge } from "../../live/LiveStatusBadge"
import { PageHeader } from "../../ui/PageHeader"
import { RecordState } from "../../ui/RecordState"
import { showToast } from "../../ui/toast"
import { AlertActionDialog, type AlertDialogAction } from "./AlertActionDialog"
import { AlertSeverityBadge, AlertStatusBadge } from "./AlertBadges"
import { AlertHistory } from "./AlertHistory"
import { alertFacts } from "./alertDetails"
import { type AlertView, createAlertQuery, createAlertsLive, invalidateAlerts } from "./alertQueries"
import { alertTitle } from "./alertTypes"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/alerts" class="button button--ghost" data-testid="alert-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("alerts.back")}</span>
    </A>
  )
}

/** One alert: its facts, the steps the caller may take (with notes and the assignee) and its history. */
export const AlertPage = () => {
  const { t, format } = useI18n()
  const params = useParams<{ id: string }>()
  const session = useSession()
  const api = useApi()
  const queryClient = useQueryClient()
  const query = createAlertQuery(() => params.id)
  const live = createAlertsLive()
  const [action, setAction] = createSignal<AlertDialogAction | null>(null)
  const manages = () => session.can("alerts.manage")

  const run = async (input: { readonly note: string; readonly userId: string }) => {
    const which = action()
    if (which === null) return
    const body = input.note === "" ? {} : { note: input.note }
    const p = { params: { id: params.id } }
    const updated: AlertView =
      which === "assign"
        ? await api.call(endpoints.alerts.assign, { ...p, body: { ...body, userId: input.userId } })
        : which === "acknowledge"
          ? await api.call(endpoints.alerts.acknowledge, { ...p, body })
          : await api.call(endpoints.alerts.resolve, { ...p, body })
    queryClient.setQueryData([endpoints.alerts.get.id, params.id], updated)
    showToast(
      "success",
      which === "assign"
        ? t("alerts.assigned", { name: updated.assigneeName ?? "" })
        : t(which === "acknowledge" ? "alerts.acknowledged" : "alerts.resolved"),
    )
    await invalidateAlerts(queryClient)
  }
  const unassign = async () => {
    try {
      const updated = await api.call(endpoints.alerts.unassign, { params: { id: params.id }, body: {} })
      queryClient.setQueryData([endpoints.alerts.get.id, params.id], updated)
      showToast("success", t("alerts.unassignedToast"))
      await invalidateAlerts(queryClient)
    } catch (error) {
      showToast("error", t("alerts.unassign"), error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <div class="page page--narrow">
      <RecordState
        query={query}
        notFound={{
          testId: "alert-not-found",
          icon: <SearchX size={22} />,
          title: t("alerts.notFound"),
          description: t("alerts.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(a) => (
          <>
            <PageHeader
              title={alertTitle(t, a())}
              description={
                a().vehicleName === null ? undefined : `${a().vehicleName} ${a().vehiclePlate ?? ""}`.trim()
              }
              actions={
                <>
                  <LiveStatusBadge status={live} />
                  <BackLink />
                </>
              }
            />
            <Show when={manages()}>
              <div class="alert-actions" data-testid="alert-actions">
                <Show when={a().status === "open"}>
                  <button
                    type="button"
                    class="button button--primary"
                    data-testid="alert-acknowledge"
                    onClick={() => setAction("acknowledge")}
                  >
                    {t("alerts.acknowledge")}
                  </button>
                </Show>
                <Show when={a().status !== "resolved"}>
                  <button
                    type="button"
                    class="button"
                    data-testid="alert-assign"
                    onClick={() => setAction("assign")}
                  >
                    {t("alerts.assign")}
                  </button>
                </Show>
                <Show when={a().assigneeId !== null}>
                  <button
                    type="button"
                    class="button"
                    data-testid="alert-unassign"
                    onClick={() => void unassign()}
                  >
                    {t("alerts.unassign")}
                  </button>
                </Show>
                <Show when={a().status !== "resolved"}>
                  <button
                    type="button"
                    class="button"
                    data-testid="alert-resolve"
                    onClick={() => setAction("resolve")}
                  >
                    {t("alerts.resolve")}
                  </button>
                </Show>
              </div>
            </Show>
            <section class="panel">
              <dl class="facts" data-testid="alert-facts">
                <dt>{t("alerts.status")}</dt>
                <dd>
                  <AlertStatusBadge status={a().status} />
                </dd>
                <dt>{t("alerts.severity")}</dt>
                <dd>
                  <AlertSeverityBadge severity={a().severity} />
                </dd>
                <dt>{t("alerts.vehicle")}</dt>
                <dd>
                  <Show when={a().vehicleId} fallback={t("alerts.noVehicle")}>
                    {(id) => (
                      <A href={`/vehicles/${id()}?tab=alerts`}>
                        {a().vehicleName} <span class="muted">{a().vehiclePlate ?? ""}</span>
                      </A>
                    )}
                  </Show>
                </dd>
                <dt>{t("alerts.driver")}</dt>
                <dd data-testid="alert-driver">{a().driverName ?? t("alerts.noDriver")}</dd>
                <dt>{t("alerts.assignee")}</dt>
                <dd data-testid="alert-assignee">{a().assigneeName ?? t("alerts.unassigned")}</dd>
                <dt>{t("alerts.openedAt")}</dt>
                <dd>{format().dateTime(Date.parse(a().openedAt))}</dd>
                <dt>{t("alerts.lastSeenAt")}</dt>
                <dd>{format().dateTime(Date.parse(a().lastSeenAt))}</dd>
                <dt>{t("alerts.occurrences")}</dt>
                <dd>{format().integer(a().occurrences)}</dd>
                <Show when={a().incidentId}>
                  {(incidentId) => (
                    <>
                      <dt>{t("incidents.incident")}</dt>
                      <dd>
                        <A href={`/incidents/${incidentId()}`} data-testid="alert-incident">
                          {t("incidents.openIncident")}
                        </A>
                      </dd>
                    </>
                  )}
                </Show>
                <Show when={a().lat !== null && a().lon !== null}>
                  <dt>{t("alerts.location")}</dt>
                  <dd data-testid="alert-location">{format().position(a().lat ?? 0, a().lon ?? 0)}</dd>
                </Show>
                <Show when={a().acknowledgedAt}>
                  {(at) => (
                    <>
                      <dt>{t("alerts.acknowledgedBy")}</dt>
                      <dd>{format().dateTime(Date.parse(at()))}</dd>
                    </>
                  )}
                </Show>
                <Show when={a().acknowledgementNote}>
                  {(note) => (
                    <>
                      <dt>{t("alerts.acknowledgementNote")}</dt>
                      <dd class="alert-history__note" data-testid="alert-ack-note">
                        {note()}
                      </dd>
                    </>
                  )}
                </Show>
                <Show when={a().resolvedAt}>
                  {(at) => (
                    <>
                      <dt>{t("alerts.resolvedAt")}</dt>
                      <dd>{format().dateTime(Date.parse(at()))}</dd>
                    </>
                  )}
                </Show>
                <Show when={a().resolutionNote}>
                  {(note) => (
                    <>
                      <dt>{t("alerts.resolutionNote")}</dt>
                      <dd class="alert-history__note" data-testid="alert-resolution-note">
                        {note()}
                      </dd>
                    </>
                  )}
                </Show>
                <For each={alertFacts(t, format(), a())}>
                  {(fact) => (
                    <>
                      <dt class="muted">{fact.label}</dt>
                      <dd class="alert-details" data-testid={`alert-fact-${fact.key}`}>
                        <Show when={fact.href} fallback={fact.value}>
                          {(href) => <A href={href()}>{fact.value}</A>}
                        </Show>
                      </dd>
                    </>
                  )}
                </For>
              </dl>
            </section>
            <AlertHistory alert={a()} />
            <AlertActionDialog action={action()} count={1} onClose={() => setAction(null)} onSubmit={run} />
          </>
        )}
      </RecordState>
    </div>
  )
}
