import { TriangleAlert } from "lucide-solid"
import { Show } from "solid-js"
import { errorMessage } from "../api/errorMessage"
import { useI18n } from "../i18n/I18nContext"

/** A load that failed: the reason in the user's language and a retry. */
export const ErrorState = (props: {
  readonly error: unknown
  readonly retry?: () => void
  readonly title?: string
}) => {
  const { t } = useI18n()
  return (
    <div class="state-block state-block--error" role="alert" data-testid="error-state">
      <div class="state-block__icon" aria-hidden="true">
        <TriangleAlert size={22} />
      </div>
      <p class="state-block__title">{props.title ?? t("states.loadFailed")}</p>
      <p class="muted">{errorMessage(t, props.error)}</p>
      <Show when={props.retry}>
        {(retry) => (
          <button type="button" class="button" onClick={() => retry()()}>
            {t("errors.retry")}
          </button>
        )}
      </Show>
    </div>
  )
}
