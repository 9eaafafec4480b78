import { endpoints, type TaskDetail, type TaskTransition } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { uploadDocument } from "../../ui/documents/uploadDocument"
import { FormError } from "../../ui/form/FormError"
import { showToast } from "../../ui/toast"
import { PhotoField } from "../driver/PhotoField"
import { invalidateTasks } from "./taskQueries"

type Detail = typeof TaskDetail.Type

/**
 * What the caller can do with a task now: one button per step its workflow allows (each listing what
 * it needs), with the comment, checklist and photo the steps ask for; or a comment/photo on its own.
 * The server checks every requirement again and its refusal shows here.
 */
export const TaskSteps = (props: { readonly task: Detail; readonly compact?: boolean }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [comment, setComment] = createSignal("")
  const [photo, setPhoto] = createSignal<File | null>(null)
  const [ticked, setTicked] = createSignal<ReadonlyArray<string>>([])
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const checklist = () => [...new Set(props.task.next.flatMap((n) => n.requires?.checklist ?? []))]
  const label = (key: string) => props.task.states.find((s) => s.key === key)?.label ?? key
  const needs = (n: TaskTransition) =>
    (["photo", "document", "comment", "signature"] as const)
      .filter((r) => n.requires?.[r] === true)
      .map((r) => t(`tasks.req_${r}`))

  /** Uploads the chosen photo to the task; its document id, or none. */
  const uploadPhoto = async (): Promise<ReadonlyArray<string>> => {
    const file = photo()
    if (file === null) return []
    return uploadDocument(
      file,
      { entityType: "task", entityId: props.task.id, kind: "photo", expiresOn: "" },
      { onProgress: () => undefined, refresh: api.refresh },
    )
  }
  const run = async (action: () => Promise<string>) => {
    setBusy(true)
    setError(undefined)
    try {
      showToast("success", await action())
      setComment("")
      setPhoto(null)
      setTicked([])
      await invalidateTasks(queryClient)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const move = (to: string) =>
    run(async () => {
      const attachmentIds = await uploadPhoto()
      await api.call(endpoints.tasks.transition, {
        params: { id: props.task.id },
        body: {
          to,
          ...(comment().trim() === "" ? {} : { comment: comment().trim() }),
          ...(ticked().length === 0 ? {} : { checklist: ticked() }),
          ...(attachmentIds.length === 0 ? {} : { attachmentIds }),
        },
      })
      return t("tasks.moved", { state: label(to) })
    })
  const note = () =>
    run(async () => {
      const attachmentIds = await uploadPhoto()
      await api.call(endpoints.tasks.comment, {
        params: { id: props.task.id },
        body: {
          ...(comment().trim() === "" ? {} : { comment: comment().trim() }),
          ...(attachmentIds.length === 0 ? {} : { attachmentIds }),
        },
      })
      return attachmentIds.length > 0 ? t("tasks.photoAdded") : t("tasks.commented")
    })

  return (
    <Show when={!props.task.closed} fallback={<p class="muted">{t("tasks.closed")}</p>}>
      <div class="task-steps" data-testid="task-steps">
        <label class="field">
          <span class="field__label">{t("tasks.comment")}</span>
          <textarea
            class="input"
            rows={props.compact ? 2 : 3}
            value={comment()}
            data-testid="task-comment"
            onInput={(e) => {
              setError(undefined)
              setComment(e.currentTarget.value)
            }}
          />
        </label>
        <Show when={checklist().length > 0}>
          <fieldset class="task-checklist">
            <legend class="field__label">{t("tasks.checklist")}</legend>
            <For each={checklist()}>
              {(item) => (
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={ticked().includes(item)}
                    data-testid="task-check"
                    onChange={(e) =>
                      setTicked((all) =>
                        e.currentTarget.checked ? [...all, item] : all.filter((x) => x !== item),
                      )
                    }
                  />
                  <span>{item}</span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <PhotoField
          label={t("tasks.photo")}
          choose={t("tasks.addPhoto")}
          name="task-photo"
          file={photo()}
          onChange={(file) => {
            setError(undefined)
            setPhoto(file)
          }}
        />
        <FormError error={error()} testId="task-step-error" />
        <div class="task-steps__buttons">
          <For each={props.task.next}>
            {(n) => (
              <button
                type="button"
                class="button button--primary"
                disabled={busy()}
                data-testid={`task-move-${n.to}`}
                onClick={() => void move(n.to)}
              >
                <span>{t("tasks.moveTo", { state: label(n.to) })}</span>
                <Show when={needs(n).length > 0}>
                  <small class="task-steps__needs">
                    {t("tasks.requires", { what: needs(n).join(", ") })}
                  </small>
                </Show>
              </button>
            )}
          </For>
          <button
            type="button"
            class="button"
            disabled={busy() || (comment().trim() === "" && photo() === null)}
            data-testid="task-add-comment"
            onClick={() => void note()}
          >
            {t("tasks.addComment")}
          </button>
        </div>
      </div>
    </Show>
  )
}
