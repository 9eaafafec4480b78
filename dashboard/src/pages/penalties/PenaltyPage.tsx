import "../organisations/adminPages.css"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { RecordState } from "../../ui/RecordState"
import "../contracts/records.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate, useParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { ArrowLeft, FileX2, Trash2 } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { forgetRecord } from "../../api/forgetRecord"
import { useSession } from "../../auth/SessionContext"
import type { Dictionary } from "../../i18n/en"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { PenaltyActions } from "./PenaltyActions"
import { PenaltyEditForm } from "./PenaltyEditForm"
import { PenaltyStatusBadge } from "./PenaltyStatusBadge"
import { createPenaltyQuery, invalidatePenalties } from "./penaltyQueries"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/penalties" class="button button--ghost" data-testid="penalty-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("contractsPenalties.penalties.back")}</span>
    </A>
  )
}

/** One fine: its facts and the steps of the flow the caller may take. */
export const PenaltyPage = () => {
  const { t, format } = useI18n()
  const params = useParams<{ id: string }>()
  const session = useSession()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const query = createPenaltyQuery(() => params.id)
  const [deleting, setDeleting] = createSignal(false)
  const k = (key: keyof Dictionary["contractsPenalties"]["penalties"]) =>
    `contractsPenalties.penalties.${key}` as const

  return (
    <div class="page page--narrow">
      <RecordState
        query={query}
        notFound={{
          testId: "penalty-not-found",
          icon: <FileX2 size={22} />,
          title: t(k("notFound")),
          description: t(k("notFoundText")),
          action: <BackLink />,
        }}
      >
        {(p) => (
          <>
            <PageHeader
              title={p().reason}
              description={format().money(p().amount, p().currency)}
              actions={<BackLink />}
            />
            <section class="panel">
              <dl class="facts" data-testid="penalty-facts">
                <dt>{t("contractsPenalties.status")}</dt>
                <dd>
                  <PenaltyStatusBadge status={p().status} />
                </dd>
                <dt>{t("contractsPenalties.amount")}</dt>
                <dd data-testid="penalty-amount-view">{format().money(p().amount, p().currency)}</dd>
                <dt>{t(k("offenceAt"))}</dt>
                <dd>{format().dateTime(Date.parse(p().offenceAt))}</dd>
                <dt>{t("contractsPenalties.vehicle")}</dt>
                <dd>
                  {p().vehicleName} <span class="muted">{p().vehiclePlate ?? ""}</span>
                </dd>
                <dt>{t(k("driver"))}</dt>
                <dd data-testid="penalty-driver">{p().driverName ?? t(k("noDriver"))}</dd>
                <dt>{t(k("article"))}</dt>
                <dd>{p().article ?? "—"}</dd>
                <dt>{t(k("resolutionNumber"))}</dt>
                <dd>{p().resolutionNumber ?? "—"}</dd>
                <dt>{t(k("dueDate"))}</dt>
                <dd>{p().dueDate === null ? "—" : format().day(p().dueDate ?? "")}</dd>
                <dt>{t(k("paidOn"))}</dt>
                <dd data-testid="penalty-paid-on-view">
                  {p().paidOn === null ? "—" : format().day(p().paidOn ?? "")}
                </dd>
                <dt>{t(k("receipt"))}</dt>
                <dd class="truncate">
                  <Show when={p().receiptDocumentId} fallback="—">
                    {(receipt) => (
                      <a
                        href={`/api/v1/documents/${receipt()}/content?inline=true`}
                        target="_blank"
                        rel="noopener"
                        data-testid="penalty-receipt-link"
                      >
                        {t("documents.preview")}
                      </a>
                    )}
                  </Show>
                </dd>
                <Show when={p().statusNote}>
                  <dt>{t(k("note"))}</dt>
                  <dd class="pre-line" data-testid="penalty-status-note">
                    {p().statusNote}
                  </dd>
                </Show>
              </dl>
              <PenaltyActions penalty={p()} />
              <Show when={session.can("penalties.manage")}>
                <div class="record-actions">
                  <button
                    type="button"
                    class="button button--danger-outline"
                    data-testid="penalty-delete"
                    onClick={() => setDeleting(true)}
                  >
                    <Trash2 size={16} aria-hidden="true" />
                    <span>{t("contractsPenalties.delete")}</span>
                  </button>
                </div>
              </Show>
            </section>
            <Show
              when={session.can("penalties.manage") && (p().status === "open" || p().status === "disputed")}
            >
              <Show when={`${p().id}:${p().updatedAt}`} keyed>
                <PenaltyEditForm penalty={p()} />
              </Show>
            </Show>
            <DocumentsPanel entityType="penalty" entityId={p().id} />
            <ConfirmDialog
              open={deleting()}
              onOpenChange={setDeleting}
              title={t(k("deleteTitle"))}
              description={t(k("deleteText"))}
              confirmLabel={t("contractsPenalties.delete")}
              destructive
              onConfirm={async () => {
                await api.call(endpoints.penalties.delete, { params: { id: p().id } })
                await forgetRecord(queryClient, p().id)
                await invalidatePenalties(queryClient)
                showToast("success", t("contractsPenalties.deleted"))
                navigate("/penalties")
              }}
            />
          </>
        )}
      </RecordState>
    </div>
  )
}
