import "../organisations/adminPages.css"
import "../alerts/alerts.css"
import "./incidents.css"
import { A, useParams } from "@solidjs/router"
import { ArrowLeft, SearchX } from "lucide-solid"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { PageHeader } from "../../ui/PageHeader"
import { RecordState } from "../../ui/RecordState"
import { AlertStatusBadge } from "../alerts/AlertBadges"
import { incidentAmount, incidentDetails, incidentKindLabel } from "./incidentAmount"
import { createIncidentQuery, type IncidentView } from "./incidentQueries"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/incidents" class="button button--ghost" data-testid="incident-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("incidents.back")}</span>
    </A>
  )
}

/** Half an hour either side of the incident: the vehicle's Track tab shows how it came about. */
const MARGIN_MS = 30 * 60_000
const trackHref = (i: IncidentView): string => {
  const from = new Date(Date.parse(i.startedAt) - MARGIN_MS).toISOString()
  const to = new Date(Date.parse(i.endedAt) + MARGIN_MS).toISOString()
  return `/vehicles/${i.vehicleId}?tab=track&period=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
}

/** One incident: what, which vehicle and driver, when, how much, where, and the alert it raised. */
export const IncidentPage = () => {
  const { t, format } = useI18n()
  const params = useParams<{ id: string }>()
  const query = createIncidentQuery(() => params.id)
  return (
    <div class="page page--narrow">
      <RecordState
        query={query}
        notFound={{
          testId: "incident-not-found",
          icon: <SearchX size={22} />,
          title: t("incidents.notFound"),
          description: t("incidents.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(i) => (
          <>
            <PageHeader
              title={incidentKindLabel(t, i().kind)}
              description={`${i().vehicleName ?? ""} ${i().vehiclePlate ?? ""}`.trim() || undefined}
              actions={<BackLink />}
            />
            <section class="panel">
              <dl class="facts" data-testid="incident-facts">
                <dt>{t("incidents.amount")}</dt>
                <dd data-testid="incident-amount">
                  <strong>{incidentAmount(t, format(), i())}</strong>
                </dd>
                <dt>{t("incidents.vehicle")}</dt>
                <dd>
                  <A href={`/vehicles/${i().vehicleId}`}>
                    {i().vehicleName} <span class="muted">{i().vehiclePlate ?? ""}</span>
                  </A>
                </dd>
                <dt>{t("incidents.driver")}</dt>
                <dd data-testid="incident-driver">{i().driverName ?? t("incidents.noDriver")}</dd>
                <dt>{t("incidents.startedAt")}</dt>
                <dd>{format().dateTime(Date.parse(i().startedAt))}</dd>
                <dt>{t("incidents.endedAt")}</dt>
                <dd>{format().dateTime(Date.parse(i().endedAt))}</dd>
                <dt>{t("incidents.location")}</dt>
                <dd>
                  <Show when={i().lat !== null && i().lon !== null}>
                    {format().position(i().lat ?? 0, i().lon ?? 0)}
                    {" · "}
                  </Show>
                  <A href={trackHref(i())} data-testid="incident-track">
                    {t("incidents.openTrack")}
                  </A>
                </dd>
                <dt>{t("incidents.alert")}</dt>
                <dd>
                  <Show when={i().alertId} fallback={<span class="muted">{t("incidents.noAlert")}</span>}>
                    {(alertId) => (
                      <span class="incident-alert">
                        <A href={`/alerts/${alertId()}`} data-testid="incident-alert">
                          {t("incidents.openAlert")}
                        </A>
                        <Show when={i().alertStatus}>
                          {(status) => <AlertStatusBadge status={status()} />}
                        </Show>
                      </span>
                    )}
                  </Show>
                </dd>
                <For each={incidentDetails(t, format(), i())}>
                  {(detail) => (
                    <>
                      <dt class="muted">{detail.label}</dt>
                      <dd class="alert-details">{detail.value}</dd>
                    </>
                  )}
                </For>
              </dl>
            </section>
          </>
        )}
      </RecordState>
    </div>
  )
}
