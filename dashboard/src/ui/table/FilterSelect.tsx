import type { JSX } from "solid-js"

/** A filter of a table's toolbar: a labelled select whose empty choice means "all". */
export const FilterSelect = (props: {
  readonly label: string
  readonly testId: string
  readonly value: string
  readonly all: string
  readonly onChange: (value: string) => void
  readonly children: JSX.Element
}) => (
  <label class="filter">
    <span>{props.label}</span>
    <select
      class="input"
      data-testid={props.testId}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
    >
      <option value="">{props.all}</option>
      {props.children}
    </select>
  </label>
)
