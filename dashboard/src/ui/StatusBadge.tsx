/** A status as a coloured badge; `data-status` carries the raw value for tests and styles. */
export const StatusBadge = (props: {
  readonly tone: "success" | "warning" | "danger"
  readonly testId: string
  readonly status: string
  readonly label: string
}) => (
  <span class={`badge badge--${props.tone}`} data-testid={props.testId} data-status={props.status}>
    {props.label}
  </span>
)
