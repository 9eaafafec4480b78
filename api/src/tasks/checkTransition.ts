import type { TaskMachine, TaskTransition } from "@fleetcore/contract"
import { HttpError } from "@fleetcore/platform"
import { transitionsFrom } from "./taskMachine.js"

/** A document of the task offered as evidence of a step. */
export interface Evidence {
  readonly id: string
  readonly kind: string
  readonly mimeType: string
}

/** What the caller brings with a step. */
export interface StepInput {
  readonly to: string
  readonly comment?: string | undefined
  readonly checklist?: ReadonlyArray<string> | undefined
  readonly attachments: ReadonlyArray<Evidence>
  readonly signature?: Evidence | undefined
}

const isImage = (e: Evidence): boolean => e.mimeType.startsWith("image/")

/**
 * The transition a task in state `from` takes to reach `step.to`, checked against the machine:
 * 409 FLEET_TASK_TRANSITION_INVALID naming the allowed states when the machine has no such step,
 * 422 FLEET_TASK_REQUIREMENT_MISSING naming the first requirement the step lacks.
 */
export const checkTransition = (m: TaskMachine, from: string, step: StepInput): TaskTransition => {
  const allowed = transitionsFrom(m, from)
  const transition = allowed.find((t) => t.to === step.to)
  if (transition === undefined) {
    const names = allowed.map((t) => `"${t.to}"`).join(", ")
    throw new HttpError(
      409,
      "FLEET_TASK_TRANSITION_INVALID",
      allowed.length === 0
        ? `"${from}" is final: the task cannot move to "${step.to}"`
        : `a task in "${from}" cannot move to "${step.to}"; allowed: ${names}`,
      "to",
    )
  }
  const r = transition.requires ?? {}
  const missing = (field: string, message: string) =>
    new HttpError(422, "FLEET_TASK_REQUIREMENT_MISSING", message, field)
  if (r.comment === true && (step.comment ?? "").trim() === "")
    throw missing("comment", `moving to "${step.to}" needs a comment`)
  if (r.photo === true && !step.attachments.some(isImage))
    throw missing("photo", `moving to "${step.to}" needs a photo`)
  if (r.document === true && !step.attachments.some((a) => !isImage(a)))
    throw missing("document", `moving to "${step.to}" needs a document (PDF)`)
  const ticked = new Set(step.checklist ?? [])
  const unticked = (r.checklist ?? []).filter((item) => !ticked.has(item))
  if (unticked.length > 0)
    throw missing(
      "checklist",
      `moving to "${step.to}" needs every checklist item; not ticked: ${unticked.join(", ")}`,
    )
  if (r.signature === true && (step.signature === undefined || !isImage(step.signature)))
    throw missing("signature", `moving to "${step.to}" needs a signature`)
  return transition
}
