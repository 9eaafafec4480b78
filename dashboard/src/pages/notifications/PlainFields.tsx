import { createUniqueId, type JSX, splitProps } from "solid-js"
import { FieldShell } from "../../ui/form/FieldShell"

/** A labelled input bound to a signal (the notification forms keep their values in signals). */
export const InputField = (
  props: {
    readonly label: string
    readonly name: string
    readonly value: string
    readonly onValue: (value: string) => void
    readonly hint?: string
    readonly error?: string | undefined
  } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "value" | "onInput" | "name" | "id">,
) => {
  const [own, input] = splitProps(props, ["label", "name", "value", "onValue", "hint", "error"])
  const id = createUniqueId()
  return (
    <FieldShell id={id} label={own.label} name={own.name} hint={own.hint} error={own.error}>
      <input
        {...input}
        id={id}
        name={own.name}
        value={own.value}
        aria-invalid={own.error !== undefined}
        aria-describedby={`${id}-note`}
        onInput={(event) => own.onValue(event.currentTarget.value)}
      />
    </FieldShell>
  )
}

/** A labelled checkbox bound to a signal. */
export const CheckField = (props: {
  readonly label: string
  readonly checked: boolean
  readonly onChecked: (checked: boolean) => void
  readonly testId: string
}) => (
  <label class="checkbox-field">
    <input
      type="checkbox"
      checked={props.checked}
      data-testid={props.testId}
      onChange={(event) => props.onChecked(event.currentTarget.checked)}
    />
    <span>{props.label}</span>
  </label>
)

/** "overspeed, geofence_enter" → ["overspeed", "geofence_enter"]; empty → null (every type). */
export const typesOf = (text: string): ReadonlyArray<string> | null => {
  const types = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
  return types.length === 0 ? null : types
}
