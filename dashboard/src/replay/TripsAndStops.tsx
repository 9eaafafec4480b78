import "./replay.css"
import { endpoints, type Trip, urlOf } from "@fleetcore/contract"
import { useSearchParams } from "@solidjs/router"
import type { ColumnDef } from "@tanstack/solid-table"
import { createMemo, createSignal, Show } from "solid-js"
import { useI18n } from "../i18n/I18nContext"
import { dayIn } from "../i18n/timeZone"
import { createBasemapStyle } from "../map/createBasemapStyle"
import { fixedTableState } from "../ui/table/createTableUrlState"
import { DataTable } from "../ui/table/DataTable"
import { ExportMenu } from "../ui/table/ExportMenu"
import { staticList } from "../ui/table/staticList"
import type { MapStop } from "./makeReplayLayers"
import { ReplayMap } from "./ReplayMap"
import { ReplayPeriodPicker } from "./ReplayPeriodPicker"
import { periodFromSearch } from "./replayPeriod"
import { createReplayTrackQuery, createStopsQuery, createTripsQuery } from "./replayQueries"
import { SpeedLegend } from "./SpeedLegend"
import { bandRuns } from "./speedBands"
import { durationText as durationOf, type StopRow, stopColumns as stopColumnsOf } from "./stopColumns"

type TripRow = (typeof Trip)["Encoded"]
type Selection =
  | { readonly kind: "trip"; readonly row: TripRow }
  | { readonly kind: "stop"; readonly row: StopRow }

/** A trip's points are those of [start, end]; the end is inclusive, the track's `to` is not. */
const tripPeriod = (trip: TripRow) => ({ fromMs: trip.startMs, toMs: trip.endMs + 1 })

/**
 * A vehicle's trips and stops of a period (last 7 days unless the URL says otherwise), newest
 * first, with a small map of the selected one: a trip's track coloured by speed, a stop's place.
 * "Replay" opens the track tab's replay on that trip's period.
 */
