import type { JSX } from "solid-js"

/** The form's primary button: disabled and relabelled while the submit runs. */
export const SubmitButton = (props: {
  readonly submitting: boolean
  readonly label: string
  readonly submittingLabel: string
  readonly testId?: string
  readonly icon?: JSX.Element
}) => (
  <button type="submit" class="button button--primary" disabled={props.submitting} data-testid={props.testId}>
    {props.icon}
    {props.submitting ? props.submittingLabel : props.label}
  </button>
)
