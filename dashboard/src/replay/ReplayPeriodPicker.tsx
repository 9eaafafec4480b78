import { useSearchParams } from "@solidjs/router"
import { createSignal, For, Show } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { fromZonedInput, toZonedInput } from "../i18n/timeZone"
import { PERIOD_PRESETS, type Period, type PeriodPreset, validPeriod } from "./replayPeriod"

/** Today, yesterday, the last 7 days, or a custom from/to; the choice lives in the URL. */
export const ReplayPeriodPicker = (props: {
  readonly period: Period & { readonly preset: PeriodPreset }
}) => {
  const { t, zone } = useI18n()
  const [, setSearch] = useSearchParams()
  const [custom, setCustom] = createSignal(props.period.preset === "custom")
  // The inputs show and read wall clocks in the UI's zone, whatever the browser's is.
  const [from, setFrom] = createSignal(toZonedInput(props.period.fromMs, zone()))
  const [to, setTo] = createSignal(toZonedInput(props.period.toMs, zone()))
  const customPeriod = () => validPeriod(fromZonedInput(from(), zone()), fromZonedInput(to(), zone()))
  const choose = (preset: Exclude<PeriodPreset, "custom">) => {
    setCustom(false)
    setSearch({ period: preset, from: undefined, to: undefined })
  }
  const apply = (event: SubmitEvent) => {
    event.preventDefault()
    const p = customPeriod()
    if (p === undefined) return
    setSearch({
      period: "custom",
      from: new Date(p.fromMs).toISOString(),
      to: new Date(p.toMs).toISOString(),
    })
  }
  return (
    <div class="replay-period">
      <fieldset class="replay-period__presets">
        <legend class="visually-hidden">{t("replay.period")}</legend>
        <For each={PERIOD_PRESETS}>
          {(preset) => (
            <button
              type="button"
              class="replay-timeline__rate"
              aria-pressed={!custom() && props.period.preset === preset}
              data-testid={`replay-period-${preset}`}
              onClick={() => choose(preset)}
            >
              {t(`replay.${preset}`)}
            </button>
          )}
        </For>
        <button
          type="button"
          class="replay-timeline__rate"
          aria-pressed={custom() || props.period.preset === "custom"}
          data-testid="replay-period-custom"
          onClick={() => setCustom(true)}
        >
          {t("replay.custom")}
        </button>
      </fieldset>
      <Show when={custom() || props.period.preset === "custom"}>
        <form class="replay-period__custom" onSubmit={apply}>
          <label>
            <span>{t("replay.from")}</span>
            <input
              class="input"
              type="datetime-local"
              data-testid="replay-from"
              value={from()}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label>
            <span>{t("replay.to")}</span>
            <input
              class="input"
              type="datetime-local"
              data-testid="replay-to"
              value={to()}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </label>
          <button
            type="submit"
            class="button"
            data-testid="replay-show"
            disabled={customPeriod() === undefined}
          >
            {t("replay.show")}
          </button>
          <Show when={customPeriod() === undefined}>
            <p class="form-field__error" role="alert">
              {t("replay.periodInvalid")}
            </p>
          </Show>
        </form>
      </Show>
    </div>
  )
}
