import { Pause, Play } from "lucide-solid"
import { createEffect, For, onCleanup } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { advance, PLAYBACK_RATES, type PlaybackRate, type Playhead } from "./timeline"

export interface ReplayTimelineProps {
  /** The first and the last point's exact times. */
  readonly startMs: number
  readonly endMs: number
  readonly timeMs: number
  readonly playhead: Playhead | undefined
  readonly playing: boolean
  readonly rate: PlaybackRate
  readonly onTime: (timeMs: number) => void
  readonly onPlaying: (playing: boolean) => void
  readonly onRate: (rate: PlaybackRate) => void
}

/**
 * Play/pause, a slider over the period (one-second steps), the playback rate, and the time and
 * speed at the marker. While playing, each animation frame advances the time by the wall time
 * elapsed times the rate; at the end it stops.
 */
export const ReplayTimeline = (props: ReplayTimelineProps) => {
  const { t, format } = useI18n()

  createEffect(() => {
    if (!props.playing) return
    let last = performance.now()
    let frame = requestAnimationFrame(function tick(now) {
      const next = advance(props.timeMs, now - last, props.rate, props.endMs)
      last = now
      props.onTime(next)
      if (next >= props.endMs) props.onPlaying(false)
      else frame = requestAnimationFrame(tick)
    })
    onCleanup(() => cancelAnimationFrame(frame))
  })

  const togglePlay = () => {
    // Playing from the end starts over.
    if (!props.playing && props.timeMs >= props.endMs) props.onTime(props.startMs)
    props.onPlaying(!props.playing)
  }

  return (
    <section class="replay-timeline" aria-label={t("replay.timeline")}>
      <button
        type="button"
        class="button button--primary button--icon"
        data-testid="replay-play"
        aria-label={props.playing ? t("replay.pause") : t("replay.play")}
        title={props.playing ? t("replay.pause") : t("replay.play")}
        onClick={togglePlay}
      >
        {props.playing ? <Pause size={16} aria-hidden="true" /> : <Play size={16} aria-hidden="true" />}
      </button>
      <input
        type="range"
        class="replay-timeline__slider"
        data-testid="replay-slider"
        aria-label={t("replay.time")}
        aria-valuetext={format().dateTime(props.timeMs)}
        min={props.startMs}
        max={props.endMs}
        step={1000}
        value={props.timeMs}
        onInput={(e) => props.onTime(Number(e.currentTarget.value))}
      />
      <fieldset class="replay-timeline__rates">
        <legend class="visually-hidden">{t("replay.rate")}</legend>
        <For each={PLAYBACK_RATES}>
          {(rate) => (
            <button
              type="button"
              class="replay-timeline__rate"
              aria-pressed={props.rate === rate}
              data-testid={`replay-rate-${rate}`}
              onClick={() => props.onRate(rate)}
            >
              {t("replay.rateValue", { rate: format().integer(rate) })}
            </button>
          )}
        </For>
      </fieldset>
      <dl class="replay-timeline__readout">
        <div>
          <dt>{t("replay.time")}</dt>
          <dd data-testid="replay-time" data-time-ms={Math.round(props.timeMs)}>
            {format().dateTime(props.timeMs)}
          </dd>
        </div>
        <div>
          <dt>{t("replay.speed")}</dt>
          <dd data-testid="replay-speed">
            {props.playhead?.speedMps == null ? t("replay.noSpeed") : format().speed(props.playhead.speedMps)}
          </dd>
        </div>
      </dl>
    </section>
  )
}
