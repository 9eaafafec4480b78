import { createUniqueId, For } from "solid-js"
import { FieldShell } from "./FieldShell"

/** What a TanStack field accessor offers that a select of `T` needs. */
export interface SelectFieldApi<T extends string> {
  readonly name: string
  readonly state: { readonly value: T }
  readonly handleChange: (value: T) => void
  readonly handleBlur: () => void
}

/** One choice of a `<SelectField>`: the value sent and the text shown. */
export interface SelectOption<T extends string> {
  readonly value: T
  readonly label: string
}

/** A labelled native select bound to a form field; the server's error for it appears under it. */
export const SelectField = <T extends string>(props: {
  readonly field: () => SelectFieldApi<T>
  readonly label: string
  readonly options: ReadonlyArray<SelectOption<T>>
  readonly hint?: string
  readonly serverError?: string | undefined
  readonly onEdit?: () => void
  readonly disabled?: boolean
  readonly testId?: string
}) => {
  const id = createUniqueId()
  return (
    <FieldShell
      id={id}
      label={props.label}
      name={props.field().name}
      hint={props.hint}
      error={props.serverError}
    >
      <select
        id={id}
        class="select"
        name={props.field().name}
        value={props.field().state.value}
        disabled={props.disabled}
        data-testid={props.testId}
        aria-invalid={props.serverError !== undefined}
        aria-describedby={`${id}-note`}
        onChange={(event) => {
          const value = event.currentTarget.value
          const chosen = props.options.find((option) => option.value === value)
          if (chosen === undefined) return
          props.field().handleChange(chosen.value)
          props.onEdit?.()
        }}
        onBlur={() => props.field().handleBlur()}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.field().state.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </FieldShell>
  )
}
