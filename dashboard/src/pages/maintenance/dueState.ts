import type { MaintenanceTask } from "@fleetcore/contract"

export type TaskView = (typeof MaintenanceTask)["Encoded"]

/** How a task stands against its date and its odometer, whichever comes first. */
export interface DueState {
  /** Days until the due date (negative: past it); null without a date. */
  readonly days: number | null
  /** Km until the due odometer (negative: past it); null without a due km or a known odometer. */
  readonly km: number | null
  /** "overdue" past either, "soon" within a week or 500 km, else "ok". */
  readonly level: "overdue" | "soon" | "ok"
}

const DAY_MS = 86_400_000

/** `today` is "YYYY-MM-DD" (the caller's day). */
export const dueState = (task: TaskView, today: string): DueState => {
  const days =
    task.dueDate === null ? null : Math.round((Date.parse(task.dueDate) - Date.parse(today)) / DAY_MS)
  const km =
    task.dueOdometerKm === null || task.currentOdometerKm === null
      ? null
      : Math.round(task.dueOdometerKm - task.currentOdometerKm)
  const level =
    task.status === "overdue" || (days !== null && days < 0) || (km !== null && km < 0)
      ? "overdue"
      : (days !== null && days <= 7) || (km !== null && km <= 500)
        ? "soon"
        : "ok"
  return { days, km, level }
}

/** The board's column of a task's status (overdue tasks wait among the scheduled). */
export const columnOf = (status: TaskView["status"]): "scheduled" | "in_progress" | "completed" | null =>
  status === "scheduled" || status === "overdue"
    ? "scheduled"
    : status === "in_progress"
      ? "in_progress"
      : status === "completed"
        ? "completed"
        : null

/** The days shown for a month (`month` = "YYYY-MM"): whole weeks from Monday, as "YYYY-MM-DD". */
export const monthGrid = (month: string): string[] => {
  const first = new Date(`${month}-01T00:00:00Z`)
  const offset = (first.getUTCDay() + 6) % 7
  const start = first.getTime() - offset * DAY_MS
  const next = new Date(first)
  next.setUTCMonth(next.getUTCMonth() + 1)
  const weeks = Math.ceil((offset + (next.getTime() - first.getTime()) / DAY_MS) / 7)
  return Array.from({ length: weeks * 7 }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10))
}

/** "YYYY-MM" moved by `delta` months. */
export const shiftMonth = (month: string, delta: number): string => {
  const d = new Date(`${month}-01T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + delta)
  return d.toISOString().slice(0, 7)
}
