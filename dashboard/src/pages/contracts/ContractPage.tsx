import "../organisations/adminPages.css"
import { DocumentsPanel } from "../../ui/documents/DocumentsPanel"
import { RecordState } from "../../ui/RecordState"
import "./records.css"
import { endpoints } from "@fleetcore/contract"
import { A, useNavigate, useParams } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { ArrowLeft, Ban, FileX2, RefreshCw, Trash2 } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { forgetRecord } from "../../api/forgetRecord"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { PageHeader } from "../../ui/PageHeader"
import { showToast } from "../../ui/toast"
import { ContractEditForm } from "./ContractEditForm"
import { ContractStatusBadge } from "./ContractStatusBadge"
import type { ContractView } from "./contractColumns"
import { createContractQuery, invalidateContracts } from "./contractQueries"
import { RenewDialog } from "./RenewDialog"

const BackLink = () => {
  const { t } = useI18n()
  return (
    <A href="/contracts" class="button button--ghost" data-testid="contract-back">
      <ArrowLeft size={16} aria-hidden="true" />
      <span>{t("contractsPenalties.contracts.back")}</span>
    </A>
  )
}

const Facts = (props: { readonly contract: ContractView }) => {
  const { t, format } = useI18n()
  const c = () => props.contract
  return (
    <dl class="facts" data-testid="contract-facts">
      <dt>{t("contractsPenalties.status")}</dt>
      <dd>
        <ContractStatusBadge contract={c()} />
      </dd>
      <dt>{t("contractsPenalties.vehicle")}</dt>
      <dd>
        {c().vehicleName} <span class="muted">{c().vehiclePlate ?? ""}</span>
      </dd>
      <dt>{t("contractsPenalties.contracts.type")}</dt>
      <dd>{t(`contractsPenalties.contracts.type_${c().type}`)}</dd>
      <dt>{t("contractsPenalties.contracts.number")}</dt>
      <dd>{c().number ?? "—"}</dd>
      <dt>{t("contractsPenalties.contracts.term")}</dt>
      <dd data-testid="contract-term">
        {format().day(c().startDate)} – {format().day(c().endDate)}
      </dd>
      <dt>{t("contractsPenalties.amount")}</dt>
      <dd data-testid="contract-amount-view">
        {format().money(c().amount, c().currency)} ·{" "}
        {t(`contractsPenalties.contracts.frequency_${c().paymentFrequency}`)}
      </dd>
      <dt>{t("contractsPenalties.contracts.autoRenew")}</dt>
      <dd>{c().autoRenew ? t("contractsPenalties.yes") : t("contractsPenalties.no")}</dd>
      <Show when={c().insurance}>
        {(ins) => (
          <>
            <dt>{t("contractsPenalties.contracts.sumInsured")}</dt>
            <dd>{ins().sumInsured === null ? "—" : format().money(ins().sumInsured ?? "0", c().currency)}</dd>
            <dt>{t("contractsPenalties.contracts.deductible")}</dt>
            <dd>{ins().deductible === null ? "—" : format().money(ins().deductible ?? "0", c().currency)}</dd>
            <dt>{t("contractsPenalties.contracts.coveredRisks")}</dt>
            <dd>{ins().coveredRisks.length === 0 ? "—" : ins().coveredRisks.join(", ")}</dd>
            <dt>{t("contractsPenalties.contracts.policyHolder")}</dt>
            <dd>{ins().policyHolder ?? "—"}</dd>
          </>
        )}
      </Show>
      <Show when={c().previousContractId}>
        {(id) => (
          <>
            <dt>{t("contractsPenalties.contracts.renews")}</dt>
            <dd>
              <A href={`/contracts/${id()}`} data-testid="contract-previous">
                {t("contractsPenalties.contracts.previous")}
              </A>
            </dd>
          </>
        )}
      </Show>
      <Show when={c().renewedById}>
        {(id) => (
          <>
            <dt>{t("contractsPenalties.contracts.renewedBy")}</dt>
            <dd>
              <A href={`/contracts/${id()}`} data-testid="contract-next">
                {t("contractsPenalties.contracts.next")}
              </A>
            </dd>
          </>
        )}
      </Show>
      <Show when={c().cancelledAt}>
        {(at) => (
          <>
            <dt>{t("contractsPenalties.contracts.cancelledAt")}</dt>
            <dd>
              {format().dateTime(Date.parse(at()))} {c().cancelReason ? `· ${c().cancelReason}` : ""}
            </dd>
          </>
        )}
      </Show>
      <dt>{t("contractsPenalties.notes")}</dt>
      <dd class="pre-line">{c().notes ?? "—"}</dd>
    </dl>
  )
}

