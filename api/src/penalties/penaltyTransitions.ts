import type { PENALTY_STATUSES } from "@fleetcore/contract"

export type PenaltyStatus = (typeof PENALTY_STATUSES)[number]

/**
 * The "driver pays" flow (seed 003 step 4.3), one row per step: the statuses a step may start from
 * and the status it leads to. Every step endpoint asks here; any other move is refused (409).
 */
export const PENALTY_TRANSITIONS = {
  /** The driver reports paying, with a receipt: a manager confirms or rejects it. */
  pay: { from: ["open"], to: "paid_by_driver" },
  /** A manager confirms a reported payment, or records an open fine the company paid. */
  confirm: { from: ["paid_by_driver", "open"], to: "paid" },
  /** A manager refuses a reported payment (wrong receipt, wrong amount): to be paid again. */
  reject: { from: ["paid_by_driver"], to: "open" },
  dispute: { from: ["open"], to: "disputed" },
  cancel: { from: ["open", "disputed"], to: "cancelled" },
  reopen: { from: ["disputed", "cancelled"], to: "open" },
} as const satisfies Record<string, { from: ReadonlyArray<PenaltyStatus>; to: PenaltyStatus }>

export type PenaltyStep = keyof typeof PENALTY_TRANSITIONS

/** The status `step` leads to from `from`, or null when the flow does not allow it. */
export const nextStatus = (step: PenaltyStep, from: PenaltyStatus): PenaltyStatus | null => {
  const rule = PENALTY_TRANSITIONS[step]
  return (rule.from as ReadonlyArray<PenaltyStatus>).includes(from) ? rule.to : null
}
