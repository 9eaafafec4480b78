import "../../ui/documents/documents.css"
import { DOCUMENT_ENTITY_TYPES, DOCUMENT_KINDS, type Document, endpoints } from "@fleetcore/contract"
import { CalendarClock, Files } from "lucide-solid"
import { createMemo, createSignal, For } from "solid-js"
import { createListQuery } from "../../api/createListQuery"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { DocumentPreviewDialog } from "../../ui/documents/DocumentPreviewDialog"
import { EXPIRY_WARNING_DAYS } from "../../ui/documents/documentExpiry"
import { PageHeader } from "../../ui/PageHeader"
import { createTableUrlState, type TableUrlState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { FilterSelect } from "../../ui/table/FilterSelect"
import { listResultOf } from "../../ui/table/listResultOf"
import { listQueryOf } from "../../ui/table/tableUrlState"
import { documentColumns } from "./documentColumns"

const SORTS = ["uploadedAt", "filename", "expiresOn", "sizeBytes", "kind"]
const WINDOWS = [7, 14, 30, 90] as const

/**
 * Every document of the organisation (a driver: theirs): search by file name, filters by record,
 * kind and expiry window, and the "expiring documents" view (seed 003's document expiry
 * dashboard: expiring within 30 days or expired, soonest first). A row opens the preview.
 */
export const DocumentsPage = () => {
  const { t, format } = useI18n()
  const stored = createTableUrlState({ filters: ["entityType", "kind", "expiringWithinDays"], sorts: SORTS })
  // The expiring view lists the soonest expiry first unless the user sorts otherwise, however it was
  // opened: its button, the expiry filter, or a link without a sort (the home page's).
  const url: TableUrlState = {
    ...stored,
    state: createMemo(() => {
      const s = stored.state()
      return s.sort === null && s.filters.expiringWithinDays !== undefined ? { ...s, sort: "expiresOn" } : s
    }),
  }
  const result = createListQuery(endpoints.documents.list, () => ({ query: listQueryOf(url.state()) }))
  const session = useSession()
  const columns = createMemo(() => documentColumns(t, format(), session.can))
  const [preview, setPreview] = createSignal<typeof Document.Encoded | null>(null)
  const expiringView = () => url.state().filters.expiringWithinDays !== undefined

  const showAll = () => url.set({ filters: { ...url.state().filters, expiringWithinDays: "" }, sort: null })
  const showExpiring = () =>
    url.set({
      filters: { ...url.state().filters, expiringWithinDays: String(EXPIRY_WARNING_DAYS) },
      sort: "expiresOn",
    })

  return (
    <div class="page">
      <PageHeader
        title={t("documents.title")}
        description={expiringView() ? t("documents.expiringText") : t("documents.description")}
        actions={
          <div class="documents-views">
            <button
              type="button"
              class="button"
              classList={{ "button--primary": !expiringView() }}
              aria-pressed={!expiringView()}
              onClick={showAll}
              data-testid="documents-view-all"
            >
              <Files size={16} aria-hidden="true" />
              <span>{t("documents.all")}</span>
            </button>
            <button
              type="button"
              class="button"
              classList={{ "button--primary": expiringView() }}
              aria-pressed={expiringView()}
              onClick={showExpiring}
              data-testid="documents-view-expiring"
            >
              <CalendarClock size={16} aria-hidden="true" />
              <span>{t("documents.expiring")}</span>
            </button>
          </div>
        }
      />
      <DataTable
        id="documents"
        label={t("documents.title")}
        columns={columns()}
        result={listResultOf(result)}
        url={url}
        export={{ path: endpoints.listExports.documents.path, query: () => listQueryOf(url.state()) }}
        rowId={(row) => row.id}
        onRowClick={(row) => setPreview(row)}
        searchPlaceholder={t("documents.search")}
        empty={{ title: t("documents.emptyAll"), description: t("documents.emptyAllText") }}
        filters={
          <>
            <FilterSelect
              label={t("documents.record")}
              testId="documents-filter-entity"
              value={url.state().filters.entityType ?? ""}
              all={t("documents.recordAll")}
              onChange={(value) => url.setFilter("entityType", value)}
            >
              <For each={DOCUMENT_ENTITY_TYPES}>
                {(type) => <option value={type}>{t(`documents.entity_${type}`)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("documents.kind")}
              testId="documents-filter-kind"
              value={url.state().filters.kind ?? ""}
              all={t("documents.kindAll")}
              onChange={(value) => url.setFilter("kind", value)}
            >
              <For each={DOCUMENT_KINDS}>
                {(kind) => <option value={kind}>{t(`documents.kind_${kind}`)}</option>}
              </For>
            </FilterSelect>
            <FilterSelect
              label={t("documents.expiry")}
              testId="documents-filter-expiry"
              value={url.state().filters.expiringWithinDays ?? ""}
              all={t("documents.expiryAny")}
              onChange={(value) => url.setFilter("expiringWithinDays", value)}
            >
              <For each={WINDOWS}>
                {(days) => (
                  <option value={String(days)}>{t("documents.within", { days: String(days) })}</option>
                )}
              </For>
            </FilterSelect>
          </>
        }
      />
      <DocumentPreviewDialog document={preview()} onClose={() => setPreview(null)} />
    </div>
  )
}
