import type { Accessor } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import type { LiveStatus } from "./createLiveSocket"

/** A small dot and word for the live feed's connection state. */
export const LiveStatusBadge = (props: { readonly status: Accessor<LiveStatus> }) => {
  const { t } = useI18n()
  return (
    <output
      class="live-status"
      data-testid="live-status"
      data-status={props.status()}
      title={t("live.title")}
      aria-live="polite"
    >
      <span class="live-status__dot" aria-hidden="true" />
      {t(`live.${props.status()}`)}
    </output>
  )
}
