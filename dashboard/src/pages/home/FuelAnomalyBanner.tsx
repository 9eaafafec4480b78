import { A } from "@solidjs/router"
import { TriangleAlert } from "lucide-solid"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"

/** Seed 003 "Fuel Anomaly Dashboard": a red banner while refuels wait for a check, linking to them. */
export const FuelAnomalyBanner = (props: { readonly unchecked: number }) => {
  const { t, format } = useI18n()
  return (
    <Show when={props.unchecked > 0}>
      <A href="/fuel?anomaly=unchecked" class="home-banner" role="alert" data-testid="home-fuel-anomalies">
        <TriangleAlert size={18} aria-hidden="true" />
        <span>{t("overview.anomalies", { count: format().integer(props.unchecked) })}</span>
        <span class="home-banner__action">{t("overview.anomaliesOpen")}</span>
      </A>
    </Show>
  )
}
