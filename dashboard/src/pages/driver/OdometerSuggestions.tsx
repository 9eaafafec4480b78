import { endpoints, type OcrSuggestions } from "@fleetcore/contract"
import { createResource, For, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { uploadForm } from "../../ui/documents/uploadDocument"
import { numberSeparators } from "../../ui/form/numberText"

/** The most readings offered: the OCR ranks its candidates, the first few are worth a tap. */
const OFFERED = 3

/**
 * The odometer readings OCR finds in the chosen photo (seed 002 §9: suggestions only), offered as
 * buttons that fill the reading in; nothing is recorded until the driver saves the form. A photo
 * that cannot be read says so, and the driver types the reading as before.
 */
export const OdometerSuggestions = (props: {
  readonly photo: File | null
  readonly onPick: (text: string) => void
}) => {
  const { t, locale, format } = useI18n()
  const api = useApi()
  const [read] = createResource(
    () => props.photo,
    (photo) =>
      uploadForm<OcrSuggestions>(
        `${endpoints.ocr.suggest.path}?kind=odometer`,
        () => {
          const form = new FormData()
          form.append("file", photo, photo.name)
          return form
        },
        { onProgress: () => undefined, refresh: api.refresh, okStatus: 200 },
      ),
  )
  const readings = () => (read()?.candidates ?? []).filter((c) => c.field === "odometer").slice(0, OFFERED)
  // As the driver would type it: the language's decimal mark, no grouping.
  const typed = (value: string) => value.replace(".", numberSeparators(locale()).decimal)
  return (
    <div class="driver-ocr" data-testid="odometer-ocr" aria-live="polite">
      {/* A resource keeps its last answer when its source goes: none without a photo chosen. */}
      <Show when={props.photo !== null}>
        <Switch>
          <Match when={read.loading}>
            <p class="muted">{t("overview.driver.ocrReading")}</p>
          </Match>
          <Match when={read.error}>
            {(error) => (
              <p class="muted" data-testid="odometer-ocr-failed">
                {t("overview.driver.ocrFailed", { message: errorMessage(t, error()) })}
              </p>
            )}
          </Match>
          <Match when={read() !== undefined && readings().length === 0}>
            <p class="muted" data-testid="odometer-ocr-none">
              {t("overview.driver.ocrNone")}
            </p>
          </Match>
          <Match when={readings().length > 0}>
            <p class="muted">{t("overview.driver.ocrPick")}</p>
            <div class="driver-ocr__candidates">
              <For each={readings()}>
                {(c) => (
                  <button
                    type="button"
                    class="button"
                    data-testid="odometer-ocr-candidate"
                    data-value={c.value}
                    onClick={() => props.onPick(typed(c.value))}
                  >
                    {format().distanceKm(Number(c.value) * 1000)}
                  </button>
                )}
              </For>
            </div>
          </Match>
        </Switch>
      </Show>
    </div>
  )
}
