import { endpoints } from "@fleetcore/contract"
import { useQuery } from "@tanstack/solid-query"
import { Route } from "lucide-solid"
import { For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { useOrgTimeZone } from "../../i18n/useOrgTimeZone"

const WEEK_MS = 7 * 86_400_000

/** The vehicle's trips of the last 7 days (newest first) and its distance this week and month. */
export const MyTripsCard = (props: { readonly vehicleId: string }) => {
  const { t, format } = useI18n()
  const api = useApi()
  // Fixed when the card opens: the query keys must not change on every render.
  const now = Date.now()
  // Distance is counted on the organisation's days.
  const orgZone = useOrgTimeZone()
  const day = (ms: number) => dayIn(ms, orgZone())
  const trips = useQuery(() => ({
    queryKey: [endpoints.history.trips.id, props.vehicleId, now] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.history.trips,
        {
          params: { id: props.vehicleId },
          query: { from: new Date(now - WEEK_MS).toISOString(), to: new Date(now).toISOString() },
        },
        signal,
      ),
  }))
  const mileage = useQuery(() => ({
    queryKey: [endpoints.history.mileage.id, props.vehicleId, day(now)] as const,
    queryFn: ({ signal }) =>
      api.call(
        endpoints.history.mileage,
        {
          params: { id: props.vehicleId },
          query: { from: `${day(now).slice(0, 7)}-01`, to: day(now), groupBy: "day" },
        },
        signal,
      ),
  }))
  const weekKm = () =>
    (mileage.data?.periods ?? []).filter((p) => p.period >= day(now - WEEK_MS)).reduce((s, p) => s + p.km, 0)
  const latest = () => [...(trips.data?.items ?? [])].sort((a, b) => b.startMs - a.startMs).slice(0, 5)
  return (
    <section class="panel driver-card" data-testid="driver-trips">
      <h2 class="driver-card__title">
        <Route size={18} aria-hidden="true" />
        {t("overview.driver.trips")}
      </h2>
      <Show when={mileage.data}>
        {(m) => (
          <p class="driver-mileage" data-testid="driver-mileage">
            <span>{t("overview.driver.mileageWeek", { km: format().distanceKm(weekKm() * 1000) })}</span>
            <span>{t("overview.driver.mileageMonth", { km: format().distanceKm(m().totalKm * 1000) })}</span>
          </p>
        )}
      </Show>
      <Show when={latest().length > 0} fallback={<p class="muted">{t("overview.driver.tripsNone")}</p>}>
        <ul class="driver-list">
          <For each={latest()}>
            {(trip) => (
              <li data-testid="driver-trip">
                {t("overview.driver.tripRow", {
                  start: format().dateTime(trip.startMs),
                  distance: format().distanceKm(trip.distanceM),
                  duration: format().integer(Math.round(trip.durationS / 60)),
                })}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
