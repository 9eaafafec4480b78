import { can, endpoints, TICKET_MOVES, type TicketStatus } from "@fleetcore/contract"
import { A } from "@solidjs/router"
import { useQueryClient } from "@tanstack/solid-query"
import { ClipboardList, Wrench } from "lucide-solid"
import { createMemo, createSignal, For, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { createListQuery } from "../../api/createListQuery"
import { errorMessage } from "../../api/errorMessage"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"
import { ticketStatusLabel } from "./ticketLabels"
import { type TicketView, ticketChanged } from "./ticketQueries"

/**
 * What the office does with a ticket: assign it, move it along (only the moves the server allows
 * from its status; rejecting asks first), make a repair of it in the vehicle's service book, and
 * make a task of it (linked both ways).
 */
export const TicketActions = (props: { readonly ticket: TicketView }) => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [busy, setBusy] = createSignal(false)
  const [confirm, setConfirm] = createSignal<"reject" | "repair" | "task" | null>(null)
  const users = createListQuery(endpoints.users.list, () => ({
    query: { status: "active" as const, pageSize: "200", sort: "name" as const },
    enabled: session.can("users.read"),
  }))
  const assignees = createMemo(() => (users.data?.items ?? []).filter((u) => can(u.role, "tickets.manage")))
  const run = async (action: () => Promise<TicketView>, done: (ticket: TicketView) => string) => {
    setBusy(true)
    try {
      const ticket = await action()
      await ticketChanged(queryClient, ticket)
      showToast("success", done(ticket))
    } catch (error) {
      showToast("error", errorMessage(t, error))
    } finally {
      setBusy(false)
    }
  }
  const assign = (assigneeId: string | null) =>
    run(
      () => api.call(endpoints.tickets.assign, { params: { id: props.ticket.id }, body: { assigneeId } }),
      () => t("tickets.assigned"),
    )
  const move = (status: TicketStatus) =>
    run(
      () => api.call(endpoints.tickets.transition, { params: { id: props.ticket.id }, body: { status } }),
      (ticket) => t("tickets.moved", { status: ticketStatusLabel(t, ticket.status) }),
    )
  const repair = async () => {
    const ticket = await api.call(endpoints.tickets.makeRepair, { params: { id: props.ticket.id }, body: {} })
    await ticketChanged(queryClient, ticket)
    await queryClient.invalidateQueries({ queryKey: [endpoints.maintenance.listTasks.id] })
    showToast("success", t("tickets.repairMade"))
  }
  const makeTask = async () => {
    const ticket = await api.call(endpoints.tickets.makeTask, { params: { id: props.ticket.id }, body: {} })
    await ticketChanged(queryClient, ticket)
    await queryClient.invalidateQueries({ queryKey: [endpoints.tasks.list.id] })
    showToast("success", t("tickets.taskMade"))
  }
  const me = () => session.user()?.id ?? null
  const closed = () => props.ticket.status === "resolved" || props.ticket.status === "rejected"
  return (
    <section class="panel" data-testid="ticket-actions">
      <h2>{t("tickets.actions")}</h2>
      <div class="form">
        <Show
          when={session.can("users.read")}
          fallback={
            <Show when={props.ticket.assigneeId !== me()}>
              <button type="button" class="button" disabled={busy()} onClick={() => void assign(me())}>
                {t("tickets.assignToMe")}
              </button>
            </Show>
          }
        >
          <div class="form-field">
            <label for="ticket-assignee">{t("tickets.assignee")}</label>
            <select
              id="ticket-assignee"
              class="select"
              data-testid="ticket-assignee"
              disabled={busy()}
              value={props.ticket.assigneeId ?? ""}
              onChange={(e) => void assign(e.currentTarget.value === "" ? null : e.currentTarget.value)}
            >
              <option value="">{t("tickets.nobody")}</option>
              <For each={assignees()}>
                {(u) => (
                  <option value={u.id} selected={u.id === props.ticket.assigneeId}>
                    {u.name}
                  </option>
                )}
              </For>
            </select>
          </div>
        </Show>
        <div class="ticket-actions">
          <For each={TICKET_MOVES[props.ticket.status]}>
            {(status) => (
              <button
                type="button"
                class="button"
                classList={{ "button--primary": status === "in_progress" || status === "resolved" }}
                data-testid={`ticket-move-${status}`}
                disabled={busy()}
                onClick={() => (status === "rejected" ? setConfirm("reject") : void move(status))}
              >
                {t(`tickets.move_${status}`)}
              </button>
            )}
          </For>
          <Show
            when={props.ticket.maintenanceTaskId === null}
            fallback={
              <A
                href={`/vehicles/${props.ticket.vehicleId}?tab=maintenance`}
                class="button"
                data-testid="ticket-repair-link"
              >
                <Wrench size={16} aria-hidden="true" />
                <span>{t("tickets.openRepair")}</span>
              </A>
            }
          >
            <Show when={!closed() && session.can("maintenance.read")}>
              <button
                type="button"
                class="button"
                data-testid="ticket-make-repair"
                disabled={busy()}
                onClick={() => setConfirm("repair")}
              >
                <Wrench size={16} aria-hidden="true" />
                <span>{t("tickets.makeRepair")}</span>
              </button>
            </Show>
          </Show>
          <Show
            when={props.ticket.taskId === null}
            fallback={
              <A href={`/tasks/${props.ticket.taskId}`} class="button" data-testid="ticket-task-link">
                <ClipboardList size={16} aria-hidden="true" />
                <span>{t("tickets.openTask")}</span>
              </A>
            }
          >
            <Show when={!closed() && session.can("tasks.manage")}>
              <button
                type="button"
                class="button"
                data-testid="ticket-make-task"
                disabled={busy()}
                onClick={() => setConfirm("task")}
              >
                <ClipboardList size={16} aria-hidden="true" />
                <span>{t("tickets.makeTask")}</span>
              </button>
            </Show>
          </Show>
        </div>
      </div>
      <ConfirmDialog
        open={confirm() === "reject"}
        onOpenChange={(open) => setConfirm(open ? "reject" : null)}
        title={t("tickets.rejectTitle")}
        description={t("tickets.rejectText")}
        confirmLabel={t("tickets.move_rejected")}
        destructive
        onConfirm={async () => {
          const ticket = await api.call(endpoints.tickets.transition, {
            params: { id: props.ticket.id },
            body: { status: "rejected" },
          })
          await ticketChanged(queryClient, ticket)
          showToast("success", t("tickets.moved", { status: ticketStatusLabel(t, ticket.status) }))
        }}
      />
      <ConfirmDialog
        open={confirm() === "repair"}
        onOpenChange={(open) => setConfirm(open ? "repair" : null)}
        title={t("tickets.makeRepairTitle")}
        description={t("tickets.makeRepairText", {
          vehicle: `${props.ticket.vehicleName ?? ""} ${props.ticket.vehiclePlate ?? ""}`.trim(),
        })}
        confirmLabel={t("tickets.makeRepair")}
        onConfirm={repair}
      />
      <ConfirmDialog
        open={confirm() === "task"}
        onOpenChange={(open) => setConfirm(open ? "task" : null)}
        title={t("tickets.makeTaskTitle")}
        description={t("tickets.makeTaskText", {
          vehicle: `${props.ticket.vehicleName ?? ""} ${props.ticket.vehiclePlate ?? ""}`.trim(),
        })}
        confirmLabel={t("tickets.makeTask")}
        onConfirm={makeTask}
      />
    </section>
  )
}
