import type { ServiceVisitDetail } from "@fleetcore/contract"
import { Camera } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { uploadForm } from "../../ui/documents/uploadDocument"
import { showToast } from "../../ui/toast"

type Visit = typeof ServiceVisitDetail.Encoded

/** What a phone's camera or gallery may hand over: the types a visit photo may be. */
const ACCEPT = "image/jpeg,image/png,image/webp,image/heic"

/**
 * A visit's photos, for both sides: previews that open the photo. While the visit is open the
 * centre's staff add photos (several at once; on a phone, straight from the camera).
 */
export const VisitPhotos = (props: { readonly visit: Visit; readonly onChanged: () => Promise<unknown> }) => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const [progress, setProgress] = createSignal<number | null>(null)
  const [error, setError] = createSignal<unknown>()
  const canAdd = () => props.visit.status === "open" && session.can("visits.record")

  const add = async (files: ReadonlyArray<File>) => {
    if (files.length === 0) return
    setError(undefined)
    setProgress(0)
    try {
      await uploadForm(
        `/api/v1/service-visits/${props.visit.id}/photos`,
        () => {
          const form = new FormData()
          for (const file of files) form.append("files", file, file.name)
          return form
        },
        { onProgress: setProgress, refresh: api.refresh },
      )
      await props.onChanged()
      showToast("success", t("vehicleAccess.photosAdded", { count: files.length }))
    } catch (cause) {
      setError(() => cause)
    } finally {
      setProgress(null)
    }
  }

  return (
    <Show when={props.visit.photos.length > 0 || canAdd()}>
      <section class="panel" data-testid="visit-photos">
        <div class="visit-photos__header">
          <h2 class="panel__title">{t("vehicleAccess.photos")}</h2>
          <Show when={canAdd()}>
            <label class="button" data-testid="visit-add-photos">
              <Camera size={16} aria-hidden="true" />
              {progress() === null
                ? t("vehicleAccess.addPhotos")
                : t("vehicleAccess.uploading", { percent: Math.round((progress() ?? 0) * 100) })}
              <input
                type="file"
                class="visually-hidden"
                accept={ACCEPT}
                multiple
                capture="environment"
                disabled={progress() !== null}
                data-testid="visit-photo-input"
                onChange={(event) => {
                  const files = [...(event.currentTarget.files ?? [])]
                  event.currentTarget.value = ""
                  void add(files)
                }}
              />
            </label>
          </Show>
        </div>
        <Show when={error() !== undefined}>
          <p class="error-banner" role="alert" data-testid="visit-photos-error">
            {errorMessage(t, error())}
          </p>
        </Show>
        <Show
          when={props.visit.photos.length > 0}
          fallback={<p class="muted">{t("vehicleAccess.noPhotos")}</p>}
        >
          <ul class="visit-photos">
            <For each={props.visit.photos}>
              {(photo) => (
                <li>
                  <a href={photo.contentUrl} target="_blank" rel="noopener" data-testid="visit-photo">
                    <Show
                      when={photo.thumbnailUrl}
                      fallback={<span class="visit-photos__name">{photo.filename}</span>}
                    >
                      {(src) => (
                        <img src={src()} alt={photo.filename} loading="lazy" width="160" height="120" />
                      )}
                    </Show>
                  </a>
                  <span class="muted">{format().dateTime(Date.parse(photo.uploadedAt))}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </Show>
  )
}
