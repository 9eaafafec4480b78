import { createUniqueId, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import type { TextFieldApi } from "./TextField"

/** A labelled multi-line input bound to a form field; schema and server errors appear under it. */
export const TextAreaField = (props: {
  readonly field: () => TextFieldApi
  readonly label: string
  readonly hint?: string
  readonly invalid?: string
  readonly serverError?: string | undefined
  readonly onEdit?: () => void
  readonly rows?: number
  readonly maxLength?: number
  readonly testId?: string
}) => {
  const { t } = useI18n()
  const id = createUniqueId()
  const error = () => {
    if (props.serverError !== undefined) return props.serverError
    const meta = props.field().state.meta
    return meta.isTouched && meta.errors.length > 0 ? (props.invalid ?? t("form.invalid")) : undefined
  }
  return (
    <div class="form-field" classList={{ "form-field--invalid": error() !== undefined }}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        class="input textarea"
        name={props.field().name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        value={props.field().state.value}
        data-testid={props.testId}
        aria-invalid={error() !== undefined}
        aria-describedby={`${id}-note`}
        onInput={(event) => {
          props.field().handleChange(event.currentTarget.value)
          props.onEdit?.()
        }}
        onBlur={() => props.field().handleBlur()}
      />
      <Show
        when={error()}
        fallback={
          <Show when={props.hint}>
            <span id={`${id}-note`} class="form-field__hint">
              {props.hint}
            </span>
          </Show>
        }
      >
        {(message) => (
          <span id={`${id}-note`} class="form-field__error" data-testid={`field-error-${props.field().name}`}>
            {message()}
          </span>
        )}
      </Show>
    </div>
  )
}
