import { createUniqueId } from "solid-js"
import { createFieldError } from "./createFieldError"
import { FieldShell } from "./FieldShell"
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
  const id = createUniqueId()
  const error = createFieldError(props)
  return (
    <FieldShell id={id} label={props.label} name={props.field().name} hint={props.hint} error={error()}>
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
    </FieldShell>
  )
}
