import type { OnboardingEvent } from "@fleetcore/contract"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"

type Event = typeof OnboardingEvent.Encoded

/** The record's onboarding steps, oldest first, after its creation: who, when, the result, notes and documents. */
export const OnboardingTimeline = (props: {
  readonly createdAt: string
  readonly events: ReadonlyArray<Event>
}) => {
  const { t, format } = useI18n()
  const stamp = (at: string) => format().dateTime(Date.parse(at))
  return (
    <section class="panel onboarding__timeline" data-testid="onboarding-timeline">
      <h3>{t("onboarding.timeline")}</h3>
      <ol class="onboarding__events">
        <li class="onboarding__event">
          <time datetime={props.createdAt}>{stamp(props.createdAt)}</time>
          <span>{t("onboarding.created")}</span>
        </li>
        <For each={props.events}>
          {(e) => (
            <li class="onboarding__event" data-testid="onboarding-event" data-step={e.step}>
              <time datetime={e.at}>{stamp(e.at)}</time>
              <div>
                <strong>{t(`onboarding.step_${e.step}` as "onboarding.step_submit")}</strong>
                <Show when={e.result}>
                  {(r) => (
                    <span class={`onboarding__result onboarding__result--${r()}`}>
                      {" "}
                      · {t(r() === "passed" ? "onboarding.passed" : "onboarding.failed")}
                    </span>
                  )}
                </Show>
                <span class="muted">
                  {" "}
                  → {t(`onboarding.status_${e.toStatus}` as "onboarding.status_created")}
                </span>
                <Show when={e.actorName}>
                  {(name) => <span class="muted"> · {t("onboarding.by", { name: name() })}</span>}
                </Show>
                <Show when={e.notes}>{(notes) => <p class="onboarding__notes">{notes()}</p>}</Show>
                <Show when={e.documents.length > 0}>
                  <ul class="onboarding__docs">
                    <For each={e.documents}>{(d) => <li>{d.filename}</li>}</For>
                  </ul>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.events.length === 0}>
        <p class="muted">{t("onboarding.noSteps")}</p>
      </Show>
    </section>
  )
}
