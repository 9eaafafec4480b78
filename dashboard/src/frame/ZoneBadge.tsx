import { A } from "@solidjs/router"
import { Clock } from "lucide-solid"
import { Show } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { browserTimeZone, zoneLabel } from "../i18n/timeZone"

/**
 * The zone the dashboard shows times in, beside the organisation's name, when it is not the
 * browser's own (a manager travelling, a browser set to UTC): the times read off the page then
 * do not surprise. It opens the profile, where the user's own zone is chosen.
 */
export const ZoneBadge = () => {
  const { t, zone, locale } = useI18n()
  const label = () => zoneLabel(zone(), locale(), Date.now())
  return (
    <Show when={zone() !== browserTimeZone()}>
      <A
        href="/profile"
        class="topbar__zone muted"
        data-testid="zone-badge"
        data-zone={zone()}
        title={t("profile.timesIn", { zone: label() })}
      >
        <Clock size={14} aria-hidden="true" />
        <span class="visually-hidden">{t("profile.timesIn", { zone: label() })}</span>
        {/* At phone width only the clock shows; the hidden text above names the zone. */}
        <span class="topbar__zone-text" aria-hidden="true">
          {label()}
        </span>
      </A>
    </Show>
  )
}
