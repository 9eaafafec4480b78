import { type Document, type DocumentEntityType, endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Download, Eye, FileText, Pencil, Trash2 } from "lucide-solid"
import { createSignal, For, Match, Show, Switch } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../ConfirmDialog"
import { EmptyState } from "../EmptyState"
import { ErrorState } from "../ErrorState"
import { Spinner } from "../Spinner"
import { ExportMenu } from "../table/ExportMenu"
import { showToast } from "../toast"
import "./documents.css"
import { DocumentDropZone } from "./DocumentDropZone"
import { DocumentEditDialog } from "./DocumentEditDialog"
import { DocumentPreviewDialog } from "./DocumentPreviewDialog"
import { documentDetails } from "./documentDetails"
import { createEntityDocumentsQuery, invalidateDocuments } from "./documentQueries"
import { ExpiryBadge } from "./ExpiryBadge"

type Doc = typeof Document.Encoded

/** A document's small picture: its thumbnail, else a file icon. */
export const DocumentThumb = (props: { readonly document: Doc }) => {
  const { t } = useI18n()
  return (
    <Show
      when={props.document.thumbnailUrl}
      fallback={
        <span class="document-thumb document-thumb--file" aria-hidden="true">
          <FileText size={22} />
          <span>{props.document.mimeType === "application/pdf" ? "PDF" : ""}</span>
        </span>
      }
    >
      {(url) => (
        <img
          class="document-thumb"
          src={url()}
          alt={t("documents.thumbnailOf", { name: props.document.filename })}
          loading="lazy"
        />
      )}
    </Show>
  )
}

/**
 * The documents of one record (vehicle, driver, maintenance task, contract, expense, penalty):
 * drag-and-drop upload of several files with per-file progress and errors, the list with
 * thumbnails and expiry badges, preview (images, PDFs inline), edit and delete.
 */
export const DocumentsPanel = (props: {
  readonly entityType: DocumentEntityType
  readonly entityId: string
}) => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const query = createEntityDocumentsQuery(() => ({ entityType: props.entityType, entityId: props.entityId }))
  const [preview, setPreview] = createSignal<Doc | null>(null)
  const [editing, setEditing] = createSignal<Doc | null>(null)
  const [deleting, setDeleting] = createSignal<Doc | null>(null)

  const remove = async () => {
    const d = deleting()
    if (d === null) return
    await api.call(endpoints.documents.delete, { params: { id: d.id } })
    await invalidateDocuments(queryClient)
    showToast("success", t("documents.deleted"))
  }

  return (
    <section class="panel documents-panel" data-testid="documents-panel">
      <div class="panel__header">
        <h2>{t("documents.panelTitle")}</h2>
        <ExportMenu
          id="documents-panel"
          export={{
            path: endpoints.listExports.documents.path,
            query: () => ({ entityType: props.entityType, entityId: props.entityId }),
          }}
        />
      </div>
      <Show when={session.can("documents.upload")}>
        <DocumentDropZone entityType={props.entityType} entityId={props.entityId} />
      </Show>
      <Switch>
        <Match when={query.isLoading}>
          <Spinner label={t("states.loading")} />
        </Match>
        <Match when={query.isError}>
          <ErrorState error={query.error} retry={() => void query.refetch()} />
        </Match>
        <Match when={query.data?.items.length === 0}>
          <EmptyState
            icon={<FileText size={22} />}
            title={t("documents.empty")}
            description={t("documents.emptyText")}
          />
        </Match>
        <Match when={query.data}>
          {(data) => (
            <ul class="document-list" data-testid="document-list">
              <For each={data().items}>
                {(d) => (
                  <li class="document-list__item" data-testid="document-item" data-document-id={d.id}>
                    <button
                      type="button"
                      class="document-list__thumb"
                      onClick={() => setPreview(d)}
                      aria-label={t("documents.preview")}
                    >
                      <DocumentThumb document={d} />
                    </button>
                    <div class="document-list__text">
                      <span class="document-list__name truncate" title={d.filename}>
                        {d.filename}
                      </span>
                      <Show when={documentDetails(t, format(), d)}>
                        {(details) => (
                          <span class="document-list__details" data-testid="document-details">
                            {details()}
                          </span>
                        )}
                      </Show>
                      <span class="document-list__facts muted">
                        {t(`documents.kind_${d.kind}`)} · {format().fileSize(d.sizeBytes)} ·{" "}
                        <time datetime={d.uploadedAt}>{format().dateTime(Date.parse(d.uploadedAt))}</time>
                      </span>
                      <ExpiryBadge expiresOn={d.expiresOn} />
                    </div>
                    <div class="document-list__actions">
                      <button
                        type="button"
                        class="button button--ghost button--icon"
                        title={t("documents.preview")}
                        aria-label={t("documents.preview")}
                        onClick={() => setPreview(d)}
                        data-testid="document-preview-open"
                      >
                        <Eye size={16} aria-hidden="true" />
                      </button>
                      <a
                        class="button button--ghost button--icon"
                        href={d.downloadUrl}
                        download={d.filename}
                        title={t("documents.download")}
                        aria-label={t("documents.download")}
                      >
                        <Download size={16} aria-hidden="true" />
                      </a>
                      <Show when={session.can("documents.manage")}>
                        <button
                          type="button"
                          class="button button--ghost button--icon"
                          title={t("documents.edit")}
                          aria-label={t("documents.edit")}
                          onClick={() => setEditing(d)}
                          data-testid="document-edit-open"
                        >
                          <Pencil size={16} aria-hidden="true" />
                        </button>
                        <button
                          type="button"
                          class="button button--ghost button--icon"
                          title={t("documents.delete")}
                          aria-label={t("documents.delete")}
                          onClick={() => setDeleting(d)}
                          data-testid="document-delete"
                        >
                          <Trash2 size={16} aria-hidden="true" />
                        </button>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
      <DocumentPreviewDialog document={preview()} onClose={() => setPreview(null)} />
      <DocumentEditDialog document={editing()} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting() !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("documents.deleteTitle")}
        description={<p>{t("documents.deleteText", { name: deleting()?.filename ?? "" })}</p>}
        confirmLabel={t("documents.deleteConfirm")}
        destructive
        onConfirm={remove}
      />
    </section>
  )
}
