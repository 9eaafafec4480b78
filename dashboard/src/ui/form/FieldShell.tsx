import { type JSX, Show } from "solid-js"

/**
 * The frame every form control shares: the label, the control, and under it either the error
 * (when there is one) or the hint. The control gets `id` and `aria-describedby={`${id}-note`}`.
 */
export const FieldShell = (props: {
  readonly id: string
  readonly label: string
  /** The form field's name, for the error's `data-testid` (`field-error-<name>`). */
  readonly name: string
  readonly hint?: string | undefined
  readonly error: string | undefined
  readonly children: JSX.Element
}) => (
  <div class="form-field" classList={{ "form-field--invalid": props.error !== undefined }}>
    <label for={props.id}>{props.label}</label>
    {props.children}
    <Show
      when={props.error}
      fallback={
        <Show when={props.hint}>
          <span id={`${props.id}-note`} class="form-field__hint">
            {props.hint}
          </span>
        </Show>
      }
    >
      {(message) => (
        <span id={`${props.id}-note`} class="form-field__error" data-testid={`field-error-${props.name}`}>
          {message()}
        </span>
      )}
    </Show>
  </div>
)
