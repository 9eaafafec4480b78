import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import type { HomeSummaryView } from "./homeQueries"

/** The audit log's newest entries; each opens the audit log filtered to its action. */
export const RecentActivityCard = (props: {
  readonly activity: NonNullable<HomeSummaryView["activity"]>
}) => {
  const { t, format } = useI18n()
  return (
    <section class="panel home-widget" data-testid="recent-activity">
      <div class="home-widget__head">
        <h2>{t("overview.activity")}</h2>
        <A href="/audit" class="link-button">
          {t("overview.activityAll")}
        </A>
      </div>
      <Show when={props.activity.length > 0} fallback={<p class="muted">{t("overview.activityNone")}</p>}>
        <ul class="home-list">
          <For each={props.activity}>
            {(entry) => (
              <li>
                <A
                  href={`/audit?action=${encodeURIComponent(entry.action)}`}
                  class="home-list__row"
                  data-testid="home-activity-entry"
                >
                  <span class="home-list__main">
                    <code class="code-chip">{entry.action}</code>
                    <span class="muted">{entry.actorEmail ?? t("audit.system")}</span>
                  </span>
                  <span class="muted home-list__time">{format().dateTime(Date.parse(entry.at))}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
