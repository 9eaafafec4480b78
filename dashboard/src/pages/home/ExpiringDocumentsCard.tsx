import { HOME_EXPIRY_DAYS } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { For, Show } from "solid-js"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { documentRecordHref } from "../../ui/documents/documentRecordHref"
import { ExpiryBadge } from "../../ui/documents/ExpiryBadge"
import type { HomeSummaryView } from "./homeQueries"

/**
 * Seed 003 "Document Expiry Dashboard": the count opens the documents list's expiring view; each
 * row names the record the document belongs to and opens it.
 */
export const ExpiringDocumentsCard = (props: {
  readonly documents: NonNullable<HomeSummaryView["documents"]>
}) => {
  const { t, format } = useI18n()
  const session = useSession()
  return (
    <section class="panel home-widget" data-testid="home-documents">
      <div class="home-widget__head">
        <h2>{t("overview.documents")}</h2>
        <A
          href={`/documents?expiringWithinDays=${HOME_EXPIRY_DAYS}`}
          class="home-count"
          data-testid="home-documents-count"
        >
          {format().integer(props.documents.expiring)}
        </A>
      </div>
      <p class="muted">
        {t("overview.documentsHint", { days: String(HOME_EXPIRY_DAYS) })}
        <Show when={props.documents.expired > 0}>
          {" · "}
          {t("overview.documentsExpired", { count: format().integer(props.documents.expired) })}
        </Show>
      </p>
      <Show
        when={props.documents.items.length > 0}
        fallback={<p class="muted">{t("overview.documentsNone")}</p>}
      >
        <ul class="home-list">
          <For each={props.documents.items}>
            {(d) => (
              <li>
                <A
                  href={documentRecordHref(d.entityType, d.entityId, session.can)}
                  class="home-list__row"
                  data-testid="home-document"
                >
                  <span class="home-list__main">
                    <strong data-testid="home-document-record">
                      {d.entityName ?? t(`documents.entity_${d.entityType}`)}
                    </strong>
                    <span class="muted">{d.filename}</span>
                  </span>
                  <ExpiryBadge expiresOn={d.expiresOn} />
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
