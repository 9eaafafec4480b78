import { endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { CircleStop } from "lucide-solid"
import { createSignal, Show } from "solid-js"
import { useApi } from "../../api/ApiContext"
import { useSession } from "../../auth/SessionContext"
import { useI18n } from "../../i18n/I18nContext"
import { ConfirmDialog } from "../../ui/ConfirmDialog"
import { showToast } from "../../ui/toast"
import { invalidateDrivers } from "./driverQueries"

/** Whether an assignment covers now: only such an assignment can be ended early. */
export const runsNow = (
  a: { readonly startsAt: string; readonly endsAt: string | null },
  nowMs: number,
): boolean => Date.parse(a.startsAt) <= nowMs && (a.endsAt === null || Date.parse(a.endsAt) > nowMs)

/** "End now" on an assignment that covers now (`assignments.manage`), after a confirmation. */
export const EndAssignmentButton = (props: {
  readonly assignment: {
    readonly id: string
    readonly startsAt: string
    readonly endsAt: string | null
    readonly driverName: string
    readonly vehicleName: string
  }
}) => {
  const { t } = useI18n()
  const api = useApi()
  const session = useSession()
  const queryClient = useQueryClient()
  const [open, setOpen] = createSignal(false)
  return (
    <Show when={session.can("assignments.manage") && runsNow(props.assignment, Date.now())}>
      <button
        type="button"
        class="button button--small"
        data-testid="assignment-end"
        onClick={(event) => {
          event.stopPropagation()
          setOpen(true)
        }}
      >
        <CircleStop size={14} aria-hidden="true" />
        <span>{t("drivers.endAssignment")}</span>
      </button>
      <ConfirmDialog
        open={open()}
        onOpenChange={setOpen}
        title={t("drivers.endAssignmentTitle")}
        description={t("drivers.endAssignmentText", {
          driver: props.assignment.driverName,
          vehicle: props.assignment.vehicleName,
        })}
        confirmLabel={t("drivers.endAssignment")}
        destructive={true}
        onConfirm={async () => {
          await api.call(endpoints.assignments.end, { params: { id: props.assignment.id }, body: {} })
          await invalidateDrivers(queryClient)
          showToast("success", t("drivers.assignmentEnded"))
        }}
      />
    </Show>
  )
}
