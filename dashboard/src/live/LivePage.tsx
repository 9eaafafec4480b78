import "../map/basemap.css"
import { useQueryClient } from "@tanstack/solid-query"
import { createEffect, createMemo, createSignal, onCleanup, Show } from "solid-js"
import { useApi } from "../api/ApiContext"
import { errorMessage } from "../api/errorMessage"
import { createLiveMapQuery, createTrackQuery, createVehicleQuery, queryKeys } from "../api/queries"
import type { LivePosition, VehicleId } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { startOfDayIn } from "../i18n/timeZone"
import { createBasemapStyle } from "../map/createBasemapStyle"
import { LiveMap } from "../map/LiveMap"
import type { MapVehicle } from "../map/makeVehicleLayers"
import { createNow } from "../ui/createNow"
import { VehicleDetails } from "../vehicles/VehicleDetails"
import { VehicleList } from "../vehicles/VehicleList"
import { type VehicleStatus, vehicleStatus } from "../vehicles/vehicleStatus"
import { applyLivePositions } from "./applyLivePositions"
import { createLiveSocket, liveSocketUrl } from "./createLiveSocket"
import { LiveFilters } from "./LiveFilters"
import { LiveStatusBadge } from "./LiveStatusBadge"
import { makeFrameBatcher } from "./makeFrameBatcher"
import { snapshotIndex } from "./snapshotIndex"

