import { For } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { statusCssColor, type VehicleStatus } from "../vehicles/vehicleStatus"

const shown: ReadonlyArray<VehicleStatus> = ["moving", "idle", "stopped", "stale"]
/** Phones have little map to spare: the legend starts folded there. */
const NARROW = "(max-width: 768px)"

/** What the vehicle colours on the map mean; "stale" with the organisation's offline threshold. */
export const MapLegend = (props: { readonly offlineAfterMinutes: number }) => {
  const { t, format } = useI18n()
  return (
    <details class="map-legend" open={!window.matchMedia(NARROW).matches}>
      <summary>{t("map.legend")}</summary>
      <ul>
        <For each={shown}>
          {(status) => (
            <li>
              <span
                class="status-dot"
                style={{ "background-color": statusCssColor(status) }}
                aria-hidden="true"
              />
              {status === "stale"
                ? t("liveMap.staleFor", { minutes: format().integer(props.offlineAfterMinutes) })
                : t(`status.${status}`)}
            </li>
          )}
        </For>
      </ul>
    </details>
  )
}
