import type {
  DRIVER_ONBOARDING_STATUSES,
  DRIVER_ONBOARDING_STEPS,
  VEHICLE_ONBOARDING_STATUSES,
  VEHICLE_ONBOARDING_STEPS,
} from "@fleetcore/contract"

export type VehicleStatus = (typeof VEHICLE_ONBOARDING_STATUSES)[number]
export type VehicleStep = (typeof VEHICLE_ONBOARDING_STEPS)[number]
export type DriverStatus = (typeof DRIVER_ONBOARDING_STATUSES)[number]
export type DriverStep = (typeof DRIVER_ONBOARDING_STEPS)[number]

/** Where a step leads, the result it records for the stage left, and whether it needs a reason. */
export interface Move<S extends string> {
  readonly to: S
  readonly result: "passed" | "failed" | null
  readonly needsReason: boolean
}

/**
 * The vehicle machine: created → under review → approved | rejected; a rejected vehicle may be
 * submitted again once fixed. `inspect` records the manual checklist item and keeps the stage.
 */
export const vehicleMove = (from: VehicleStatus, step: VehicleStep): Move<VehicleStatus> | undefined => {
  switch (step) {
    case "submit":
      return from === "created" || from === "rejected"
        ? { to: "under_review", result: null, needsReason: false }
        : undefined
    case "inspect":
      return from === "under_review"
        ? { to: "under_review", result: "passed", needsReason: false }
        : undefined
    case "approve":
      return from === "under_review" ? { to: "approved", result: "passed", needsReason: false } : undefined
    case "reject":
      return from === "under_review" ? { to: "rejected", result: "failed", needsReason: true } : undefined
  }
}

/**
 * The driver machine: created → background check → training → approved (assignable), failing a
 * check or the training rejects; an approved driver may be suspended and reinstated.
 */
export const driverMove = (from: DriverStatus, step: DriverStep): Move<DriverStatus> | undefined => {
  switch (step) {
    case "start":
      return from === "created" ? { to: "background_check", result: null, needsReason: false } : undefined
    case "pass":
      if (from === "background_check") return { to: "training", result: "passed", needsReason: false }
      if (from === "training") return { to: "approved", result: "passed", needsReason: false }
      return undefined
    case "fail":
      return from === "background_check" || from === "training"
        ? { to: "rejected", result: "failed", needsReason: true }
        : undefined
    case "suspend":
      return from === "approved" ? { to: "suspended", result: null, needsReason: true } : undefined
    case "reinstate":
      return from === "suspended" ? { to: "approved", result: null, needsReason: false } : undefined
  }
}

/** The steps allowed from a stage, in the order the page offers them. */
export const vehicleStepsFrom = (from: VehicleStatus): VehicleStep[] =>
  (["submit", "inspect", "approve", "reject"] as const).filter((s) => vehicleMove(from, s) !== undefined)

export const driverStepsFrom = (from: DriverStatus): DriverStep[] =>
  (["start", "pass", "fail", "suspend", "reinstate"] as const).filter(
    (s) => driverMove(from, s) !== undefined,
  )

/** Stages that still await someone's step (the queue's default). */
export const AWAITING = {
  vehicle: ["created", "under_review"] as const,
  driver: ["created", "background_check", "training"] as const,
}
