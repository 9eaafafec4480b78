import { A } from "@solidjs/router"
import { For } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import type { HomeSummaryView } from "./homeQueries"

/** Vehicles per status; each status opens the vehicles list filtered by it. */
export const FleetStatusCard = (props: { readonly fleet: NonNullable<HomeSummaryView["fleet"]> }) => {
  const { t, format } = useI18n()
  return (
    <section class="panel home-widget" data-testid="home-fleet">
      <div class="home-widget__head">
        <h2>{t("overview.fleet")}</h2>
        <A href="/vehicles" class="link-button" data-testid="home-fleet-total">
          {t("overview.fleetTotal", { count: format().integer(props.fleet.total) })}
        </A>
      </div>
      <ul class="home-status">
        <For each={props.fleet.byStatus}>
          {(s) => (
            <li>
              <A
                href={`/vehicles?status=${s.status}`}
                class="home-status__item"
                classList={{ "home-status__item--empty": s.count === 0 }}
                data-testid={`home-status-${s.status}`}
              >
                <span class={`home-status__dot home-status__dot--${s.status}`} aria-hidden="true" />
                <span>{t(`fleet.status_${s.status}`)}</span>
                <strong>{format().integer(s.count)}</strong>
              </A>
            </li>
          )}
        </For>
      </ul>
    </section>
  )
}
