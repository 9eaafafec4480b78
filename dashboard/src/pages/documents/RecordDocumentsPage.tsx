import { DOCUMENT_ENTITY_TYPES, type DocumentEntityType } from "@fleetcore/contract"
import { A, useParams } from "@solidjs/router"
import { ArrowLeft } from "lucide-solid"
import { Show } from "solid-js"
import { useI18n } from "../../i18n/I18nContext"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { VehiclePhotoGallery } from "../../ui/documents/VehiclePhotoGallery"
import { EmptyState } from "../../ui/EmptyState"
import { PageHeader } from "../../ui/PageHeader"

const isEntityType = (s: string): s is DocumentEntityType =>
  (DOCUMENT_ENTITY_TYPES as ReadonlyArray<string>).includes(s)

/**
 * The documents of one record (`/documents/vehicle/<id>`): a vehicle's photo gallery, and the
 * record's documents panel, the same blocks the record pages embed.
 */
export const RecordDocumentsPage = () => {
  const { t } = useI18n()
  const params = useParams<{ entityType: string; entityId: string }>()
  const back = (
    <A href="/documents" class="button button--ghost" data-testid="record-documents-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("documents.all")}</span>
    </A>
  )
  return (
    <div class="page page--narrow">
      <Show
        when={isEntityType(params.entityType) ? params.entityType : undefined}
        fallback={<EmptyState title={t("documents.emptyAll")} action={back} />}
      >
        {(type) => (
          <>
            <PageHeader
              title={`${t("documents.title")}: ${t(`documents.entity_${type()}`)}`}
              description={t("documents.description")}
              actions={back}
            />
            <Show when={type() === "vehicle"}>
              <VehiclePhotoGallery vehicleId={params.entityId} />
            </Show>
            <DocumentsPanel entityType={type()} entityId={params.entityId} />
          </>
        )}
      </Show>
    </div>
  )
}
