import { createUniqueId, type JSX, splitProps } from "solid-js"
import { createFieldError } from "./createFieldError"
import { FieldShell } from "./FieldShell"

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
  const [own, input] = splitProps(props, ["field", "label", "hint", "invalid", "serverError", "onEdit"])
  const id = createUniqueId()
  const error = createFieldError(own)
  return (
    <FieldShell id={id} label={own.label} name={own.field().name} hint={own.hint} error={error()}>
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
    </FieldShell>
  )
}
