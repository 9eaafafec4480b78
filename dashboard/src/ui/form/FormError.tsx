import { Show } from "solid-js"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"

/** A submit failure that belongs to no field, above the form's buttons. */
export const FormError = (props: { readonly error: unknown; readonly testId?: string }) => {
  const { t } = useI18n()
  return (
    <Show when={props.error !== undefined}>
      <p class="error-banner" role="alert" data-testid={props.testId ?? "form-error"}>
        {errorMessage(t, props.error)}
      </p>
    </Show>
  )
}
