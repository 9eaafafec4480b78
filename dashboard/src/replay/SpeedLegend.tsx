import { For } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { SPEED_BANDS } from "./speedBands"

/** What the track's colours mean, in the user's units; `open` false starts it folded (small maps). */
export const SpeedLegend = (props: { readonly open?: boolean }) => {
  const { t, format } = useI18n()
  const kmh = (v: number) => format().speed(v / 3.6)
  return (
    <details class="map-legend replay-legend" open={props.open ?? true} data-testid="replay-legend">
      <summary>{t("replay.legend")}</summary>
      <ul>
        <For each={SPEED_BANDS}>
          {(band, i) => {
            const next = SPEED_BANDS[i() + 1]
            return (
              <li>
                <span
                  class="replay-legend__swatch"
                  style={{ "background-color": `rgb(${band.color.join(" ")})` }}
                  aria-hidden="true"
                />
                {next === undefined
                  ? t("replay.bandAbove", { from: kmh(band.fromKmh) })
                  : t("replay.bandRange", { from: kmh(band.fromKmh), to: kmh(next.fromKmh) })}
              </li>
            )
          }}
        </For>
      </ul>
    </details>
  )
}
