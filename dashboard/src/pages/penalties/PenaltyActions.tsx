import { endpoints, isConfinedToAssignedVehicles } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { Schema } from "effect"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import type { Dictionary } from "../../i18n/en"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"
import { PayDialog } from "./PayDialog"
import type { PenaltyView } from "./penaltyColumns"
import { invalidatePenalties } from "./penaltyQueries"
import { StepDialog } from "./StepDialog"

const Note = Schema.String.check(Schema.isTrimmed(), Schema.isMinLength(1), Schema.isMaxLength(2000))

type Dialog = "pay" | "dispute" | "reject" | "confirm" | "cancel" | "reopen" | null

/**
 * The buttons of the fine's flow that the caller's role and the fine's status allow (the server
 * checks the same table): a driver reports paying or disputes an open fine; a manager confirms or
 * rejects a reported payment, records an open one paid, cancels or reopens. "I paid" and "Dispute"
 * are the fine's driver's words: a driver sees only their own fines, and the office, which may
 * see every fine, records a payment with "Mark paid" instead.
 */
export const PenaltyActions = (props: { readonly penalty: PenaltyView }) => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [open, setOpen] = createSignal<Dialog>(null)
  const status = () => props.penalty.status
  const pay = () => {
    const user = session.user()
    return user !== null && isConfinedToAssignedVehicles(user.role) && session.can("penalties.pay")
  }
  const manage = () => session.can("penalties.manage")
  const k = (key: keyof Dictionary["contractsPenalties"]["penalties"]) =>
    `contractsPenalties.penalties.${key}` as const
  const id = () => ({ id: props.penalty.id })
  const done = async (message: string) => {
    await invalidatePenalties(queryClient)
    showToast("success", message)
  }
  const dialogProps = (name: Exclude<Dialog, null>) => ({
    open: open() === name,
    onOpenChange: (o: boolean) => setOpen(o ? name : null),
  })
  const button = (name: Exclude<Dialog, null>, label: string, kind: "primary" | "plain" | "danger") => (
    <button
      type="button"
      class={
        kind === "primary"
          ? "button button--primary"
          : kind === "danger"
            ? "button button--danger-outline"
            : "button"
      }
      data-testid={`penalty-${name}`}
      onClick={() => setOpen(name)}
    >
      {label}
    </button>
  )
  return (
    <div class="record-actions" data-testid="penalty-actions">
      <Show when={pay() && status() === "open"}>
        {button("pay", t(k("iPaid")), "primary")}
        {button("dispute", t(k("dispute")), "plain")}
      </Show>
      <Show when={manage() && (status() === "paid_by_driver" || status() === "open")}>
        {button(
          "confirm",
          status() === "open" ? t(k("markPaid")) : t(k("confirm")),
          status() === "open" ? "plain" : "primary",
        )}
      </Show>
      <Show when={manage() && status() === "paid_by_driver"}>
        {button("reject", t(k("reject")), "danger")}
      </Show>
      <Show when={manage() && (status() === "open" || status() === "disputed")}>
        {button("cancel", t(k("cancel")), "danger")}
      </Show>
      <Show when={manage() && (status() === "disputed" || status() === "cancelled")}>
        {button("reopen", t(k("reopen")), "plain")}
      </Show>

      <PayDialog {...dialogProps("pay")} penaltyId={props.penalty.id} onDone={() => done(t(k("reported")))} />
      <StepDialog
        {...dialogProps("dispute")}
        title={t(k("disputeTitle"))}
        description={t(k("disputeText"))}
        submitLabel={t(k("dispute"))}
        testId="penalty-dispute-dialog"
        inputs={[
          { name: "note", label: t(k("note")), schema: Note, invalid: t("contractsPenalties.required") },
        ]}
        onSubmit={async (v) => {
          await api.call(endpoints.penalties.dispute, { params: id(), body: { note: v.note ?? "" } })
          await done(t(k("disputed")))
        }}
      />
      <StepDialog
        {...dialogProps("reject")}
        title={t(k("rejectTitle"))}
        description={t(k("rejectText"))}
        submitLabel={t(k("reject"))}
        testId="penalty-reject-dialog"
        inputs={[
          {
            name: "reason",
            label: t(k("rejectReason")),
            schema: Note,
            invalid: t("contractsPenalties.required"),
          },
        ]}
        onSubmit={async (v) => {
          await api.call(endpoints.penalties.reject, { params: id(), body: { reason: v.reason ?? "" } })
          await done(t(k("rejected")))
        }}
      />
      <ConfirmDialog
        {...dialogProps("confirm")}
        title={status() === "open" ? t(k("markPaidTitle")) : t(k("confirmTitle"))}
        description={status() === "open" ? t(k("markPaidText")) : t(k("confirmText"))}
        confirmLabel={status() === "open" ? t(k("markPaid")) : t(k("confirm"))}
        onConfirm={async () => {
          await api.call(endpoints.penalties.confirm, { params: id(), body: {} })
          await done(t(k("confirmed")))
        }}
      />
      <ConfirmDialog
        {...dialogProps("cancel")}
        title={t(k("cancelTitle"))}
        description={t(k("cancelText"))}
        confirmLabel={t(k("cancel"))}
        destructive
        onConfirm={async () => {
          await api.call(endpoints.penalties.cancel, { params: id(), body: {} })
          await done(t(k("cancelled")))
        }}
      />
      <ConfirmDialog
        {...dialogProps("reopen")}
        title={t(k("reopenTitle"))}
        description={t(k("reopenText"))}
        confirmLabel={t(k("reopen"))}
        onConfirm={async () => {
          await api.call(endpoints.penalties.reopen, { params: id(), body: {} })
          await done(t(k("reopened")))
        }}
      />
    </div>
  )
}
