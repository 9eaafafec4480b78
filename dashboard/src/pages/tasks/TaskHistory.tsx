import type { TaskEvent } from "@fleetcore/contract"
import { Bot, PenLine, User } from "lucide-solid"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"

type Event = typeof TaskEvent.Type

/** A task's history as a timeline: each step, when, and who (a person) or what (an alert) caused it. */
export const TaskHistory = (props: {
  readonly events: ReadonlyArray<Event>
  readonly label: (state: string) => string
}) => {
  const { t, format } = useI18n()
  const what = (e: Event): string => {
    switch (e.kind) {
      case "created":
        return t("tasks.event_created", { state: props.label(e.toStatus ?? "") })
      case "status_change":
        return t("tasks.event_status_change", {
          from: props.label(e.fromStatus ?? ""),
          to: props.label(e.toStatus ?? ""),
        })
      case "assignment": {
        const d = e.details as { assigneeName?: string | null; teamName?: string | null }
        return t("tasks.event_assignment", {
          who: [d.assigneeName, d.teamName].filter((x) => x != null).join(", ") || t("tasks.nobody"),
        })
      }
      default:
        return t(`tasks.event_${e.kind}`)
    }
  }
  return (
    <ol class="task-history" data-testid="task-history">
      <For each={props.events}>
        {(e) => (
          <li class="task-history__item" data-testid="task-history-item" data-kind={e.kind}>
            <span class="task-history__icon" aria-hidden="true">
              {e.cause === null ? <User size={16} /> : <Bot size={16} />}
            </span>
            <div>
              <strong>{what(e)}</strong>
              <Show when={e.comment}>{(c) => <p class="task-history__comment">{c()}</p>}</Show>
              <Show when={(e.details as { signatureId?: string }).signatureId}>
                <p class="task-history__signed" data-testid="task-history-signed">
                  <PenLine size={14} aria-hidden="true" /> {t("tasks.signedStep")}
                </p>
              </Show>
              <p class="muted" data-testid="task-history-cause">
                <time datetime={e.at}>{format().dateTime(Date.parse(e.at))}</time>
                {" · "}
                <Show when={e.cause} fallback={t("tasks.by", { name: e.actorName ?? "—" })}>
                  {(c) =>
                    t("tasks.bySystem", {
                      alert:
                        c().alertType === "dtc"
                          ? t("tasks.alert_dtc", { code: c().code ?? "" })
                          : c().alertType === "ignition_off"
                            ? t("tasks.alert_ignition_off", { minutes: c().minutes ?? 0 })
                            : c().alertType === "geofence_exit"
                              ? t("tasks.alert_geofence_exit")
                              : t("tasks.alert_geofence_enter"),
                      fence: c().geofenceName ?? "",
                    })
                  }
                </Show>
              </p>
            </div>
          </li>
        )}
      </For>
    </ol>
  )
}
