import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import type { HomeSummaryView } from "./homeQueries"
import "../dashboards/dashboards.css"

const LIVE = ["moving", "idle", "stopped", "stale", "unknown"] as const

/**
 * Seed 001's fleet dashboard, its operational part: the vehicles by what they do now (the live map's
 * rule), open and late tickets and tasks, and what waits for approval. Each line opens its list.
 */
export const OperationsCard = (props: {
  readonly operations: NonNullable<HomeSummaryView["operations"]>
}) => {
  const { t, format } = useI18n()
  const n = (count: number) => format().integer(count)
  const work = (
    id: string,
    label: string,
    href: string,
    value: { readonly open: number; readonly overdue: number },
  ) => (
    <A href={href} class="home-status__item" data-testid={`home-ops-${id}`} data-late={value.overdue > 0}>
      <span class="home-ops__label">{label}</span>
      <Show when={value.overdue > 0}>
        <span class="home-ops__late">{t("dashboards.late", { count: n(value.overdue) })}</span>
      </Show>
      <strong>{n(value.open)}</strong>
    </A>
  )
  return (
    <section class="panel home-widget" data-testid="home-operations">
      <div class="home-widget__head">
        <h2>{t("dashboards.operations")}</h2>
        <Show when={props.operations.live}>
          <A href="/live" class="link-button">
            {t("dashboards.openMap")}
          </A>
        </Show>
      </div>
      <Show when={props.operations.live}>
        {(live) => (
          <ul class="home-status" aria-label={t("dashboards.liveNow")}>
            <For each={LIVE}>
              {(status) => (
                <li>
                  <A
                    href="/live"
                    class="home-status__item"
                    classList={{ "home-status__item--empty": live()[status] === 0 }}
                    data-testid={`home-live-${status}`}
                  >
                    <span class="live-dot" data-status={status} aria-hidden="true" />
                    <span>{t(`status.${status}`)}</span>
                    <strong>{n(live()[status])}</strong>
                  </A>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
      <ul class="home-status">
        <Show when={props.operations.tickets}>
          {(w) => <li>{work("tickets", t("dashboards.tickets"), "/tickets", w())}</li>}
        </Show>
        <Show when={props.operations.tasks}>
          {(w) => <li>{work("tasks", t("dashboards.tasks"), "/tasks", w())}</li>}
        </Show>
        <Show when={props.operations.onboarding}>
          {(o) => (
            <li>
              <A href="/onboarding" class="home-status__item" data-testid="home-ops-onboarding">
                <span class="home-ops__label">{t("dashboards.onboarding")}</span>
                <span class="home-ops__late home-ops__late--muted">
                  {t("dashboards.onboardingCounts", { vehicles: n(o().vehicles), drivers: n(o().drivers) })}
                </span>
                <strong>{n(o().vehicles + o().drivers)}</strong>
              </A>
            </li>
          )}
        </Show>
      </ul>
    </section>
  )
}
