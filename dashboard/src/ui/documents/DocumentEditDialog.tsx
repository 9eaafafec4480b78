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
        body: { kind: kind(), expiresOn: expiresOn() === "" ? null : expiresOn(), filename: filename() },
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
