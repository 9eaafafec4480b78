import { createUniqueId, type JSX, Show, splitProps } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"

/** What a TanStack field accessor offers that a text input needs. */
export interface TextFieldApi {
  readonly name: string
  readonly state: {
    readonly value: string
    readonly meta: { readonly errors: ReadonlyArray<unknown>; readonly isTouched: boolean }
  }
  readonly handleChange: (value: string) => void
  readonly handleBlur: () => void
}

export type TextFieldProps = {
  readonly field: () => TextFieldApi
  readonly label: string
  /** Under the input: what is expected ("+7 701 123 4567"). */
  readonly hint?: string
  /** Shown when the schema refuses the value, in the user's language. */
  readonly invalid?: string
  /** The server's (localised) message for this field after a submit. */
  readonly serverError?: string | undefined
  readonly onEdit?: () => void
} & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "value" | "onInput" | "onBlur" | "name" | "id">

/** A labelled input bound to a form field; schema and server errors appear under it. */
export const TextField = (props: TextFieldProps) => {
  const { t } = useI18n()
  const [own, input] = splitProps(props, ["field", "label", "hint", "invalid", "serverError", "onEdit"])
  const id = createUniqueId()
  const schemaError = () => {
    const meta = own.field().state.meta
    return meta.isTouched && meta.errors.length > 0 ? (own.invalid ?? t("form.invalid")) : undefined
  }
  const error = () => own.serverError ?? schemaError()
  return (
    <div class="form-field" classList={{ "form-field--invalid": error() !== undefined }}>
      <label for={id}>{own.label}</label>
      <input
        {...input}
        id={id}
        name={own.field().name}
        value={own.field().state.value}
        aria-invalid={error() !== undefined}
        aria-describedby={`${id}-note`}
        onInput={(event) => {
          own.field().handleChange(event.currentTarget.value)
          own.onEdit?.()
        }}
        onBlur={() => own.field().handleBlur()}
      />
      <Show
        when={error()}
        fallback={
          <Show when={own.hint}>
            <span id={`${id}-note`} class="form-field__hint">
              {own.hint}
            </span>
          </Show>
        }
      >
        {(message) => (
          <span id={`${id}-note`} class="form-field__error" data-testid={`field-error-${own.field().name}`}>
            {message()}
          </span>
        )}
      </Show>
    </div>
  )
}
