import { useQueryClient } from "@tanstack/solid-query"
import type { StyleSpecification } from "maplibre-gl"
import { createEffect, createMemo, createResource, createSignal, Show } from "solid-js"
import { useApi } from "../api/ApiContext"
import { errorMessage } from "../api/errorMessage"
import { createConfigQuery, createTrackQuery, createVehiclesQuery, queryKeys } from "../api/queries"
import type { VehicleId } from "../api/types"
import { useI18n } from "../i18n/I18nContext"
import { LiveMap } from "../map/LiveMap"
import type { MapVehicle } from "../map/makeVehicleLayers"
import { loadOfflineStyle } from "../map/offlineStyle"
import { createNow } from "../ui/createNow"
import { VehicleDetails } from "../vehicles/VehicleDetails"
import { VehicleList } from "../vehicles/VehicleList"
import { vehicleStatus } from "../vehicles/vehicleStatus"
import { applyLivePositions } from "./applyLivePositions"
import { createLiveSocket, liveSocketUrl } from "./createLiveSocket"
import { LiveStatusBadge } from "./LiveStatusBadge"
import { startOfLocalDay } from "./startOfLocalDay"

/** The dispatcher's page: live map, vehicle list and the selected vehicle. */
export const LivePage = () => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const now = createNow(1_000)

  const config = createConfigQuery()
  const vehiclesQuery = createVehiclesQuery(() => ({ enabled: true }))
  const liveStatus = createLiveSocket({
    url: liveSocketUrl,
    refresh: api.refresh,
    onMessage: (message) => {
      if (message.type === "positions") applyLivePositions(queryClient, message.positions)
    },
    onReconnect: () => void queryClient.invalidateQueries({ queryKey: queryKeys.vehicles() }),
  })

  const [selectedId, setSelectedId] = createSignal<VehicleId | null>(null)
  const [follow, setFollow] = createSignal(false)
  const vehicles = () => vehiclesQuery.data?.items ?? []
  const selected = createMemo(() => vehicles().find((v) => v.id === selectedId()))
  createEffect(() => {
    if (selected() === undefined) setFollow(false)
  })

  const dayStart = createMemo(() => startOfLocalDay(now()))
  const track = createTrackQuery(() => ({ vehicleId: selectedId(), fromMs: dayStart() }))
  const trackPath = createMemo(() =>
    selectedId() !== null && track.data ? track.data.points.map((p) => [p.lon, p.lat] as const) : [],
  )

  const mapVehicles = createMemo<ReadonlyArray<MapVehicle>>(() =>
    vehicles().flatMap((v) =>
      v.last === null
        ? []
        : [
            {
              id: v.id,
              name: v.name,
              position: [v.last.lon, v.last.lat],
              status: vehicleStatus(v.last, now()),
            },
          ],
    ),
  )

  // The configured tile style if there is one; else (or if config is unreachable) the bundled basemap.
  const [mapStyle] = createResource(
    () => (config.isSuccess || config.isError ? { url: config.data?.mapStyleUrl ?? null } : false),
    async ({ url }): Promise<string | StyleSpecification> => url ?? loadOfflineStyle(),
  )

  const select = (id: VehicleId) => setSelectedId(id)

  return (
    <div class="live-page">
      <div class="live-page__body">
        <div class="live-page__map">
          <Show
            when={mapStyle.state === "ready" ? mapStyle() : undefined}
            fallback={
              <Show when={mapStyle.error !== undefined}>
                <p class="live-map__error" role="alert">
                  {t("errors.map", { message: errorMessage(t, mapStyle.error) })}
                </p>
              </Show>
            }
          >
            {(style) => (
              <LiveMap
                mapStyle={style()}
                vehicles={mapVehicles()}
                selectedId={selectedId()}
                follow={follow()}
                track={trackPath()}
                onSelect={select}
                onUserPan={() => setFollow(false)}
              />
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
          <Show when={vehiclesQuery.isError}>
            <p class="error-banner" role="alert">
              {t("errors.loadVehicles", { message: errorMessage(t, vehiclesQuery.error) })}{" "}
              <button type="button" class="link-button" onClick={() => void vehiclesQuery.refetch()}>
                {t("errors.retry")}
              </button>
            </p>
          </Show>
          <VehicleList
            vehicles={vehicles()}
            loading={vehiclesQuery.isLoading}
            selectedId={selectedId()}
            nowMs={now()}
            onSelect={select}
          />
        </aside>
      </div>
    </div>
  )
}
