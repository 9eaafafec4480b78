import { createUniqueId, Show } from "solid-js"

/** A labelled password input: the sign-in's, the current one, or a new one. */
export const PasswordField = (props: {
  readonly label: string
  readonly autocomplete: "current-password" | "new-password"
  readonly testId: string
  readonly value: string
  readonly onInput: (value: string) => void
  readonly name?: string
  /** Defaults to true; false where a dialog, not the browser, decides when it may be sent. */
  readonly required?: boolean
  /** What is wrong with this password, under it (the server's answer, in the user's language). */
  readonly error?: string | undefined
}) => {
  const note = `${createUniqueId()}-note`
  return (
    <label class="form-field" classList={{ "form-field--invalid": props.error !== undefined }}>
      <span>{props.label}</span>
      <input
        type="password"
        name={props.name}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        data-testid={props.testId}
        value={props.value}
        aria-invalid={props.error !== undefined}
        aria-describedby={props.error === undefined ? undefined : note}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <Show when={props.error}>
        {(message) => (
          <span id={note} class="form-field__error" data-testid={`${props.testId}-error`}>
            {message()}
          </span>
        )}
      </Show>
    </label>
  )
}
