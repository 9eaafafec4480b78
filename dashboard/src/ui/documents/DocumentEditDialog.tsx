import {
  DOCUMENT_KINDS,
  type Document,
  type DocumentKind,
  endpoints,
  isSafeFilename,
} from "@fleetcore/contract"
import * as Dialog from "@kobalte/core/dialog"
import { useQueryClient } from "@tanstack/solid-query"
import { createSignal, createUniqueId, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { ApiError, fieldMessage } from "../../api/ApiError"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { FieldShell } from "../form/FieldShell"
import { ItemDialog } from "../ItemDialog"
import { showToast } from "../toast"
import { invalidateDocuments } from "./documentQueries"

type Doc = typeof Document.Encoded

/** Changes a document's kind, expiry date and file name; a server error shows under its field. */
export const DocumentEditDialog = (props: {
  readonly document: Doc | null
  readonly onClose: () => void
}) => (
  <ItemDialog item={props.document} onClose={props.onClose} testId="document-edit">
    {(d) => <EditForm document={d()} onClose={props.onClose} />}
  </ItemDialog>
)

const EditForm = (props: { readonly document: Doc; readonly onClose: () => void }) => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const [kind, setKind] = createSignal<DocumentKind>(props.document.kind)
  const [expiresOn, setExpiresOn] = createSignal(props.document.expiresOn ?? "")
  const [filename, setFilename] = createSignal(props.document.filename)
  const [title, setTitle] = createSignal(props.document.title ?? "")
  const [number, setNumber] = createSignal(props.document.number ?? "")
  const [issuedOn, setIssuedOn] = createSignal(props.document.issuedOn ?? "")
  /** A text field as the API takes it: trimmed, empty is none. */
  const orNull = (text: string): string | null => (text.trim() === "" ? null : text.trim())
  const id = createUniqueId()
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<unknown>()
  const fieldError = (field: string) => fieldMessage(error(), field)
  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await api.call(endpoints.documents.update, {
        params: { id: props.document.id },
        body: {
          kind: kind(),
          expiresOn: orNull(expiresOn()),
          filename: filename(),
          title: orNull(title()),
          number: orNull(number()),
          issuedOn: orNull(issuedOn()),
        },
      })
      await invalidateDocuments(queryClient)
      showToast("success", t("documents.saved"))
      props.onClose()
    } catch (cause) {
      setError(() => cause)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="form" onSubmit={save} data-testid="document-edit-form">
      <Dialog.Title class="dialog__title">{t("documents.editTitle")}</Dialog.Title>
      <Show
        when={error() !== undefined && !(error() instanceof ApiError && (error() as ApiError).field !== null)}
      >
        <p class="error-banner" role="alert">
          {errorMessage(t, error())}
        </p>
      </Show>
      <FieldShell
        id={`${id}-name`}
        label={t("documents.filename")}
        name="filename"
        error={fieldError("filename")}
      >
        <input
          id={`${id}-name`}
          class="input"
          value={filename()}
          maxLength={255}
          aria-invalid={!isSafeFilename(filename()) || fieldError("filename") !== undefined}
          onInput={(e) => setFilename(e.currentTarget.value)}
          data-testid="document-edit-filename"
        />
      </FieldShell>
      <FieldShell id={`${id}-kind`} label={t("documents.kind")} name="kind" error={fieldError("kind")}>
        <select
          id={`${id}-kind`}
          class="select"
          value={kind()}
          onChange={(e) => setKind(e.currentTarget.value as DocumentKind)}
          data-testid="document-edit-kind"
        >
          <For each={DOCUMENT_KINDS}>{(k) => <option value={k}>{t(`documents.kind_${k}`)}</option>}</For>
        </select>
      </FieldShell>
      <FieldShell id={`${id}-title`} label={t("documents.newTitle")} name="title" error={fieldError("title")}>
        <input
          id={`${id}-title`}
          class="input"
          value={title()}
          maxLength={200}
          onInput={(e) => setTitle(e.currentTarget.value)}
          data-testid="document-edit-title"
        />
      </FieldShell>
      <FieldShell
        id={`${id}-number`}
        label={t("documents.newNumber")}
        name="number"
        error={fieldError("number")}
      >
        <input
          id={`${id}-number`}
          class="input"
          value={number()}
          maxLength={100}
          onInput={(e) => setNumber(e.currentTarget.value)}
          data-testid="document-edit-number"
        />
      </FieldShell>
      <FieldShell
        id={`${id}-issued`}
        label={t("documents.newIssued")}
        name="issuedOn"
        error={fieldError("issuedOn")}
      >
        <input
          id={`${id}-issued`}
          class="input"
          type="date"
          value={issuedOn()}
          onInput={(e) => setIssuedOn(e.currentTarget.value)}
          data-testid="document-edit-issued"
        />
      </FieldShell>
      <FieldShell
        id={`${id}-expiry`}
        label={t("documents.newExpiry")}
        name="expiresOn"
        hint={t("documents.clearExpiry")}
        error={fieldError("expiresOn")}
      >
        <input
          id={`${id}-expiry`}
          class="input"
          type="date"
          value={expiresOn()}
          onInput={(e) => setExpiresOn(e.currentTarget.value)}
          data-testid="document-edit-expiry"
        />
      </FieldShell>
      <div class="dialog__actions">
        <button type="button" class="button" onClick={props.onClose} disabled={busy()}>
          {t("common.cancel")}
        </button>
        <button
          type="submit"
          class="button button--primary"
          disabled={busy() || !isSafeFilename(filename())}
          data-testid="document-edit-save"
        >
          {busy() ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  )
}
