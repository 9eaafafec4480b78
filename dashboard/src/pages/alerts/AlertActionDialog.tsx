import * as Dialog from "@kobalte/core/dialog"
import { createEffect, createSignal, For, Show } from "solid-js"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { DialogTextClose } from "../../ui/DialogTextClose"
import { createAssigneesQuery } from "./alertQueries"

/** The steps a dialog asks for: a note (acknowledge, resolve), or a person and a note (assign). */
export type AlertDialogAction = "acknowledge" | "resolve" | "assign"

/** The longest note the API keeps (the contract's limit). */
const NOTE_MAX = 2000

/**
 * Asks for what an action on one or many alerts needs: the note of an acknowledgement or a
 * resolution, or the person to assign (with an optional note). The action's error stays in the
 * dialog; it closes when the action succeeded.
 */
export const AlertActionDialog = (props: {
  readonly action: AlertDialogAction | null
  /** How many alerts the action applies to (1 for an alert's page). */
  readonly count: number
  readonly onClose: () => void
  readonly onSubmit: (input: { readonly note: string; readonly userId: string }) => Promise<void>
}) => {
  const { t } = useI18n()
  const [note, setNote] = createSignal("")
  const [userId, setUserId] = createSignal("")
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const assignees = createAssigneesQuery(() => props.action === "assign")
  createEffect(() => {
    if (props.action !== null) {
      setNote("")
      setUserId("")
      setError(undefined)
    }
  })
  const title = () => {
    const action = props.action ?? "acknowledge"
    return props.count > 1
      ? t(`alerts.${action}ManyTitle`, { count: String(props.count) })
      : t(`alerts.${action}Title`)
  }
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (props.action === "assign" && userId() === "") return
    setBusy(true)
    setError(undefined)
    try {
      await props.onSubmit({ note: note().trim(), userId: userId() })
      props.onClose()
    } catch (cause) {
      setError(() => cause)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog.Root open={props.action !== null} onOpenChange={(open) => !open && !busy() && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog" data-testid={`alert-dialog-${props.action ?? "none"}`}>
            <Dialog.Title class="dialog__title">{title()}</Dialog.Title>
            <Dialog.Description class="dialog__description">
              {t(`alerts.${props.action ?? "acknowledge"}Text`)}
            </Dialog.Description>
            <form class="form" onSubmit={submit} novalidate>
              <Show when={props.action === "assign"}>
                <div class="form-field">
                  <label for="alert-assignee">{t("alerts.assignPerson")}</label>
                  <select
                    id="alert-assignee"
                    class="input"
                    data-testid="alert-dialog-assignee"
                    value={userId()}
                    required
                    onChange={(event) => setUserId(event.currentTarget.value)}
                  >
                    <option value="">{t("alerts.assignPick")}</option>
                    <For each={assignees.data?.items ?? []}>
                      {(person) => (
                        <option value={person.id}>
                          {person.name} · {t(`roles.${person.role}`)}
                        </option>
                      )}
                    </For>
                  </select>
                </div>
              </Show>
              <div class="form-field">
                <label for="alert-note">{t("alerts.note")}</label>
                <textarea
                  id="alert-note"
                  class="input alert-note"
                  data-testid="alert-dialog-note"
                  rows={3}
                  maxLength={NOTE_MAX}
                  value={note()}
                  onInput={(event) => setNote(event.currentTarget.value)}
                />
                <span class="form-field__hint">{t("alerts.noteHint")}</span>
              </div>
              <Show when={error() !== undefined}>
                <p class="error-banner" role="alert">
                  {errorMessage(t, error())}
                </p>
              </Show>
              <div class="dialog__actions">
                <DialogTextClose label={t("common.cancel")} disabled={busy()} />
                <button
                  type="submit"
                  class="button button--primary"
                  data-testid="alert-dialog-submit"
                  disabled={busy() || (props.action === "assign" && userId() === "")}
                >
                  {t(`alerts.${props.action ?? "acknowledge"}`)}
                </button>
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
