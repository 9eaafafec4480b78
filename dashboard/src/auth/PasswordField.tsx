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
}) => (
  <label class="form-field">
    <span>{props.label}</span>
    <input
      type="password"
      name={props.name}
      autocomplete={props.autocomplete}
      required={props.required ?? true}
      data-testid={props.testId}
      value={props.value}
      onInput={(event) => props.onInput(event.currentTarget.value)}
    />
  </label>
)
