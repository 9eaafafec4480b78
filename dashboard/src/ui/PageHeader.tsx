import { type JSX, Show } from "solid-js"

/** The top of every page: its title, an optional line under it, and the page's actions on the right. */
export const PageHeader = (props: {
  readonly title: string
  readonly description?: string | undefined
  readonly actions?: JSX.Element
}) => (
  <header class="page-header">
    <div class="page-header__text">
      <h1 data-testid="page-title">{props.title}</h1>
      <Show when={props.description}>
        <p class="muted">{props.description}</p>
      </Show>
    </div>
    <Show when={props.actions}>
      <div class="page-header__actions">{props.actions}</div>
    </Show>
  </header>
)
