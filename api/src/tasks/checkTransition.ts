import {
  type ReasonKey,
  type ReasonValue,
  reason,
  type TaskMachine,
  type TaskTransition,
} from "@fleetcore/contract"
import { refuse } from "../http/refuse.js"
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
    throw refuse(
      409,
      "FLEET_TASK_TRANSITION_INVALID",
      "to",
      allowed.length === 0
        ? reason("finalState", { from, to: step.to })
        : reason("stepNotAllowed", { from, to: step.to, allowed: { codes: allowed.map((t) => t.to) } }),
    )
  }
  const r = transition.requires ?? {}
  const missing = (field: string, key: ReasonKey, values: Record<string, ReasonValue> = {}) =>
    refuse(422, "FLEET_TASK_REQUIREMENT_MISSING", field, reason(key, { to: step.to, ...values }))
  if (r.comment === true && (step.comment ?? "").trim() === "") throw missing("comment", "stepNeedsComment")
  if (r.photo === true && !step.attachments.some(isImage)) throw missing("photo", "stepNeedsPhoto")
  if (r.document === true && !step.attachments.some((a) => !isImage(a)))
    throw missing("document", "stepNeedsDocument")
  const ticked = new Set(step.checklist ?? [])
  const unticked = (r.checklist ?? []).filter((item) => !ticked.has(item))
  if (unticked.length > 0) throw missing("checklist", "stepNeedsChecklist", { items: { codes: unticked } })
  if (r.signature === true && (step.signature === undefined || !isImage(step.signature)))
    throw missing("signature", "stepNeedsSignature")
  return transition
}