export const TripsAndStops = (props: { readonly vehicleId: string }) => {
  const { t, format, zone } = useI18n()
  const [search, setSearch] = useSearchParams()
  const mapStyle = createBasemapStyle()
  const period = createMemo(() => periodFromSearch(search, Date.now(), zone(), "last7"), undefined, {
    equals: (a, b) => a.fromMs === b.fromMs && a.toMs === b.toMs && a.preset === b.preset,
  })
  const trips = createTripsQuery(() => ({ vehicleId: props.vehicleId, period: period() }))
  const stops = createStopsQuery(() => ({ vehicleId: props.vehicleId, period: period() }))
  const newestTrips = createMemo(() => (trips.data ? [...trips.data.items].reverse() : undefined))
  const newestStops = createMemo(() => (stops.data ? [...stops.data.items].reverse() : undefined))

  const [chosen, setChosen] = createSignal<Selection>()
  // Until the user picks a row, the newest trip is shown.
  const selected = createMemo<Selection | undefined>(() => {
    const pick = chosen()
    if (pick !== undefined) return pick
    const newest = newestTrips()?.[0]
    return newest === undefined ? undefined : { kind: "trip", row: newest }
  })
  const selectedTrip = () => {
    const s = selected()
    return s?.kind === "trip" ? s.row : undefined
  }
  const previewTrack = createReplayTrackQuery(() => {
    const trip = selectedTrip()
    return {
      vehicleId: props.vehicleId,
      period: trip ? tripPeriod(trip) : { fromMs: 0, toMs: 1 },
      enabled: trip !== undefined,
    }
  })
  const points = () => (selectedTrip() !== undefined ? (previewTrack.data?.points ?? []) : [])
  const runs = createMemo(() => bandRuns(points()))
  const stopMarker = createMemo<ReadonlyArray<MapStop>>(() => {
    const s = selected()
    return s?.kind === "stop"
      ? [{ key: String(s.row.startMs), lon: s.row.lon, lat: s.row.lat, label: durationText(s.row.durationS) }]
      : []
  })
  const fit = createMemo(() => {
    const s = selected()
    if (s?.kind === "stop") return [[s.row.lon, s.row.lat] as const]
    return points().map((p) => [p.lon, p.lat] as const)
  })

  const durationText = (seconds: number) => durationOf({ t, format }, seconds)
  const isSelected = (kind: Selection["kind"], startMs: number) => {
    const s = selected()
    return s?.kind === kind && s.row.startMs === startMs
  }
  const replay = (trip: TripRow) =>
    setSearch({
      tab: "track",
      period: "custom",
      from: new Date(trip.startMs).toISOString(),
      to: new Date(trip.endMs + 1000).toISOString(),
    })

  const tripColumns = createMemo(
    (): ReadonlyArray<ColumnDef<TripRow, unknown>> => [
      {
        id: "select",
        header: "",
        cell: (c) => (
          <input
            type="radio"
            name="replay-selection"
            aria-label={format().dateTime(c.row.original.startMs)}
            checked={isSelected("trip", c.row.original.startMs)}
            onClick={(e) => e.stopPropagation()}
            onChange={() => setChosen({ kind: "trip", row: c.row.original })}
          />
        ),
        meta: { hideable: false, width: "2.5rem" },
      },
      { id: "start", header: t("replay.tripStart"), cell: (c) => format().dateTime(c.row.original.startMs) },
      { id: "end", header: t("replay.tripEnd"), cell: (c) => format().dateTime(c.row.original.endMs) },
      {
        id: "distance",
        header: t("replay.distance"),
        // A GPS outage bridged inside the trip is said beside its distance.
        cell: (c) =>
          c.row.original.bridgedM > 0
            ? t("replay.distanceBridged", {
                distance: format().distanceKm(c.row.original.distanceM),
                bridged: format().distanceKm(c.row.original.bridgedM),
              })
            : format().distanceKm(c.row.original.distanceM),
        meta: { align: "end" },
      },
      {
        id: "duration",
        header: t("replay.duration"),
        cell: (c) => durationText(c.row.original.durationS),
        meta: { align: "end" },
      },
      {
        id: "maxSpeed",
        header: t("replay.maxSpeed"),
        cell: (c) => format().speed(c.row.original.maxSpeedMps),
        meta: { align: "end" },
      },
      {
        id: "avgSpeed",
        header: t("replay.avgSpeed"),
        cell: (c) => format().speed(c.row.original.avgSpeedMps),
        meta: { align: "end" },
      },
      {
        id: "fuel",
        header: t("replay.fuel"),
        cell: (c) =>
          c.row.original.fuelUsedL === null
            ? ""
            : t("replay.fuelLitres", { value: format().decimal(c.row.original.fuelUsedL, 1) }),
        meta: { align: "end" },
      },
      {
        id: "replay",
        header: "",
        cell: (c) => (
          <button
            type="button"
            class="button button--ghost"
            data-testid="trip-replay"
            onClick={(e) => {
              e.stopPropagation()
              replay(c.row.original)
            }}
          >
            {t("replay.replayTrip")}
          </button>
        ),
        meta: { hideable: false },
      },
    ],
  )
  const stopColumns = createMemo(
    (): ReadonlyArray<ColumnDef<StopRow, unknown>> => [
      {
        id: "select",
        header: "",
        cell: (c) => (
          <input
            type="radio"
            name="replay-selection"
            aria-label={format().dateTime(c.row.original.startMs)}
            checked={isSelected("stop", c.row.original.startMs)}
            onClick={(e) => e.stopPropagation()}
            onChange={() => setChosen({ kind: "stop", row: c.row.original })}
          />
        ),
        meta: { hideable: false, width: "2.5rem" },
      },
      ...stopColumnsOf({ t, format }),
    ],
  )

  return (
    <section class="panel trips-stops" data-testid="trips-stops">
      <div class="panel__header replay__header">
        <h2>{t("replay.trips")}</h2>
        <ReplayPeriodPicker period={period()} />
        {/* The trips and stops report of this vehicle over the period's days, as a file. */}
        <ExportMenu
          id="vehicle-trips"
          export={{
            path: urlOf(endpoints.reports.export, { params: { report: "trips" } }),
            query: () => ({
              period: "custom",
              from: dayIn(period().fromMs, zone()),
              to: dayIn(period().toMs - 1, zone()),
              vehicleId: props.vehicleId,
            }),
          }}
        />
      </div>
      <div class="trips-stops__body">
        <div class="trips-stops__preview">
          <Show when={selected()} fallback={<p class="muted">{t("replay.selectHint")}</p>}>
            <div class="replay__map replay__map--small">
              <Show when={mapStyle.latest}>
                {(style) => (
                  <ReplayMap
                    mapStyle={style().style}
                    runs={runs()}
                    stops={stopMarker()}
                    events={[]}
                    playhead={undefined}
                    fit={fit()}
                    trackPoints={points().length}
                    label={t("replay.previewMap")}
                  />
                )}
              </Show>
              <Show when={selectedTrip() !== undefined}>
                <SpeedLegend open={false} />
              </Show>
            </div>
          </Show>
        </div>
        <div class="trips-stops__lists">
          <DataTable
            compact
            url={fixedTableState(100)}
            id="vehicle-trips"
            label={t("replay.trips")}
            columns={tripColumns()}
            result={staticList(newestTrips, trips)}
            rowId={(r) => String(r.startMs)}
            onRowClick={(r) => setChosen({ kind: "trip", row: r })}
            empty={{ title: t("replay.tripsEmpty") }}
          />
          <h3>{t("replay.stops")}</h3>
          <DataTable
            compact
            url={fixedTableState(100)}
            id="vehicle-stops"
            label={t("replay.stops")}
            columns={stopColumns()}
            result={staticList(newestStops, stops)}
            rowId={(r) => String(r.startMs)}
            onRowClick={(r) => setChosen({ kind: "stop", row: r })}
            empty={{ title: t("replay.stopsEmpty") }}
          />
        </div>
      </div>
    </section>
  )
}
