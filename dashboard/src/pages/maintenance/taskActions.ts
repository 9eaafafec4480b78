import { type CallInput, endpoints } from "@fleetcore/contract"
import { useQueryClient } from "@tanstack/solid-query"
import { useApi } from "../../api/ApiContext"
import { errorMessage } from "../../api/errorMessage"
import { useI18n } from "../../i18n/I18nContext"
import { showToast } from "../../ui/toast"
import { invalidateExpenses } from "../expenses/expenseQueries"
import type { TaskView } from "./dueState"
import type { ServiceBody } from "./ServiceDialog"

/** Moving, completing and creating tasks, each followed by a toast and fresh lists. */
export const createTaskActions = () => {
  const { t } = useI18n()
  const api = useApi()
  const queryClient = useQueryClient()
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [endpoints.maintenance.listTasks.id] }),
      invalidateExpenses(queryClient),
    ])
  return {
    move: async (task: TaskView, status: "scheduled" | "in_progress" | "cancelled") => {
      try {
        const moved = await api.call(endpoints.maintenance.moveTask, {
          params: { id: task.id },
          body: { status },
        })
        showToast(
          "success",
          t("maintenance.moved", { name: moved.name, status: t(`maintenance.status_${moved.status}`) }),
        )
      } catch (error) {
        showToast("error", errorMessage(t, error))
      } finally {
        await refresh()
      }
    },
    /** Throws the API's error so the form shows it. */
    complete: async (task: TaskView, body: ServiceBody) => {
      const done = await api.call(endpoints.maintenance.completeTask, { params: { id: task.id }, body })
      await refresh()
      showToast("success", t("maintenance.completedToast", { name: done.name }))
    },
    create: async (body: CallInput<typeof endpoints.maintenance.createTask>["body"]) => {
      const created = await api.call(endpoints.maintenance.createTask, { body })
      await refresh()
      showToast("success", t("maintenance.created", { name: created.name }))
      return created
    },
  }
}
