import "./geofences.css"
import { endpoints } from "@fleetcore/contract"
import { useSearchParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { Circle, Hexagon } from "lucide-solid"
import { createMemo, createSignal, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { createLiveMapQuery } from "../../api/queries"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { createBasemapStyle } from "../../map/createBasemapStyle"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { ErrorState } from "../../ui/ErrorState"
import { Spinner } from "../../ui/Spinner"
import { showToast } from "../../ui/toast"
import { GeofenceForm } from "./GeofenceForm"
import { GeofenceList } from "./GeofenceList"
import { GeofenceMap } from "./GeofenceMap"
import { bodyOf, type GeofenceValues, newGeofenceValues, valuesOf } from "./geofenceForm"
import type { LonLat } from "./geofenceGeometry"
import { createGeofencesQuery, type Fence, invalidateGeofences } from "./geofenceQueries"
import type { DrawTarget, FenceShape } from "./makeFenceDraw"

/** The editor: a new shape being drawn, or a stored fence open (reshaped when the user may manage). */
type Editing =
  | { readonly kind: "new"; readonly shape: "circle" | "polygon" }
  | { readonly kind: "fence"; readonly id: string }

const circleOf = (s: { lat: number; lon: number; radiusM: number }) => ({
  lat: s.lat,
  lon: s.lon,
  // The contract's smallest circle; a click without a drag would otherwise be refused.
  radiusM: Math.max(10, s.radiusM),
})
const geometryOf = (s: FenceShape) => (s.kind === "circle" ? circleOf(s) : { ring: [...s.ring] })

/** Geofences on a map with a side list and an editor: draw, reshape, schedule, pause and delete. */
export const GeofencesPage = () => {
  const { t, locale } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const canManage = () => session.can("geofences.manage")
  const fences = createGeofencesQuery()
  const live = createLiveMapQuery(() => ({}))
  // `?fence=<id>` opens that fence (an alert's link to the geofence it names).
  const [search, setSearch] = useSearchParams<{ fence?: string }>()
  const [editing, setEditing] = createSignal<Editing | null>(
    search.fence === undefined ? null : { kind: "fence", id: search.fence },
  )
  const [shape, setShape] = createSignal<FenceShape | null>(null)
  const [confirmDelete, setConfirmDelete] = createSignal(false)
  const drawing = createMemo(() => {
    const e = editing()
    return e?.kind === "new" ? e.shape : null
  })

  const all = createMemo<ReadonlyArray<Fence>>(() => fences.data?.items ?? [])
  const openFence = createMemo(() => {
    const e = editing()
    return e?.kind === "fence" ? all().find((f) => f.id === e.id) : undefined
  })
  const target = createMemo<DrawTarget>(() => {
    const e = editing()
    if (e === null || !canManage()) return null
    if (e.kind === "new") return { kind: "draw", shape: e.shape }
    const fence = openFence()
    return fence === undefined ? null : { kind: "edit", fence }
  })
  const vehicles = createMemo<ReadonlyArray<LonLat>>(() => {
    const s = live.data
    if (s === undefined) return []
    const out: LonLat[] = []
    for (let i = 0; i < s.ids.length; i += 1) {
      const lon = s.lon[i]
      const lat = s.lat[i]
      if (typeof lon === "number" && typeof lat === "number") out.push([lon, lat])
    }
    return out
  })
  const mapStyle = createBasemapStyle()

  const startDrawing = (kind: "circle" | "polygon") => {
    setShape(null)
    setEditing({ kind: "new", shape: kind })
  }
  const open = (id: string) => {
    setShape(null)
    setEditing({ kind: "fence", id })
  }
  const close = () => {
    setShape(null)
    setEditing(null)
    if (search.fence !== undefined) setSearch({ fence: undefined }, { replace: true })
  }

  const save = async (values: GeofenceValues) => {
    const e = editing()
    const s = shape()
    if (e?.kind === "new") {
      if (s === null) return
      const body = bodyOf(values, locale())
      const created = await api.call(
        endpoints.geofences.create,
        s.kind === "circle"
          ? { body: { ...body, kind: "circle", ...circleOf(s) } }
          : { body: { ...body, kind: "polygon", ring: [...s.ring] } },
      )
      await invalidateGeofences(queryClient)
      showToast("success", t("geofences.created", { name: created.name }))
      // Closed while the list refetched: the user went back to the list; do not reopen over it.
      if (editing() === e) open(created.id)
    } else if (e?.kind === "fence") {
      const updated = await api.call(endpoints.geofences.update, {
        params: { id: e.id },
        body: { ...bodyOf(values, locale()), ...(s === null ? {} : geometryOf(s)) },
      })
      await invalidateGeofences(queryClient)
      setShape(null)
      showToast("success", t("geofences.saved", { name: updated.name }))
    }
  }
  const setActive = async (fence: Fence, active: boolean) => {
    try {
      await api.call(endpoints.geofences.update, { params: { id: fence.id }, body: { active } })
      await invalidateGeofences(queryClient)
      showToast("success", t(active ? "geofences.resumed" : "geofences.paused", { name: fence.name }))
    } catch (error) {
      showToast("error", t("geofences.saveFailed"), errorMessage(t, error))
    }
  }

  return (
    <div class="geofences-page">
      <div class="geofences-page__map">
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
          {(style) => (
            <GeofenceMap
              mapStyle={style().style}
              fences={all()}
              vehicles={vehicles()}
              selectedId={openFence()?.id ?? null}
              target={target()}
              onSelect={open}
              onShape={setShape}
            />
          )}
        </Show>
        <Show when={canManage()}>
          <div class="geofences-page__tools" role="toolbar" aria-label={t("geofences.tools")}>
            <button
              type="button"
              class="button"
              classList={{ "button--primary": drawing() === "polygon" && shape() === null }}
              aria-pressed={drawing() === "polygon" && shape() === null}
              data-testid="geofence-draw-polygon"
              onClick={() => startDrawing("polygon")}
            >
              <Hexagon size={16} />
              {t("geofences.drawPolygon")}
            </button>
            <button
              type="button"
              class="button"
              classList={{ "button--primary": drawing() === "circle" && shape() === null }}
              aria-pressed={drawing() === "circle" && shape() === null}
              data-testid="geofence-draw-circle"
              onClick={() => startDrawing("circle")}
            >
              <Circle size={16} />
              {t("geofences.drawCircle")}
            </button>
          </div>
        </Show>
      </div>
      <aside class="geofences-page__side">
        <div class="geofences-page__side-header">
          <h1 data-testid="page-title">{t("geofences.title")}</h1>
        </div>
        <Switch>
          <Match when={fences.isError}>
            <ErrorState error={fences.error} retry={() => void fences.refetch()} />
          </Match>
          <Match when={fences.isPending}>
            <Spinner label={t("states.loading")} />
          </Match>
          <Match when={editing()}>
            {(e) => (
              <section class="geofence-editor" data-testid="geofence-editor">
                <h2>{e().kind === "new" ? t("geofences.newTitle") : (openFence()?.name ?? "")}</h2>
                <Show when={canManage()}>
                  <p class="muted geofence-editor__hint" data-testid="geofence-hint">
                    {drawing() === null
                      ? t("geofences.hintEdit")
                      : shape() !== null
                        ? t("geofences.hintAdjust")
                        : drawing() === "circle"
                          ? t("geofences.hintCircle")
                          : t("geofences.hintPolygon")}
                  </p>
                </Show>
                <Show when={e().kind === "new" ? "new" : openFence()} keyed>
                  {(current) => (
                    <GeofenceForm
                      initial={typeof current === "string" ? newGeofenceValues : valuesOf(current)}
                      ready={e().kind === "fence" || shape() !== null}
                      readOnly={!canManage()}
                      onSubmit={save}
                      actions={
                        <>
                          <Show when={canManage() && e().kind === "fence"}>
                            <button
                              type="button"
                              class="button button--danger geofence-form__delete"
                              data-testid="geofence-delete"
                              onClick={() => setConfirmDelete(true)}
                            >
                              {t("geofences.delete")}
                            </button>
                          </Show>
                          <button type="button" class="button" data-testid="geofence-cancel" onClick={close}>
                            {e().kind === "new" ? t("geofences.cancel") : t("geofences.back")}
                          </button>
                        </>
                      }
                    />
                  )}
                </Show>
              </section>
            )}
          </Match>
          <Match when={true}>
            <GeofenceList
              fences={all()}
              selectedId={null}
              canManage={canManage()}
              onOpen={open}
              onActive={(f, active) => void setActive(f, active)}
            />
          </Match>
        </Switch>
      </aside>
      <ConfirmDialog
        open={confirmDelete()}
        onOpenChange={setConfirmDelete}
        title={t("geofences.deleteTitle")}
        description={t("geofences.deleteText", { name: openFence()?.name ?? "" })}
        confirmLabel={t("geofences.delete")}
        destructive
        onConfirm={async () => {
          const fence = openFence()
          if (fence === undefined) return
          try {
            await api.call(endpoints.geofences.delete, { params: { id: fence.id } })
            await invalidateGeofences(queryClient)
            close()
            showToast("success", t("geofences.deleted", { name: fence.name }))
          } catch (error) {
            showToast("error", t("geofences.deleteFailed"), errorMessage(t, error))
          }
        }}
      />
    </div>
  )
}
