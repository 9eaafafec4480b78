import { type Document, endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Camera, Star } from "lucide-solid"
import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { EmptyState } from "../EmptyState"
import { ErrorState } from "../ErrorState"
import { Spinner } from "../Spinner"
import { showToast } from "../toast"
import "./documents.css"
import { DocumentDropZone } from "./DocumentDropZone"
import { DocumentPreviewDialog } from "./DocumentPreviewDialog"
import { createEntityDocumentsQuery, invalidateDocuments } from "./documentQueries"

type Doc = typeof Document.Encoded

/**
 * A vehicle's photos as a grid of thumbnails: upload more, open one large, make one the cover (the
 * card view shows the cover's thumbnail, `GET /api/v1/vehicle-covers`; without a chosen cover, the
 * newest photo).
 */
export const VehiclePhotoGallery = (props: { readonly vehicleId: string }) => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const query = createEntityDocumentsQuery(
    () => ({ entityType: "vehicle", entityId: props.vehicleId }),
    () => "photo",
  )
  const photos = createMemo(() => (query.data?.items ?? []).filter((d) => d.thumbnailUrl !== null))
  /** The chosen cover, else the newest photo: the same rule as the server's covers list. */
  const coverId = createMemo(() => (photos().find((d) => d.cover) ?? photos()[0])?.id)
  const [preview, setPreview] = createSignal<Doc | null>(null)

  const makeCover = async (d: Doc) => {
    try {
      await api.call(endpoints.documents.setCover, { params: { id: d.id } })
      await invalidateDocuments(queryClient)
      showToast("success", t("documents.coverSet"))
    } catch (error) {
      showToast("error", errorMessage(t, error))
    }
  }

  return (
    <section class="panel" data-testid="vehicle-photos">
      <div class="panel__header">
        <h2>{t("documents.photos")}</h2>
        <p class="muted">{t("documents.photosText")}</p>
      </div>
      <Show when={session.can("documents.upload")}>
        <DocumentDropZone entityType="vehicle" entityId={props.vehicleId} defaultKind="photo" fixedKind />
      </Show>
      <Switch>
        <Match when={query.isLoading}>
          <Spinner label={t("states.loading")} />
        </Match>
        <Match when={query.isError}>
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        </Match>
        <Match when={photos().length === 0}>
          <EmptyState
            icon={<Camera size={22} />}
            title={t("documents.noPhotos")}
            description={t("documents.noPhotosText")}
          />
        </Match>
        <Match when={photos().length > 0}>
          <ul class="photo-grid" data-testid="photo-grid">
            <For each={photos()}>
              {(d) => (
                <li
                  class="photo-grid__item"
                  classList={{ "photo-grid__item--cover": d.id === coverId() }}
                  data-testid="photo"
                  data-cover={d.id === coverId()}
                >
                  <button
                    type="button"
                    class="photo-grid__open"
                    onClick={() => setPreview(d)}
                    aria-label={t("documents.preview")}
                  >
                    <img
                      src={d.thumbnailUrl ?? ""}
                      alt={t("documents.thumbnailOf", { name: d.filename })}
                      loading="lazy"
                    />
                  </button>
                  <Show
                    when={d.id !== coverId()}
                    fallback={
                      <span class="photo-grid__cover badge badge--success">
                        <Star size={12} aria-hidden="true" />
                        {t("documents.cover")}
                      </span>
                    }
                  >
                    <Show when={session.can("documents.manage")}>
                      <button
                        type="button"
                        class="button photo-grid__make-cover"
                        onClick={() => void makeCover(d)}
                        data-testid="photo-make-cover"
                      >
                        <Star size={14} aria-hidden="true" />
                        <span>{t("documents.makeCover")}</span>
                      </button>
                    </Show>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
      <DocumentPreviewDialog document={preview()} onClose={() => setPreview(null)} />
    </section>
  )
}
