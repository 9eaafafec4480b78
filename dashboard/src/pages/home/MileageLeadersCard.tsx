import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import type { HomeSummaryView } from "./homeQueries"

/** This month's top vehicles by distance, each bar relative to the leader; a row opens the vehicle. */
export const MileageLeadersCard = (props: { readonly mileage: NonNullable<HomeSummaryView["mileage"]> }) => {
  const { t, format } = useI18n()
  const top = () => props.mileage.leaders[0]?.km ?? 0
  return (
    <section class="panel home-widget" data-testid="home-mileage">
      <div class="home-widget__head">
        <h2>{t("overview.mileage")}</h2>
      </div>
      <p class="muted">
        {t("overview.mileageTotals", {
          total: format().distanceKm(props.mileage.totalKm * 1000),
          average: format().distanceKm(props.mileage.averageKm * 1000),
        })}
      </p>
      <Show
        when={props.mileage.leaders.length > 0}
        fallback={<p class="muted">{t("overview.mileageNone")}</p>}
      >
        <ol class="home-list">
          <For each={props.mileage.leaders}>
            {(leader) => (
              <li>
                <A
                  href={`/vehicles/${leader.vehicleId}`}
                  class="home-list__row home-leader"
                  data-testid="home-leader"
                >
                  <span class="home-list__main">
                    <strong>{leader.name}</strong>
                    <Show when={leader.plate}>{(plate) => <span class="muted">{plate()}</span>}</Show>
                  </span>
                  <span class="home-leader__km">{format().distanceKm(leader.km * 1000)}</span>
                  <span
                    class="home-leader__bar"
                    style={{ width: `${top() === 0 ? 0 : Math.max(2, (leader.km / top()) * 100)}%` }}
                    aria-hidden="true"
                  />
                </A>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  )
}
