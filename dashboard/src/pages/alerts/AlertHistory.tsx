import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { type AlertHistoryItem, type AlertView, createAlertHistoryQuery } from "./alertQueries"

/** An alert's story: raised by the rules, then every action people took, with their notes. */
export const AlertHistory = (props: { readonly alert: AlertView }) => {
  const { t, format } = useI18n()
  const history = createAlertHistoryQuery(() => props.alert.id)
  const line = (h: AlertHistoryItem) => {
    const who = h.actorName ?? t("alerts.someone")
    const assignee = h.assigneeName ?? t("alerts.someone")
    switch (h.action) {
      case "acknowledge":
        return t("alerts.historyAcknowledge", { who })
      case "assign":
        return t("alerts.historyAssign", { who, assignee })
      case "unassign":
        return t("alerts.historyUnassign", { who, assignee })
      case "resolve":
        return t("alerts.historyResolve", { who })
      case "withdraw":
        return t("alerts.historyWithdraw")
      case "note":
        return t("alerts.historyNote")
    }
  }
  return (
    <section class="panel" data-testid="alert-history">
      <h2>{t("alerts.history")}</h2>
      <ol class="alert-history">
        <li>
          <span>{t("alerts.historyOpened")}</span>
          <time class="muted" datetime={props.alert.openedAt}>
            {format().dateTime(Date.parse(props.alert.openedAt))}
          </time>
        </li>
        <For each={history.data?.items ?? []}>
          {(h) => (
            <li data-testid="alert-history-item" data-action={h.action}>
              <span>{line(h)}</span>
              <time class="muted" datetime={h.at}>
                {format().dateTime(Date.parse(h.at))}
              </time>
              {/* The system's notes are in English; its line above says the same in the reader's language. */}
              <Show when={h.action !== "withdraw" && h.action !== "note" && h.note}>
                {(note) => <span class="alert-history__note alert-history__note--quoted">{note()}</span>}
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={history.isSuccess && history.data.items.length === 0}>
        <p class="muted">{t("alerts.historyEmpty")}</p>
      </Show>
    </section>
  )
}
