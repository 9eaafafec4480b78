import "./replay.css"
import { A, useNavigate, useSearchParams } from "@solidjs/router"
import type { ColumnDef } from "@tanstack/solid-table"
import { batch, createEffect, createMemo, createSignal, For, on, Show } from "solid-js"
import { errorMessage } from "../api/errorMessage"
import { useI18n } from "../i18n/I18nContext"
import { createBasemapStyle } from "../map/createBasemapStyle"
import { alertTitle } from "../pages/alerts/alertTypes"
import { fixedTableState } from "../ui/table/createTableUrlState"
import { DataTable } from "../ui/table/DataTable"
import { staticList } from "../ui/table/staticList"
import { decimateTrack } from "./decimateTrack"
import type { MapEvent, MapStop } from "./makeReplayLayers"
import { ReplayMap } from "./ReplayMap"
import { ReplayPeriodPicker } from "./ReplayPeriodPicker"
import { ReplayTimeline } from "./ReplayTimeline"
import { periodFromSearch } from "./replayPeriod"
import { createEventsQuery, createReplayTrackQuery, createStopsQuery } from "./replayQueries"
import { SpeedLegend } from "./SpeedLegend"
import { bandRuns } from "./speedBands"
import { durationText as durationOf, type StopRow, stopColumns as stopColumnsOf } from "./stopColumns"
import { type PlaybackRate, playheadAt } from "./timeline"

/** At most this many vertices are drawn: a day of 1 Hz points (86,400) stays smooth to pan and play. */
const MAX_DRAWN = 5_000

/**
 * History replay of one vehicle: a period (`?period=` or `?from=&to=` in the URL), its track
 * coloured by speed, stops and alerts on it, and a timeline that moves a marker along it.
 */
export const ReplayView = (props: { readonly vehicleId: string }) => {
  const { t, format, zone } = useI18n()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const mapStyle = createBasemapStyle()
  // "Today" runs until now: fixed when the URL changes, not on every read.
  const period = createMemo(() => periodFromSearch(search, Date.now(), zone()), undefined, {
    equals: (a, b) => a.fromMs === b.fromMs && a.toMs === b.toMs && a.preset === b.preset,
  })
  const query = () => ({ vehicleId: props.vehicleId, period: period() })
  const track = createReplayTrackQuery(query)
  const stops = createStopsQuery(query)
  const events = createEventsQuery(query)

  const points = createMemo(() => track.data?.points ?? [])
  const runs = createMemo(() => bandRuns(decimateTrack(points(), MAX_DRAWN)))
  const fit = createMemo(() => points().map((p) => [p.lon, p.lat] as const))
  const startMs = () => points()[0]?.timeMs ?? period().fromMs
  const endMs = () => points().at(-1)?.timeMs ?? period().toMs

  const [timeMs, setTimeMs] = createSignal(0)
  const [playing, setPlaying] = createSignal(false)
  const [rate, setRate] = createSignal<PlaybackRate>(60)
  // A new track starts at its beginning, paused.
  createEffect(
    on(points, () =>
      batch(() => {
        setPlaying(false)
        setTimeMs(startMs())
      }),
    ),
  )
  const playhead = createMemo(() => playheadAt(points(), timeMs()))
  const seek = (ms: number) => setTimeMs(Math.min(endMs(), Math.max(startMs(), ms)))

  const durationText = (seconds: number) => durationOf({ t, format }, seconds)
  const mapStops = createMemo<ReadonlyArray<MapStop>>(() =>
    (stops.data?.items ?? []).map((s) => ({
      key: String(s.startMs),
      lon: s.lon,
      lat: s.lat,
      label: durationText(s.durationS),
    })),
  )
  const mapEvents = createMemo<ReadonlyArray<MapEvent>>(() => {
    const out: MapEvent[] = []
    for (const a of events.data?.items ?? []) {
      const at = a.lat !== null && a.lon !== null ? a : playheadAt(points(), Date.parse(a.openedAt))
      if (at === undefined || at.lat === null || at.lon === null) continue
      out.push({ id: a.id, lon: at.lon, lat: at.lat, critical: a.severity === "critical" })
    }
    return out
  })

  const stopColumns = createMemo(
    (): ReadonlyArray<ColumnDef<StopRow, unknown>> => stopColumnsOf({ t, format }),
  )

  return (
    <section class="panel replay" data-testid="replay">
      <div class="panel__header replay__header">
        <h2>{t("replay.title")}</h2>
        <ReplayPeriodPicker period={period()} />
      </div>
      <Show when={track.isError}>
        <p class="error-banner" role="alert">
          {t("replay.loadFailed", { message: errorMessage(t, track.error) })}{" "}
          <button type="button" class="link-button" onClick={() => void track.refetch()}>
            {t("errors.retry")}
          </button>
        </p>
      </Show>
      <p class="muted replay__summary" data-testid="replay-summary">
        <Show when={track.data} fallback={track.isLoading ? "…" : ""}>
          {(data) => (
            <Show when={data().points.length > 0} fallback={t("replay.empty")}>
              {t("replay.points", { count: format().integer(data().points.length) })}
              <Show when={data().step > 1}>
                {" · "}
                {t("replay.thinned", {
                  stored: format().integer(data().stored),
                  step: format().integer(data().step),
                })}
              </Show>
              <Show when={mapEvents().length > 0}>
                {" · "}
                {t("replay.eventsCount", { count: format().integer(mapEvents().length) })}
              </Show>
            </Show>
          )}
        </Show>
      </p>
      <div class="replay__map">
        <Show when={mapStyle.latest}>
          {(style) => (
            <ReplayMap
              mapStyle={style().style}
              runs={runs()}
              stops={mapStops()}
              events={mapEvents()}
              playhead={playhead()}
              fit={fit()}
              trackPoints={points().length}
              label={t("replay.map")}
              onStop={(s) => seek(Number(s.key))}
              onEvent={(e) => navigate(`/alerts/${e.id}`)}
            />
          )}
        </Show>
        <SpeedLegend />
      </div>
      <ReplayTimeline
        startMs={startMs()}
        endMs={endMs()}
        timeMs={timeMs()}
        playhead={playhead()}
        playing={playing()}
        rate={rate()}
        onTime={seek}
        onPlaying={setPlaying}
        onRate={setRate}
      />
      <div class="replay__lists">
        <div>
          <h3>{t("replay.stops")}</h3>
          <DataTable
            compact
            url={fixedTableState(100)}
            id="replay-stops"
            label={t("replay.stops")}
            columns={stopColumns()}
            result={staticList(() => stops.data?.items, stops)}
            rowId={(s) => String(s.startMs)}
            onRowClick={(s) => seek(s.startMs)}
            empty={{ title: t("replay.stopsEmpty") }}
          />
        </div>
        <Show when={(events.data?.items.length ?? 0) > 0}>
          <div>
            <h3>{t("replay.events")}</h3>
            <ul class="replay__events" data-testid="replay-events">
              <For each={events.data?.items ?? []}>
                {(a) => (
                  <li>
                    <span
                      class={`status-dot replay__event-dot replay__event-dot--${a.severity}`}
                      aria-hidden="true"
                    />
                    <A href={`/alerts/${a.id}`} data-testid="replay-event">
                      {alertTitle(t, a)}
                    </A>{" "}
                    <span class="muted">{format().dateTime(Date.parse(a.openedAt))}</span>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
      </div>
    </section>
  )
}
