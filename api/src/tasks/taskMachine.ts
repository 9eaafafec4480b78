import type { AdHocTaskState, TaskMachine, TaskState, TaskTransition } from "@fleetcore/contract"

/** The ad hoc states' labels in English (exports, notifications); the dashboard translates them. */
const AD_HOC_LABELS: Readonly<Record<AdHocTaskState, string>> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  cancelled: "Cancelled",
}

/**
 * The workflow of an ad hoc task (one created without a template): open → in_progress → done, or
 * cancelled from either open state.
 */
export const AD_HOC_MACHINE: TaskMachine = {
  states: [
    { key: "open", label: AD_HOC_LABELS.open, initial: true },
    { key: "in_progress", label: AD_HOC_LABELS.in_progress },
    { key: "done", label: AD_HOC_LABELS.done, final: true },
    { key: "cancelled", label: AD_HOC_LABELS.cancelled, final: true },
  ],
  transitions: [
    { from: "open", to: "in_progress" },
    { from: "open", to: "cancelled" },
    { from: "in_progress", to: "done" },
    { from: "in_progress", to: "cancelled" },
  ],
  triggers: [],
}

export const initialState = (m: TaskMachine): TaskState => {
  const initial = m.states.find((s) => s.initial === true)
  if (initial === undefined) throw new Error("a stored machine has no initial state")
  return initial
}

export const stateOf = (m: TaskMachine, key: string): TaskState | undefined =>
  m.states.find((s) => s.key === key)

export const isFinal = (m: TaskMachine, key: string): boolean => stateOf(m, key)?.final === true

/** The transitions that leave state `from`. */
export const transitionsFrom = (m: TaskMachine, from: string): ReadonlyArray<TaskTransition> =>
  m.transitions.filter((t) => t.from === from)
