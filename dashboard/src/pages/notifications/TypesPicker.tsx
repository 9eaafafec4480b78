import { NOTIFICATION_TYPES, type NotificationTypeCode } from "@fleetcore/contract"
import { For, Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { notificationTypeLabel, TYPE_GROUPS } from "./notificationTypes"

/** Chosen types: null is every type (also those added later), an empty list none. */
export type ChosenTypes = ReadonlyArray<NotificationTypeCode> | null

/**
 * The types a channel brings, as labelled checkboxes grouped into alerts and reminders, under an
 * "all types" switch (null). Turning the switch off starts from every type ticked.
 */
export const TypesPicker = (props: {
  readonly value: ChosenTypes
  readonly onValue: (value: ChosenTypes) => void
  readonly testId: string
}) => {
  const { t, format } = useI18n()
  const chosen = (type: NotificationTypeCode) => props.value === null || props.value.includes(type)
  const toggle = (type: NotificationTypeCode, on: boolean) => {
    const now = new Set(props.value ?? NOTIFICATION_TYPES)
    if (on) now.add(type)
    else now.delete(type)
    // In the contract's order, so a saved list reads the same as the form.
    props.onValue(NOTIFICATION_TYPES.filter((x) => now.has(x)))
  }
  return (
    <div class="types-picker" data-testid={props.testId}>
      <label class="checkbox-field">
        <input
          type="checkbox"
          checked={props.value === null}
          data-testid={`${props.testId}-all`}
          onChange={(event) => props.onValue(event.currentTarget.checked ? null : NOTIFICATION_TYPES)}
        />
        <span>{t("notifications.allTypes")}</span>
      </label>
      <Show when={props.value !== null}>
        <div class="types-picker__groups">
          <For each={TYPE_GROUPS}>
            {(group) => (
              <fieldset class="types-picker__group">
                <legend>
                  {t(group.label)}{" "}
                  <span class="muted">
                    {t("notifications.chosenTypes", {
                      count: format().integer(group.types.filter(chosen).length),
                      total: format().integer(group.types.length),
                    })}
                  </span>
                </legend>
                <div class="types-picker__grid">
                  <For each={group.types}>
                    {(type) => (
                      <label class="checkbox-field">
                        <input
                          type="checkbox"
                          value={type}
                          checked={chosen(type)}
                          data-testid={`${props.testId}-${type}`}
                          onChange={(event) => toggle(type, event.currentTarget.checked)}
                        />
                        <span>{notificationTypeLabel(t, type)}</span>
                      </label>
                    )}
                  </For>
                </div>
              </fieldset>
            )}
          </For>
        </div>
        <Show when={props.value?.length === 0}>
          <p class="muted" role="status">
            {t("notifications.noTypes")}
          </p>
        </Show>
      </Show>
    </div>
  )
}
