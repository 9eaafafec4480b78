import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { dayIn } from "../../i18n/timeZone"
import { expiryState } from "./documentExpiry"

/** A document's expiry as a badge: red when expired, amber within 30 days, green later; nothing without one. */
export const ExpiryBadge = (props: { readonly expiresOn: string | null; readonly today?: string }) => {
  const { t, format, zone } = useI18n()
  const state = () => expiryState(props.expiresOn, props.today ?? dayIn(Date.now(), zone()))
  const tone = () => ({ expired: "danger", soon: "warning", valid: "success", none: "success" })[state()]
  const label = () => {
    const date = format().day(props.expiresOn ?? "")
    if (state() === "expired") return t("documents.expired", { date })
    if (state() === "soon") return t("documents.expiresSoon", { date })
    return t("documents.validUntil", { date })
  }
  return (
    <Show when={props.expiresOn !== null} fallback={<span class="muted">{t("documents.noExpiry")}</span>}>
      <span class={`badge badge--${tone()}`} data-testid="document-expiry" data-expiry={state()}>
        {label()}
      </span>
    </Show>
  )
}
