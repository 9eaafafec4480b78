import { endpoints, type TaskDetail, type TaskTransition } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { uploadDocument } from "../../ui/documents/uploadDocument"
import { FormError } from "../../ui/form/FormError"
import { SignatureField, type SignatureHandle } from "../../ui/signature/SignatureField"
import { showToast } from "../../ui/toast"
import { PhotoField } from "../driver/PhotoField"
import { invalidateTasks } from "./taskQueries"
import { taskStateLabels } from "./taskStateLabel"

type Detail = typeof TaskDetail.Type

/**
 * What the caller can do with a task now: one button per step its workflow allows (each listing what
 * it needs), with the comment, checklist, photo, document (a PDF) and signature (drawn on the screen)
 * the steps ask for; or a comment/photo on its own. The server checks every requirement again and
 * its refusal shows here.
 */
export const TaskSteps = (props: { readonly task: Detail; readonly compact?: boolean }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [comment, setComment] = createSignal("")
  const [photo, setPhoto] = createSignal<File | null>(null)
  const [ticked, setTicked] = createSignal<ReadonlyArray<string>>([])
  const [document, setDocument] = createSignal<File | null>(null)
  const [signed, setSigned] = createSignal(false)
  /** What the step the caller tried needs and they have not given yet (said before any upload). */
  const [lacks, setLacks] = createSignal<ReadonlyArray<string>>([])
  let signature: SignatureHandle | undefined
  /** Whether a step the caller may take now asks for this. */
  const asked = (what: "document" | "signature") => props.task.next.some((n) => n.requires?.[what] === true)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const checklist = () => [...new Set(props.task.next.flatMap((n) => n.requires?.checklist ?? []))]
  const label = (key: string) => taskStateLabels(t, props.task)(key)
  const needs = (n: TaskTransition) =>
    (["photo", "document", "comment", "signature"] as const)
      .filter((r) => n.requires?.[r] === true)
      .map((r) => t(`tasks.req_${r}`))

  /** Uploads a file to the task's documents; its document ids. */
  const upload = (file: File, kind: "photo" | "scan" | "other") =>
    uploadDocument(
      file,
      { entityType: "task", entityId: props.task.id, kind, expiresOn: "" },
      { onProgress: () => undefined, refresh: api.refresh },
    )
  /** Uploads the chosen photo and document to the task; their document ids. */
  const uploadAttachments = async (): Promise<ReadonlyArray<string>> => {
    const chosen = [
      [photo(), "photo"],
      [document(), "scan"],
    ] as const
    const ids: string[] = []
    for (const [file, kind] of chosen) if (file !== null) ids.push(...(await upload(file, kind)))
    return ids
  }
  const run = async (action: () => Promise<string>) => {
    setBusy(true)
    setError(undefined)
    try {
      showToast("success", await action())
      setComment("")
      setPhoto(null)
      setDocument(null)
      signature?.clear()
      setTicked([])
      await invalidateTasks(queryClient)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const move = (to: string) => {
    // What the step needs and is not there yet is said here, before anything is uploaded (the server
    // checks it all again, and the comment and checklist too).
    const requires = props.task.next.find((n) => n.to === to)?.requires
    const wantsSignature = requires?.signature === true
    const lacking = [
      ...(requires?.photo === true && photo() === null ? ["photo" as const] : []),
      ...(requires?.document === true && document() === null ? ["document" as const] : []),
      ...(wantsSignature && !signed() ? ["signature" as const] : []),
    ]
    if (lacking.length > 0) {
      setError(undefined)
      setLacks(lacking.map((r) => t(`tasks.req_${r}`)))
      return Promise.resolve()
    }
    return run(async () => {
      const attachmentIds = await uploadAttachments()
      const drawn = wantsSignature ? await signature?.toFile() : null
      const signatureId = drawn == null ? undefined : (await upload(drawn, "other"))[0]
      await api.call(endpoints.tasks.transition, {
        params: { id: props.task.id },
        body: {
          to,
          ...(comment().trim() === "" ? {} : { comment: comment().trim() }),
          ...(ticked().length === 0 ? {} : { checklist: ticked() }),
          ...(attachmentIds.length === 0 ? {} : { attachmentIds }),
          ...(signatureId === undefined ? {} : { signatureId }),
        },
      })
      return t("tasks.moved", { state: label(to) })
    })
  }
  const note = () =>
    run(async () => {
      const attachmentIds = await uploadAttachments()
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
            setLacks([])
            setPhoto(file)
          }}
        />
        <Show when={asked("document")}>
          <DocumentPick
            label={t("tasks.document")}
            choose={t("tasks.addDocument")}
            file={document()}
            onChange={(file) => {
              setError(undefined)
              setLacks([])
              setDocument(file)
            }}
          />
        </Show>
        <Show when={asked("signature")}>
          <SignatureField
            label={t("tasks.signature")}
            clearLabel={t("tasks.signatureClear")}
            hint={signed() ? t("tasks.signatureDrawn") : t("tasks.signatureHint")}
            name="task-signature"
            onReady={(handle) => {
              signature = handle
            }}
            onChange={(drawn) => {
              setError(undefined)
              setLacks([])
              setSigned(drawn)
            }}
          />
        </Show>
        <Show when={lacks().length > 0} fallback={<FormError error={error()} testId="task-step-error" />}>
          <p class="error-banner" role="alert" data-testid="task-step-error">
            {t("tasks.stepLacks", { what: lacks().join(", ") })}
          </p>
        </Show>
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
            disabled={busy() || (comment().trim() === "" && photo() === null && document() === null)}
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

/** A PDF for a step that asks for a document; uploaded when the step is taken. */
const DocumentPick = (props: {
  readonly label: string
  readonly choose: string
  readonly file: File | null
  readonly onChange: (file: File | null) => void
}) => (
  <label class="field">
    <span class="field__label">{props.label}</span>
    <input
      class="input"
      type="file"
      accept="application/pdf"
      data-testid="task-document"
      aria-label={props.choose}
      onChange={(e) => props.onChange(e.currentTarget.files?.[0] ?? null)}
    />
    <Show when={props.file}>{(f) => <span class="muted">{f().name}</span>}</Show>
  </label>
)
