import { Inbox } from "lucide-solid"
import { type JSX, Show } from "solid-js"
import { Dynamic } from "solid-js/web"

/** Nothing to show yet: what is missing, and what the user can do about it. */
export const EmptyState = (props: {
  readonly title: string
  readonly description?: string | undefined
  readonly action?: JSX.Element
  readonly icon?: JSX.Element
  /** "h1" where the block is the whole page (not found, not allowed): the page's heading. */
  readonly heading?: "h1"
}) => (
  <div class="state-block" data-testid="empty-state">
    <div class="state-block__icon" aria-hidden="true">
      {props.icon ?? <Inbox size={22} />}
    </div>
    <Dynamic component={props.heading ?? "p"} class="state-block__title">
      {props.title}
    </Dynamic>
    <Show when={props.description}>
      <p class="muted">{props.description}</p>
    </Show>
    <Show when={props.action}>{props.action}</Show>
  </div>
)
