import { AD_HOC_TASK_STATES, type AdHocTaskState, type TaskState } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"

const isAdHocState = (key: string): key is AdHocTaskState =>
  (AD_HOC_TASK_STATES as ReadonlyArray<string>).includes(key)

/** A task without a template follows the built-in workflow, whose states are said in the user's language. */
const builtIn = (t: I18n["t"], templateId: string | null, key: string): string | undefined =>
  templateId === null && isAdHocState(key) ? t(`tasks.state_${key}`) : undefined

/** The task's current state as the user reads it (a template's states as its author named them). */
export const taskStatusLabel = (
  t: I18n["t"],
  task: { readonly templateId: string | null; readonly status: string; readonly statusLabel: string },
): string => builtIn(t, task.templateId, task.status) ?? task.statusLabel

/** The label of any state of the task's workflow, by key (its history, its next steps). */
export const taskStateLabels =
  (t: I18n["t"], task: { readonly templateId: string | null; readonly states: ReadonlyArray<TaskState> }) =>
  (key: string): string =>
    builtIn(t, task.templateId, key) ?? task.states.find((s) => s.key === key)?.label ?? key
