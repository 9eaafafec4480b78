import { ATTENTION_REASONS } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../../ui/EmptyState"
import type { HomeSummaryView } from "./homeQueries"

type Reason = (typeof ATTENTION_REASONS)[number]

/** The filtered list each reason's records are in. */
export const REASON_LINKS: Readonly<Record<Reason, string>> = {
  maintenanceOverdue: "/maintenance",
  maintenanceDue: "/maintenance",
  contractExpiring: "/contracts?expiringWithinDays=30",
  documentExpiring: "/documents?expiringWithinDays=30",
  criticalAlert: "/alerts?severity=critical&status=open",
}

const REASON_TONE: Readonly<Record<Reason, string>> = {
  maintenanceOverdue: "badge--danger",
  maintenanceDue: "badge--warning",
  contractExpiring: "badge--warning",
  documentExpiring: "badge--warning",
  criticalAlert: "badge--danger",
}

/** Vehicles needing attention: a count per reason (each opening its list) and the first vehicles. */
export const AttentionCard = (props: { readonly attention: NonNullable<HomeSummaryView["attention"]> }) => {
  const { t, format } = useI18n()
  return (
    <section class="panel home-widget" data-testid="home-attention">
      <div class="home-widget__head">
        <h2>{t("overview.attention")}</h2>
        <span class="muted" data-testid="home-attention-count">
          {t("overview.attentionCount", { count: format().integer(props.attention.vehicles) })}
        </span>
      </div>
      <div class="home-reasons">
        <For each={ATTENTION_REASONS.filter((r) => props.attention.counts[r] > 0)}>
          {(reason) => (
            <A
              href={REASON_LINKS[reason]}
              class={`badge ${REASON_TONE[reason]}`}
              data-testid={`home-reason-${reason}`}
            >
              {t(`overview.reason_${reason}`)}: {format().integer(props.attention.counts[reason])}
            </A>
          )}
        </For>
      </div>
      <Show
        when={props.attention.items.length > 0}
        fallback={<EmptyState title={t("overview.attentionNone")} />}
      >
        <ul class="home-list">
          <For each={props.attention.items}>
            {(item) => (
              <li>
                <A
                  href={`/vehicles/${item.vehicleId}`}
                  class="home-list__row"
                  data-testid="home-attention-vehicle"
                >
                  <span class="home-list__main">
                    <strong>{item.name}</strong>
                    <Show when={item.plate}>{(plate) => <span class="muted">{plate()}</span>}</Show>
                  </span>
                  <span class="home-list__tags">
                    <For each={item.reasons}>
                      {(reason) => (
                        <span class={`badge ${REASON_TONE[reason]}`}>{t(`overview.reason_${reason}`)}</span>
                      )}
                    </For>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
