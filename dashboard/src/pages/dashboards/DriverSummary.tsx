import { MIN_SCORED_KM } from "@fleetcore/contract"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { createDriverDashboardQuery } from "./dashboardQueries"
import { ExpiringDocumentsTile, OpenWorkTile, SummaryTile } from "./SummaryTile"
import "./dashboards.css"

/**
 * Seed 001's driver dashboard above the driver's tabs: the vehicle they drive now, this month's
 * distance, time at the wheel and events with the drivers report's score, unpaid fines, open
 * tickets and tasks, expiring documents and the licence. Figures the role may not read are left out.
 */
export const DriverSummary = (props: { readonly driverId: string }) => {
  const { t, format, zone } = useI18n()
  const query = createDriverDashboardQuery(() => props.driverId)
  const tab = (id: string) => `/drivers/${props.driverId}?tab=${id}`
  const count = (n: number) => format().integer(n)
  return (
    <Show when={query.data}>
      {(d) => (
        <section class="record-summary" aria-label={t("dashboards.summary")} data-testid="driver-summary">
          <SummaryTile
            testId="summary-vehicle"
            label={t("dashboards.vehicleNow")}
            value={
              d().vehicle
                ? [d().vehicle?.plate, d().vehicle?.name].filter(Boolean).join(" · ")
                : t("dashboards.noVehicle")
            }
            sub={
              d().vehicle
                ? t("dashboards.since", { date: format().day(d().vehicle?.since.slice(0, 10) ?? "") })
                : undefined
            }
            href={d().vehicle ? `/vehicles/${d().vehicle?.id}` : tab("vehicles")}
          />
          <Show when={d().driving}>
            {(w) => (
              <>
                <SummaryTile
                  testId="summary-driving"
                  label={t("dashboards.thisMonth")}
                  value={format().distanceKm(w().km * 1000)}
                  sub={t("dashboards.drivingValue", {
                    km: format().distanceKm(w().km * 1000),
                    hours: format().decimal(w().hours, 1),
                  })}
                />
                <SummaryTile
                  testId="summary-score"
                  label={t("dashboards.score")}
                  value={w().score === null ? "—" : count(w().score ?? 0)}
                  sub={
                    w().score === null
                      ? t("dashboards.scoreNone", { km: count(MIN_SCORED_KM) })
                      : t("dashboards.events", {
                          speeding: count(w().speeding),
                          alerts: count(w().alerts),
                          fines: count(w().penalties),
                          anomalies: count(w().fuelAnomalies),
                        })
                  }
                  tone={w().score !== null && (w().score ?? 100) < 60 ? "warning" : undefined}
                  href="/reports/drivers"
                />
              </>
            )}
          </Show>
          <Show when={d().penalties}>
            {(p) => (
              <SummaryTile
                testId="summary-fines"
                label={t("dashboards.fines")}
                value={count(p().unpaid)}
                tone={p().unpaid > 0 ? "warning" : undefined}
                href={tab("penalties")}
              />
            )}
          </Show>
          <Show when={d().tickets}>
            {(w) => <OpenWorkTile testId="summary-tickets" label={t("dashboards.tickets")} work={w()} />}
          </Show>
          <Show when={d().tasks}>
            {(w) => <OpenWorkTile testId="summary-tasks" label={t("dashboards.tasks")} work={w()} />}
          </Show>
          <SummaryTile
            testId="summary-licence"
            label={t("dashboards.licence")}
            value={
              d().licenceExpiresOn ? format().day(d().licenceExpiresOn ?? "") : t("dashboards.licenceNone")
            }
            tone={
              d().licenceExpiresOn !== null && (d().licenceExpiresOn ?? "") < dayIn(Date.now(), zone())
                ? "danger"
                : undefined
            }
          />
          <Show when={d().documents}>
            {(docs) => <ExpiringDocumentsTile documents={docs()} href={tab("documents")} />}
          </Show>
        </section>
      )}
    </Show>
  )
}
