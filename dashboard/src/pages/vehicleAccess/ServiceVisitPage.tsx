import { endpoints, type ServiceVisitDetail, type WorkItem } from "@fleetcore/contract"
import { A, useParams } from "@solidjs/router"
import { useQuery, useQueryClient } from "@tanstack/solid-query"
import type { ColumnDef } from "@tanstack/solid-table"
import { Wrench } from "lucide-solid"
import { createMemo, createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { PageHeader } from "../../ui/PageHeader"
import { ReasonDialog } from "../../ui/ReasonDialog"
import { RecordState } from "../../ui/RecordState"
import { fixedTableState } from "../../ui/table/createTableUrlState"
import { DataTable } from "../../ui/table/DataTable"
import { staticList } from "../../ui/table/staticList"
import { showToast } from "../../ui/toast"
import { VisitWork } from "../centre/VisitWork"
import { VisitPhotos } from "./VisitPhotos"
import { VisitStatusBadge } from "./VisitStatusBadge"
import "./vehicleAccess.css"

type Visit = typeof ServiceVisitDetail.Encoded
type Item = typeof WorkItem.Encoded

/**
 * One service visit (issue 16). The vehicle's owner sees who did what, the work items and their
 * total, and confirms a completed visit (it enters the service book and the expenses) or disputes it
 * with a reason (the moderators settle it); the centre's staff record it here (`VisitWork`) and
 * add its photos (`VisitPhotos`), which both sides see.
 */
export const ServiceVisitPage = () => {
  const { t, format } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const params = useParams<{ id: string }>()
  const visit = useQuery(() => ({
    queryKey: [endpoints.visits.get.id, params.id] as const,
    queryFn: ({ signal }) => api.call(endpoints.visits.get, { params: { id: params.id } }, signal),
  }))
  const [confirming, setConfirming] = createSignal(false)
  const [disputing, setDisputing] = createSignal(false)
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [endpoints.visits.get.id] }),
      queryClient.invalidateQueries({ queryKey: [endpoints.visits.list.id] }),
    ])
  const columns = createMemo(
    (): ReadonlyArray<ColumnDef<Item, unknown>> => [
      {
        id: "kind",
        header: t("vehicleAccess.itemKind"),
        cell: (c) => t(`vehicleAccess.kind_${c.row.original.kind}`),
      },
      {
        id: "what",
        header: t("vehicleAccess.itemWhat"),
        cell: (c) => (
          <div class="visit-item">
            <strong>{c.row.original.description}</strong>
            <Show when={c.row.original.partNumber}>
              {(n) => (
                <div class="muted">
                  {t("vehicleAccess.partNumber")}: {n()}
                </div>
              )}
            </Show>
            <Show when={c.row.original.recommendations}>
              {(r) => <div class="muted">{t("vehicleAccess.recommends", { what: r() })}</div>}
            </Show>
          </div>
        ),
      },
      {
        id: "quantity",
        header: t("vehicleAccess.quantity"),
        cell: (c) => format().decimal(c.row.original.quantity, 2),
        meta: { align: "end" },
      },
      {
        id: "unit",
        header: t("vehicleAccess.unitCost"),
        cell: (c) => format().money(c.row.original.unitCost, c.row.original.currency),
        meta: { align: "end" },
      },
      {
        id: "total",
        header: t("vehicleAccess.lineTotal"),
        cell: (c) => format().money(c.row.original.lineTotal, c.row.original.currency),
        meta: { align: "end" },
      },
    ],
  )
  return (
    <RecordState
      query={visit}
      notFound={{
        testId: "visit-not-found",
        icon: <Wrench size={22} />,
        title: t("vehicleAccess.visitNotFound"),
        description: t("vehicleAccess.visitNotFoundText"),
      }}
    >
      {(v: () => Visit) => {
        const fact = (name: string, value: string | null, testId?: string) => (
          <div>
            <dt>{name}</dt>
            <dd data-testid={testId}>{value ?? "—"}</dd>
          </div>
        )
        const at = (iso: string | null) => (iso === null ? null : format().dateTime(Date.parse(iso)))
        // Confirmed from "completed", or after the moderators rejected the owner's dispute.
        const confirmable = () =>
          v().status === "completed" || (v().status === "disputed" && v().disputeOutcome === "rejected")
        return (
          <div class="page" data-testid="service-visit">
            <PageHeader
              title={t("vehicleAccess.visitTitle", { centre: v().centreName })}
              description={v().vehicleName ?? ""}
            />
            <section class="panel">
              <p>
                <VisitStatusBadge status={v().status} />
              </p>
              <dl class="facts">
                {fact(t("vehicleAccess.opened"), format().dateTime(Date.parse(v().openedAt)))}
                {fact(
                  t("vehicleAccess.completed"),
                  v().completedAt === null ? null : format().dateTime(Date.parse(v().completedAt ?? "")),
                )}
                {fact(
                  t("vehicleAccess.odometer"),
                  v().odometerKm === null ? null : format().distanceKm((v().odometerKm ?? 0) * 1000),
                  "visit-odometer",
                )}
                {fact(t("vehicleAccess.complaint"), v().complaint)}
                {fact(t("vehicleAccess.total"), format().money(v().total, v().currency))}
                {fact(t("vehicleAccess.disputeReason"), v().disputeReason)}
                <Show when={v().confirmedAt !== null}>
                  {fact(t("vehicleAccess.confirmedAt"), at(v().confirmedAt))}
                </Show>
                <Show when={v().disputeOutcome}>
                  {(outcome) => (
                    <>
                      {fact(
                        t("vehicleAccess.settlement"),
                        `${t(`vehicleAccess.settlement_${outcome()}`)} · ${at(v().settledAt) ?? ""}`,
                        "visit-settlement",
                      )}
                      {fact(t("vehicleAccess.settlementNote"), v().disputeNote, "visit-settlement-note")}
                    </>
                  )}
                </Show>
                <Show when={v().cancelledAt !== null}>
                  {fact(t("vehicleAccess.cancelledAt"), at(v().cancelledAt))}
                  {fact(t("vehicleAccess.cancelReason"), v().cancelReason, "visit-cancel-reason")}
                </Show>
              </dl>
              <Show when={v().maintenanceTaskId !== null}>
                <p>
                  <A href={`/vehicles/${v().vehicleId}?tab=maintenance`} data-testid="visit-service-book">
                    {t("vehicleAccess.inServiceBook")}
                  </A>
                </p>
              </Show>
              <Show when={confirmable() && session.can("visits.confirm")}>
                <div class="vehicle-access__actions">
                  <button
                    type="button"
                    class="button button--primary"
                    data-testid="visit-confirm"
                    onClick={() => setConfirming(true)}
                  >
                    {t("vehicleAccess.confirm")}
                  </button>
                  <Show when={v().status === "completed"}>
                    <button
                      type="button"
                      class="button"
                      data-testid="visit-dispute"
                      onClick={() => setDisputing(true)}
                    >
                      {t("vehicleAccess.dispute")}
                    </button>
                  </Show>
                </div>
              </Show>
            </section>
            <VisitWork visit={v()} onChanged={refresh} />
            <VisitPhotos visit={v()} onChanged={refresh} />
            <section class="panel">
              <h2 class="panel__title">{t("vehicleAccess.workItems")}</h2>
              <DataTable
                id="visit-items"
                label={t("vehicleAccess.workItems")}
                columns={columns()}
                result={staticList(() => v().items, visit)}
                url={fixedTableState(100)}
                rowId={(row) => row.id}
                compact
                empty={{ title: t("vehicleAccess.noItems") }}
              />
            </section>
            <ConfirmDialog
              open={confirming()}
              onOpenChange={setConfirming}
              title={t("vehicleAccess.confirmTitle")}
              description={t("vehicleAccess.confirmText", { total: format().money(v().total, v().currency) })}
              confirmLabel={t("vehicleAccess.confirm")}
              onConfirm={async () => {
                await api.call(endpoints.visits.confirm, { params: { id: v().id } })
                await refresh()
                showToast("success", t("vehicleAccess.confirmed"))
              }}
            />
            <ReasonDialog
              open={disputing()}
              onOpenChange={setDisputing}
              title={t("vehicleAccess.disputeTitle")}
              label={t("vehicleAccess.disputeWhy")}
              confirmLabel={t("vehicleAccess.dispute")}
              testId="dispute-reason"
              onConfirm={async (reason) => {
                await api.call(endpoints.visits.dispute, { params: { id: v().id }, body: { reason } })
                await refresh()
                showToast("success", t("vehicleAccess.disputed"))
              }}
            />
          </div>
        )
      }}
    </RecordState>
  )
}
