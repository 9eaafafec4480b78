import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { ticketEventText } from "./ticketLabels"
import type { TicketEventView } from "./ticketQueries"
import "./tickets.css"

/** A ticket's history, oldest first: who did what and when, with comments quoted. */
export const TicketTimeline = (props: { readonly events: ReadonlyArray<TicketEventView> }) => {
  const { t, format } = useI18n()
  return (
    <ol class="ticket-timeline" data-testid="ticket-timeline">
      <For each={props.events}>
        {(e) => (
          <li class="ticket-timeline__item" data-kind={e.kind} data-testid="ticket-event">
            <span class="ticket-timeline__dot" aria-hidden="true" />
            <div>
              <p class="ticket-timeline__what">{ticketEventText(t, e)}</p>
              <Show when={e.comment}>
                {(comment) => <blockquote class="ticket-timeline__comment">{comment()}</blockquote>}
              </Show>
              <time class="muted" datetime={e.at}>
                {format().dateTime(Date.parse(e.at))}
              </time>
            </div>
          </li>
        )}
      </For>
    </ol>
  )
}
