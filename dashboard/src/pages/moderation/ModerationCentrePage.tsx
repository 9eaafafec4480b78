import {
  type CentreDetail,
  endpoints,
  MODERATION_DECISIONS,
  MODERATION_MOVES,
  type ModerationDecision,
} from "@fleetcore/contract"
import { A, useParams } from "@solidjs/router"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import { ArrowLeft, ShieldCheck } from "lucide-solid"
import { createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { PageHeader } from "../../ui/PageHeader"
import { ReasonDialog } from "../../ui/ReasonDialog"
import { RecordState } from "../../ui/RecordState"
import { showToast } from "../../ui/toast"
import "../vehicleAccess/vehicleAccess.css"

type Centre = typeof CentreDetail.Encoded

/**
 * One centre as the moderators judge it (issue 16): its details, its verification documents (opened
 * through the moderators' own route), the decisions so far, and the decisions its status allows:
 * approve or reject a submitted centre (a reason to reject), suspend an approved one (with a
 * reason), reinstate a suspended one. The centre's owners are told.
 */
export const ModerationCentrePage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const params = useParams<{ id: string }>()
  const centre = useQuery(() => ({
    queryKey: [endpoints.moderation.centre.id, params.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.moderation.centre, { params: { id: params.id } }, signal),
  }))
  const [deciding, setDeciding] = createSignal<ModerationDecision | null>(null)
  const decide = async (decision: ModerationDecision, reason?: string) => {
    await api.call(endpoints.moderation.decide, {
      params: { id: params.id },
      body: { decision, ...(reason === undefined || reason === "" ? {} : { reason }) },
    })
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [endpoints.moderation.centre.id] }),
      queryClient.invalidateQueries({ queryKey: [endpoints.moderation.centres.id] }),
    ])
    showToast("success", t("moderation.decided"))
  }
  return (
    <RecordState
      query={centre}
      notFound={{
        testId: "moderation-centre-not-found",
        icon: <ShieldCheck size={22} />,
        title: t("moderation.centreNotFound"),
        description: t("moderation.centreNotFoundText"),
      }}
    >
      {(c: () => Centre) => {
        const allowed = () =>
          MODERATION_DECISIONS.filter((d) => MODERATION_MOVES[d].from.includes(c().status))
        const fact = (name: string, value: string | null) => (
          <div>
            <dt>{name}</dt>
            <dd>{value ?? "—"}</dd>
          </div>
        )
        return (
          <div class="page vehicle-access" data-testid="moderation-centre-page">
            <PageHeader
              title={c().name}
              description={t(`moderation.status_${c().status}`)}
              actions={
                <A href="/moderation" class="button button--ghost" data-testid="moderation-back">
                  <ArrowLeft size={16} aria-hidden="true" />
                  <span>{t("moderation.back")}</span>
                </A>
              }
            />
            <section class="panel">
              <h2 class="panel__title">{t("moderation.details")}</h2>
              <dl class="facts" data-testid="moderation-facts">
                {fact(t("moderation.country"), c().country)}
                {fact(t("moderation.address"), c().address)}
                {fact(t("moderation.phone"), c().phone)}
                {fact(t("moderation.taxId"), c().taxId)}
                {fact(t("moderation.legalName"), c().legalName)}
                {fact(t("moderation.registrationNumber"), c().registrationNumber)}
                {fact(t("moderation.website"), c().website)}
                {fact(t("moderation.about"), c().description)}
              </dl>
              <Show when={c().statusReason}>{(r) => <p class="muted">{r()}</p>}</Show>
              <div class="vehicle-access__actions">
                <For each={allowed()}>
                  {(d) => (
                    <button
                      type="button"
                      class={d === "approve" || d === "reinstate" ? "button button--primary" : "button"}
                      data-testid={`moderation-${d}`}
                      onClick={() => setDeciding(d)}
                    >
                      {t(`moderation.decision_${d}`)}
                    </button>
                  )}
                </For>
              </div>
            </section>
            <section class="panel" data-testid="moderation-documents">
              <h2 class="panel__title">{t("moderation.documents")}</h2>
              <Show
                when={c().documents.length > 0}
                fallback={<p class="muted">{t("moderation.documentsNone")}</p>}
              >
                <ul class="document-links">
                  <For each={c().documents}>
                    {(d) => (
                      <li>
                        <a
                          href={`${d.downloadUrl}?inline=true`}
                          target="_blank"
                          rel="noopener"
                          data-testid="moderation-document"
                        >
                          {d.filename}
                        </a>{" "}
                        <span class="muted">
                          {format().fileSize(d.sizeBytes)} · {format().dateTime(Date.parse(d.uploadedAt))}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <section class="panel" data-testid="moderation-history">
              <h2 class="panel__title">{t("moderation.history")}</h2>
              <Show
                when={c().decisions.length > 0}
                fallback={<p class="muted">{t("moderation.historyNone")}</p>}
              >
                <ul>
                  <For each={c().decisions}>
                    {(d) => (
                      <li>
                        {format().dateTime(Date.parse(d.decidedAt))} ·{" "}
                        {t("moderation.decisionLine", {
                          decision: t(`moderation.decision_${d.decision}`),
                          from: t(`moderation.status_${d.fromStatus}`),
                          to: t(`moderation.status_${d.toStatus}`),
                        })}
                        <Show when={d.reason}>{(r) => <span class="muted"> · {r()}</span>}</Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <ConfirmDialog
              open={deciding() === "approve" || deciding() === "reinstate"}
              onOpenChange={(open) => !open && setDeciding(null)}
              title={t(deciding() === "reinstate" ? "moderation.reinstateTitle" : "moderation.approveTitle", {
                centre: c().name,
              })}
              description={t(
                deciding() === "reinstate" ? "moderation.reinstateText" : "moderation.approveText",
              )}
              confirmLabel={t(`moderation.decision_${deciding() ?? "approve"}`)}
              onConfirm={() => decide(deciding() ?? "approve")}
            />
            <ReasonDialog
              open={deciding() === "reject" || deciding() === "suspend"}
              onOpenChange={(open) => !open && setDeciding(null)}
              title={t(`moderation.decision_${deciding() ?? "reject"}`)}
              label={t(deciding() === "suspend" ? "moderation.whySuspend" : "moderation.whyReject")}
              confirmLabel={t(`moderation.decision_${deciding() ?? "reject"}`)}
              testId="moderation-reason"
              onConfirm={(reason) => decide(deciding() ?? "reject", reason)}
            />
          </div>
        )
      }}
    </RecordState>
  )
}
