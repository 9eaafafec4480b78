import type { ListedDocument, Permission } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import type { ColumnDef } from "@tanstack/solid-table"
import { Show } from "solid-js"
import type { I18n } from "../../i18n/createI18n"
import type { Formatters } from "../../i18n/format"
import { DocumentThumb } from "../../ui/documents/DocumentsPanel"
import { documentDetails } from "../../ui/documents/documentDetails"
import { documentRecordHref } from "../../ui/documents/documentRecordHref"
import { ExpiryBadge } from "../../ui/documents/ExpiryBadge"

type Doc = typeof ListedDocument.Encoded

/**
 * The documents list's columns; sortable ones name the endpoint's sort keys. A document's record
 * opens the record's own page where the user `can` open it.
 */
export const documentColumns = (
  t: I18n["t"],
  format: Formatters,
  can: (permission: Permission) => boolean,
): ReadonlyArray<ColumnDef<Doc, unknown>> => [
  {
    id: "filename",
    header: t("documents.file"),
    cell: (c) => (
      <span class="document-name-cell">
        <DocumentThumb document={c.row.original} />
        <span class="document-name-cell__text">
          <strong class="truncate" data-testid="document-row-name" title={c.row.original.filename}>
            {c.row.original.filename}
          </strong>
          <Show when={documentDetails(t, format, c.row.original)}>
            {(details) => (
              <span class="muted truncate" title={details()} data-testid="document-row-details">
                {details()}
              </span>
            )}
          </Show>
        </span>
      </span>
    ),
    meta: { sortKey: "filename", hideable: false },
  },
  {
    id: "kind",
    header: t("documents.kind"),
    cell: (c) => t(`documents.kind_${c.row.original.kind}`),
    meta: { sortKey: "kind", width: "11rem" },
  },
  {
    id: "record",
    header: t("documents.record"),
    cell: (c) => {
      // A task's or ticket's title can be long: cut to the column, whole on hover.
      const name = () => c.row.original.entityName ?? t(`documents.entity_${c.row.original.entityType}`)
      return (
        <A
          href={documentRecordHref(c.row.original.entityType, c.row.original.entityId, can)}
          onClick={(e) => e.stopPropagation()}
          class="truncate"
          title={name()}
          data-testid="document-row-record"
        >
          {name()}
        </A>
      )
    },
    meta: { width: "9rem" },
  },
  {
    id: "expiresOn",
    header: t("documents.expiry"),
    cell: (c) => <ExpiryBadge expiresOn={c.row.original.expiresOn} />,
    meta: { sortKey: "expiresOn", width: "13rem" },
  },
  {
    id: "sizeBytes",
    header: t("documents.size"),
    cell: (c) => format.fileSize(c.row.original.sizeBytes),
    meta: { sortKey: "sizeBytes", width: "7rem", align: "end" },
  },
  {
    id: "uploadedAt",
    header: t("documents.uploadedAt"),
    cell: (c) => (
      <time datetime={c.row.original.uploadedAt}>
        {format.dateTime(Date.parse(c.row.original.uploadedAt))}
      </time>
    ),
    meta: { sortKey: "uploadedAt", width: "13rem" },
  },
]