/** The dispatcher's page: live map, vehicle list and the selected vehicle. */
export const LivePage = () => {
  const { t, zone } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const now = createNow(1_000)

  const [statusFilter, setStatusFilter] = createSignal<VehicleStatus | null>(null)
  const [teamId, setTeamId] = createSignal<string | null>(null)
  const [vehicleTypeId, setVehicleTypeId] = createSignal<string | null>(null)
  // Team and type narrow on the server (fewer bytes); the status, which changes live, here.
  const snapshotQuery = createLiveMapQuery(() => ({
    ...(teamId() ? { teamId: teamId() ?? "" } : {}),
    ...(vehicleTypeId() ? { vehicleTypeId: vehicleTypeId() ?? "" } : {}),
  }))
  // Live messages are applied once per animation frame, however many arrive in between.
  const batcher = makeFrameBatcher<LivePosition>((positions) => applyLivePositions(queryClient, positions))
  onCleanup(() => batcher.dispose())
  const liveStatus = createLiveSocket({
    url: liveSocketUrl,
    refresh: api.refresh,
    onMessage: (message) => {
      if (message.type === "positions") batcher.push(message.positions)
    },
    onReconnect: () => {
      batcher.flush()
      void queryClient.invalidateQueries({ queryKey: queryKeys.liveMaps() })
    },
  })

  const [selectedId, setSelectedId] = createSignal<VehicleId | null>(null)
  const [follow, setFollow] = createSignal(false)
  const snapshot = () => snapshotQuery.data
  // The organisation's offline threshold comes with the snapshot (no vehicles, no status to draw).
  const staleAfterMs = () => (snapshot()?.offlineAfterMinutes ?? 0) * 60_000
  const statuses = createMemo<ReadonlyArray<VehicleStatus>>(() => {
    const s = snapshot()
    if (s === undefined) return []
    const nowMs = now()
    const stale = staleAfterMs()
    return s.ids.map((_, i) =>
      vehicleStatus(
        s.timeMs[i] === null
          ? null
          : {
              vehicleId: s.ids[i] ?? "",
              timeMs: s.timeMs[i] ?? 0,
              lat: s.lat[i] ?? 0,
              lon: s.lon[i] ?? 0,
              speedMps: s.speedMps[i] ?? null,
              headingDeg: s.headingDeg[i] ?? null,
              ignition: s.ignition[i] ?? null,
              odometerM: null,
              fuelLevelPct: null,
              batteryV: null,
            },
        nowMs,
        stale,
      ),
    )
  })
  const record = createVehicleQuery(selectedId)
  const selected = () => (selectedId() !== null && record.data?.id === selectedId() ? record.data : undefined)
  createEffect(() => {
    const id = selectedId()
    const s = snapshot()
    // A vehicle filtered out of the snapshot is no longer selected.
    if (id !== null && s !== undefined && !snapshotIndex(s).has(id)) setSelectedId(null)
  })
  createEffect(() => {
    if (selectedId() === null) setFollow(false)
  })
  // Today's trail starts at midnight in the zone the UI speaks.
  const dayStart = createMemo(() => startOfDayIn(now(), zone()))
  const track = createTrackQuery(() => ({ vehicleId: selectedId(), fromMs: dayStart() }))
  const trackPath = createMemo(() =>
    selectedId() !== null && track.data ? track.data.points.map((p) => [p.lon, p.lat] as const) : [],
  )

  const mapVehicles = createMemo<ReadonlyArray<MapVehicle>>(() => {
    const s = snapshot()
    if (s === undefined) return []
    const shownStatus = statusFilter()
    const status = statuses()
    const out: MapVehicle[] = []
    for (let i = 0; i < s.ids.length; i += 1) {
      const lon = s.lon[i]
      const lat = s.lat[i]
      const st = status[i] ?? "unknown"
      if (lon === null || lon === undefined || lat === null || lat === undefined) continue
      if (shownStatus !== null && st !== shownStatus) continue
      out.push({ id: s.ids[i] ?? "", name: s.names[i] ?? "", position: [lon, lat], status: st })
    }
    return out
  })

  // The configured tile style if it loads; else (or if config is unreachable) the bundled basemap
  // in the dashboard's theme, with a notice when a configured style was not usable.
  const mapStyle = createBasemapStyle()

  const select = (id: VehicleId) => setSelectedId(id)

  return (
    <div class="live-page">
      <div class="live-page__body">
        <div
          class="live-page__map"
          data-basemap={
            mapStyle.latest === undefined
              ? undefined
              : typeof mapStyle.latest.style === "string"
                ? "configured"
                : "offline"
          }
        >
          <Show
            when={mapStyle.latest}
            fallback={
              <Show when={mapStyle.error !== undefined}>
                <p class="live-map__error" role="alert">
                  {t("errors.map", { message: errorMessage(t, mapStyle.error) })}
                </p>
              </Show>
            }
          >
            {(choice) => (
              <LiveMap
                mapStyle={choice().style}
                vehicles={mapVehicles()}
                selectedId={selectedId()}
                offlineAfterMinutes={snapshot()?.offlineAfterMinutes ?? 0}
                follow={follow()}
                track={trackPath()}
                onSelect={select}
                onUserPan={() => setFollow(false)}
              />
            )}
          </Show>
          <Show when={mapStyle.latest?.failure}>
            {(message) => (
              <p class="live-map__notice" role="status" data-testid="map-style-fallback">
                {t("mapBoard.styleFailed", { message: message() })}
              </p>
            )}
          </Show>
        </div>
        <aside class="live-page__side">
          <div class="live-page__side-header">
            <h1>{t("app.liveMap")}</h1>
            <LiveStatusBadge status={liveStatus} />
          </div>
          <Show when={selected()}>
            {(vehicle) => (
              <VehicleDetails
                vehicle={vehicle()}
                nowMs={now()}
                staleAfterMs={staleAfterMs()}
                follow={follow()}
                onFollowChange={setFollow}
                onClose={() => setSelectedId(null)}
                track={{
                  loading: track.isLoading,
                  error: track.isError ? errorMessage(t, track.error) : null,
                  pointCount: track.data?.points.length ?? 0,
                  retry: () => void track.refetch(),
                }}
              />
            )}
          </Show>
          <LiveFilters
            status={statusFilter()}
            onStatus={setStatusFilter}
            teams={snapshot()?.teams ?? []}
            teamId={teamId()}
            onTeam={setTeamId}
            vehicleTypes={snapshot()?.vehicleTypes ?? []}
            vehicleTypeId={vehicleTypeId()}
            onVehicleType={setVehicleTypeId}
          />
          <Show when={snapshotQuery.isError}>
            <p class="error-banner" role="alert">
              {t("errors.loadVehicles", { message: errorMessage(t, snapshotQuery.error) })}{" "}
              <button type="button" class="link-button" onClick={() => void snapshotQuery.refetch()}>
                {t("errors.retry")}
              </button>
            </p>
          </Show>
          <VehicleList
            snapshot={snapshot()}
            statuses={statuses()}
            status={statusFilter()}
            loading={snapshotQuery.isLoading}
            selectedId={selectedId()}
            nowMs={now()}
            onSelect={select}
          />
        </aside>
      </div>
    </div>
  )
}
