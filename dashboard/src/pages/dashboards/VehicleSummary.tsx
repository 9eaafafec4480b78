import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { createVehicleDashboardQuery } from "./dashboardQueries"
import { ExpiringDocumentsTile, OpenWorkTile, SummaryTile } from "./SummaryTile"
import "./dashboards.css"

type Dictionary = ReturnType<typeof useI18n>

/** What the vehicle reports now, in one line: speed, ignition, fuel level, and how long ago. */
const nowLine = ({ t, format }: Dictionary, live: VehicleLive): string => {
  if (live.at === null) return t("dashboards.neverReported")
  const parts: Array<string> = []
  if (live.speedKmh !== null)
    parts.push(
      live.ignition === null
        ? format().speed(live.speedKmh / 3.6)
        : t("dashboards.speedIgnition", {
            speed: format().speed(live.speedKmh / 3.6),
            ignition: t(live.ignition ? "dashboards.on" : "dashboards.off"),
          }),
    )
  if (live.fuelLevelPct !== null)
    parts.push(t("dashboards.fuelLevel", { level: format().percent(live.fuelLevelPct) }))
  parts.push(t("dashboards.lastPosition", { time: format().relative(Date.parse(live.at), Date.now()) }))
  return parts.join(" · ")
}

interface VehicleLive {
  readonly status: string
  readonly at: string | null
  readonly speedKmh: number | null
  readonly ignition: boolean | null
  readonly fuelLevelPct: number | null
}

/**
 * Seed 001's vehicle dashboard above the vehicle's tabs: what it does now, who drives it, today's and
 * this month's distance, refuels, costs, the next service, open alerts, tickets and tasks, expiring
 * documents. A figure the caller's role may not read is not shown; each tile opens its records.
 */
export const VehicleSummary = (props: { readonly vehicleId: string }) => {
  const i18n = useI18n()
  const { t, format } = i18n
  const query = createVehicleDashboardQuery(() => props.vehicleId)
  const tab = (id: string) => `/vehicles/${props.vehicleId}?tab=${id}`
  const count = (n: number) => format().integer(n)
  return (
    <Show when={query.data}>
      {(d) => (
        <section class="record-summary" aria-label={t("dashboards.summary")} data-testid="vehicle-summary">
          <SummaryTile
            testId="summary-now"
            label={t("dashboards.now")}
            value={
              <>
                <span class="live-dot" data-status={d().live.status} aria-hidden="true" />
                {t(`status.${d().live.status}`)}
              </>
            }
            sub={nowLine(i18n, d().live)}
            href={tab("track")}
          />
          <SummaryTile
            testId="summary-driver"
            label={t("dashboards.driver")}
            value={d().driver?.name ?? t("dashboards.noDriver")}
            sub={
              d().driver
                ? t("dashboards.since", { date: format().day(d().driver?.since.slice(0, 10) ?? "") })
                : undefined
            }
            href={d().driver ? `/drivers/${d().driver?.id}` : tab("assignments")}
          />
          <Show when={d().distance}>
            {(km) => (
              <SummaryTile
                testId="summary-distance"
                label={t("dashboards.distance")}
                value={t("dashboards.distanceValue", { today: format().distanceKm(km().todayKm * 1000) })}
                sub={[
                  t("dashboards.distanceMonth", { month: format().distanceKm(km().monthKm * 1000) }),
                  ...(d().odometerKm === null
                    ? []
                    : [t("dashboards.odometer", { km: format().distanceKm((d().odometerKm ?? 0) * 1000) })]),
                ].join(" · ")}
                href={tab("mileage")}
              />
            )}
          </Show>
          <Show when={d().fuel}>
            {(fuel) => (
              <SummaryTile
                testId="summary-fuel"
                label={t("dashboards.fuel")}
                value={t("dashboards.fuelValue", {
                  count: count(fuel().refuels),
                  litres: format().decimal(fuel().litres, 1),
                })}
                href={tab("fuel")}
              />
            )}
          </Show>
          <Show when={d().costs}>
            {(costs) => (
              <SummaryTile
                testId="summary-costs"
                label={t("dashboards.costs")}
                value={format().money(costs().amount, costs().currency)}
                sub={[
                  t("dashboards.costsCount", { count: count(costs().expenses) }),
                  ...(costs().unconverted > 0
                    ? [t("dashboards.unconverted", { count: count(costs().unconverted) })]
                    : []),
                ].join(" · ")}
                href={tab("expenses")}
              />
            )}
          </Show>
          <Show when={d().maintenance}>
            {(m) => (
              <SummaryTile
                testId="summary-service"
                label={t("dashboards.service")}
                value={m().next?.name ?? t("dashboards.serviceNone")}
                sub={[
                  ...(m().next?.dueDate
                    ? [t("dashboards.serviceDueDate", { date: format().day(m().next?.dueDate ?? "") })]
                    : []),
                  ...(m().next?.dueOdometerKm != null
                    ? [
                        t("dashboards.serviceDueKm", {
                          km: format().distanceKm((m().next?.dueOdometerKm ?? 0) * 1000),
                        }),
                      ]
                    : []),
                  ...(m().overdue > 0 ? [t("dashboards.overdueCount", { count: count(m().overdue) })] : []),
                ].join(" · ")}
                tone={m().overdue > 0 ? "warning" : undefined}
                href={tab("maintenance")}
              />
            )}
          </Show>
          <Show when={d().alerts}>
            {(a) => (
              <SummaryTile
                testId="summary-alerts"
                label={t("dashboards.alerts")}
                value={count(a().open)}
                sub={a().critical > 0 ? t("dashboards.critical", { count: count(a().critical) }) : undefined}
                tone={a().critical > 0 ? "danger" : undefined}
                href={tab("alerts")}
              />
            )}
          </Show>
          <Show when={d().tickets}>
            {(w) => (
              <OpenWorkTile
                testId="summary-tickets"
                label={t("dashboards.tickets")}
                work={w()}
                href={`/tickets?vehicleId=${props.vehicleId}`}
              />
            )}
          </Show>
          <Show when={d().tasks}>
            {(w) => (
              <OpenWorkTile
                testId="summary-tasks"
                label={t("dashboards.tasks")}
                work={w()}
                href={`/tasks?vehicleId=${props.vehicleId}`}
              />
            )}
          </Show>
          <Show when={d().documents}>
            {(docs) => <ExpiringDocumentsTile documents={docs()} href={tab("documents")} />}
          </Show>
        </section>
      )}
    </Show>
  )
}
