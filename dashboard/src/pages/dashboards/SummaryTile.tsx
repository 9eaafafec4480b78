import { A } from "@solidjs/router"
import type { JSX } from "solid-js"
import { Show } from "solid-js"

/**
 * One figure of a record's summary: a label, the value, a muted line under it; a tone when it asks
 * for action (late work, critical alerts); the whole tile opens `href` when given.
 */
export const SummaryTile = (props: {
  readonly testId: string
  readonly label: string
  readonly value: JSX.Element
  readonly sub?: JSX.Element
  readonly tone?: "warning" | "danger" | undefined
  readonly href?: string
}) => {
  const body = (
    <>
      <span class="summary-tile__label">{props.label}</span>
      <strong class="summary-tile__value" data-testid={`${props.testId}-value`}>
        {props.value}
      </strong>
      <Show when={props.sub}>
        <span class="summary-tile__sub">{props.sub}</span>
      </Show>
    </>
  )
  return (
    <Show
      when={props.href}
      fallback={
        <div class="summary-tile" data-tone={props.tone} data-testid={props.testId}>
          {body}
        </div>
      }
    >
      {(href) => (
        <A
          href={href()}
          class="summary-tile summary-tile--link"
          data-tone={props.tone}
          data-testid={props.testId}
        >
          {body}
        </A>
      )}
    </Show>
  )
}