/** One contract: its facts; renew, cancel, edit and delete for those who manage contracts. */
export const ContractPage = () => {
  const { t } = useI18n()
  const params = useParams<{ id: string }>()
  const session = useSession()
  const api = useApi()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const query = createContractQuery(() => params.id)
  const [renewing, setRenewing] = createSignal(false)
  const [cancelling, setCancelling] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const manage = () => session.can("contracts.manage")

  return (
    <div class="page page--narrow">
      <RecordState
        query={query}
        notFound={{
          testId: "contract-not-found",
          icon: <FileX2 size={22} />,
          title: t("contractsPenalties.contracts.notFound"),
          description: t("contractsPenalties.contracts.notFoundText"),
          action: <BackLink />,
        }}
      >
        {(contract) => (
          <>
            <PageHeader
              title={contract().contractor}
              description={t(`contractsPenalties.contracts.type_${contract().type}`)}
              actions={<BackLink />}
            />
            <section class="panel">
              <Facts contract={contract()} />
              <Show when={manage()}>
                <div class="record-actions">
                  <Show when={contract().status !== "cancelled" && contract().renewedById === null}>
                    <button
                      type="button"
                      class="button button--primary"
                      data-testid="contract-renew"
                      onClick={() => setRenewing(true)}
                    >
                      <RefreshCw size={16} aria-hidden="true" />
                      <span>{t("contractsPenalties.contracts.renew")}</span>
                    </button>
                  </Show>
                  <Show when={contract().status !== "cancelled"}>
                    <button
                      type="button"
                      class="button button--danger-outline"
                      data-testid="contract-cancel"
                      onClick={() => setCancelling(true)}
                    >
                      <Ban size={16} aria-hidden="true" />
                      <span>{t("contractsPenalties.contracts.cancel")}</span>
                    </button>
                  </Show>
                  <button
                    type="button"
                    class="button button--danger-outline"
                    data-testid="contract-delete"
                    onClick={() => setDeleting(true)}
                  >
                    <Trash2 size={16} aria-hidden="true" />
                    <span>{t("contractsPenalties.delete")}</span>
                  </button>
                </div>
              </Show>
            </section>
            <Show when={manage() && contract().status !== "cancelled"}>
              <section class="panel">
                <div class="panel__header">
                  <h2>{t("contractsPenalties.contracts.edit")}</h2>
                </div>
                <ContractEditForm contract={contract()} />
              </section>
            </Show>
            <DocumentsPanel entityType="contract" entityId={contract().id} />
            <RenewDialog contract={contract()} open={renewing()} onOpenChange={setRenewing} />
            <ConfirmDialog
              open={cancelling()}
              onOpenChange={setCancelling}
              title={t("contractsPenalties.contracts.cancelTitle")}
              description={t("contractsPenalties.contracts.cancelText", {
                contractor: contract().contractor,
              })}
              confirmLabel={t("contractsPenalties.contracts.cancel")}
              destructive
              onConfirm={async () => {
                await api.call(endpoints.contracts.cancel, { params: { id: contract().id }, body: {} })
                await invalidateContracts(queryClient)
                showToast("success", t("contractsPenalties.contracts.cancelled"))
              }}
            />
            <ConfirmDialog
              open={deleting()}
              onOpenChange={setDeleting}
              title={t("contractsPenalties.contracts.deleteTitle")}
              description={t("contractsPenalties.contracts.deleteText", {
                contractor: contract().contractor,
              })}
              confirmLabel={t("contractsPenalties.delete")}
              destructive
              onConfirm={async () => {
                await api.call(endpoints.contracts.delete, { params: { id: contract().id } })
                await forgetRecord(queryClient, contract().id)
                await invalidateContracts(queryClient)
                showToast("success", t("contractsPenalties.deleted"))
                navigate("/contracts")
              }}
            />
          </>
        )}
      </RecordState>
    </div>
  )
}
