import { DOCUMENT_KINDS, type DocumentEntityType, type DocumentKind } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { CircleAlert, CircleCheck, Upload, X } from "lucide-solid"
import { createSignal, createUniqueId, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { invalidateDocuments } from "./documentQueries"
import { uploadDocument } from "./uploadDocument"

interface UploadRow {
  readonly key: string
  readonly name: string
  readonly progress: number
  readonly state: "uploading" | "done" | "failed"
  readonly error?: string
}

/** Uploads at a time; the others wait their turn. */
const CONCURRENCY = 3

/**
 * Drag-and-drop (or choose) several files: each is uploaded on its own, with its own progress bar
 * and, when the server refuses it, its own message (in the user's language, from the server).
 */
export const DocumentDropZone = (props: {
  readonly entityType: DocumentEntityType
  readonly entityId: string
  /** The kind new files get unless the user picks another (photos in the gallery). */
  readonly defaultKind?: DocumentKind
  /** Hides the kind and expiry pickers (the photo gallery uploads photos only). */
  readonly fixedKind?: boolean
}) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const id = createUniqueId()
  const [kind, setKind] = createSignal<DocumentKind>(props.defaultKind ?? "scan")
  const [expiresOn, setExpiresOn] = createSignal("")
  const [title, setTitle] = createSignal("")
  const [number, setNumber] = createSignal("")
  const [issuedOn, setIssuedOn] = createSignal("")
  const [dragging, setDragging] = createSignal(false)
  const [uploads, setUploads] = createSignal<ReadonlyArray<UploadRow>>([])
  let input: HTMLInputElement | undefined

  const update = (key: string, change: Partial<UploadRow>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)))

  const start = async (files: ReadonlyArray<File>) => {
    const target = {
      entityType: props.entityType,
      entityId: props.entityId,
      kind: kind(),
      expiresOn: expiresOn(),
      title: title(),
      number: number(),
      issuedOn: issuedOn(),
    }
    const queue = files.map((file) => ({ file, key: `${Date.now()}-${Math.random()}` }))
    setUploads((all) => [
      ...all.filter((u) => u.state === "uploading"),
      ...queue.map(({ file, key }) => ({ key, name: file.name, progress: 0, state: "uploading" as const })),
    ])
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const { file, key } = next
        try {
          await uploadDocument(file, target, {
            onProgress: (progress) => update(key, { progress }),
            refresh: api.refresh,
          })
          update(key, { state: "done", progress: 1 })
          void invalidateDocuments(queryClient)
        } catch (error) {
          update(key, { state: "failed", error: errorMessage(t, error) })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker))
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const files = [...(event.dataTransfer?.files ?? [])]
    if (files.length > 0) void start(files)
  }

  return (
    <div class="document-upload">
      <Show when={!props.fixedKind}>
        <div class="document-upload__options">
          <label class="form-field">
            <span>{t("documents.newKind")}</span>
            <select
              class="select"
              value={kind()}
              onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}
              data-testid="document-upload-kind"
            >
              <For each={DOCUMENT_KINDS}>{(k) => <option value={k}>{t(`documents.kind_${k}`)}</option>}</For>
            </select>
          </label>
          <label class="form-field">
            <span>{t("documents.newTitle")}</span>
            <input
              class="input"
              value={title()}
              maxLength={200}
              onInput={(e) => setTitle(e.currentTarget.value)}
              data-testid="document-upload-title"
            />
          </label>
          <label class="form-field">
            <span>{t("documents.newNumber")}</span>
            <input
              class="input"
              value={number()}
              maxLength={100}
              onInput={(e) => setNumber(e.currentTarget.value)}
              data-testid="document-upload-number"
            />
          </label>
          <label class="form-field">
            <span>{t("documents.newIssued")}</span>
            <input
              class="input"
              type="date"
              value={issuedOn()}
              onInput={(e) => setIssuedOn(e.currentTarget.value)}
              data-testid="document-upload-issued"
            />
          </label>
          <label class="form-field">
            <span>{t("documents.newExpiry")}</span>
            <input
              class="input"
              type="date"
              value={expiresOn()}
              onInput={(e) => setExpiresOn(e.currentTarget.value)}
              data-testid="document-upload-expiry"
            />
          </label>
        </div>
      </Show>
      <section
        class="document-drop"
        aria-label={t("documents.dropTitle")}
        classList={{ "document-drop--active": dragging() }}
        data-testid="document-drop"
        onDragEnter={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false)
        }}
        onDrop={onDrop}
      >
        <Upload size={22} aria-hidden="true" />
        <p>
          <strong>{t("documents.dropTitle")}</strong> {t("documents.dropOr")}{" "}
          <button
            type="button"
            class="link-button"
            onClick={() => input?.click()}
            data-testid="document-browse"
          >
            {t("documents.browse")}
          </button>
        </p>
        <p class="muted">{t("documents.dropHint")}</p>
        <input
          id={id}
          ref={input}
          type="file"
          multiple
          hidden
          accept="image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf"
          data-testid="document-file-input"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])]
            e.currentTarget.value = ""
            if (files.length > 0) void start(files)
          }}
        />
      </section>
      <Show when={uploads().length > 0}>
        <ul class="document-uploads" data-testid="document-uploads">
          <For each={uploads()}>
            {(u) => (
              <li
                class={`document-uploads__item document-uploads__item--${u.state}`}
                data-testid="document-upload"
                data-state={u.state}
              >
                <span class="document-uploads__icon" aria-hidden="true">
                  <Show when={u.state === "failed"} fallback={<CircleCheck size={16} />}>
                    <CircleAlert size={16} />
                  </Show>
                </span>
                <span class="document-uploads__name truncate">{u.name}</span>
                <Show when={u.state === "uploading"}>
                  <progress
                    class="document-uploads__progress"
                    max="1"
                    value={u.progress}
                    aria-label={t("documents.uploading")}
                  />
                </Show>
                <Show when={u.state === "done"}>
                  <span class="muted">{t("documents.uploaded")}</span>
                </Show>
                <Show when={u.state === "failed"}>
                  <span class="document-uploads__error" role="alert" data-testid="document-upload-error">
                    {u.error}
                  </span>
                  <button
                    type="button"
                    class="button button--ghost button--icon"
                    aria-label={t("documents.dismiss")}
                    onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}
                  >
                    <X size={14} aria-hidden="true" />
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
