import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { IsoDateTime, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"

/** A vehicle's onboarding stages: only an approved vehicle is assigned and counted in utilisation. */
export const VEHICLE_ONBOARDING_STATUSES = ["created", "under_review", "approved", "rejected"] as const
export const VehicleOnboardingStatus = Schema.Literals(VEHICLE_ONBOARDING_STATUSES)

/** A driver's onboarding stages: only an approved driver is assigned a vehicle. */
export const DRIVER_ONBOARDING_STATUSES = [
  "created",
  "background_check",
  "training",
  "approved",
  "rejected",
  "suspended",
] as const
export const DriverOnboardingStatus = Schema.Literals(DRIVER_ONBOARDING_STATUSES)

/** What a reviewer does to a vehicle: submit for review, record the inspection, approve or reject. */
export const VEHICLE_ONBOARDING_STEPS = ["submit", "inspect", "approve", "reject"] as const
/** What a reviewer does to a driver: start the background check, pass or fail the current stage, suspend, reinstate. */
export const DRIVER_ONBOARDING_STEPS = ["start", "pass", "fail", "suspend", "reinstate"] as const
export const ONBOARDING_STEPS = [...VEHICLE_ONBOARDING_STEPS, ...DRIVER_ONBOARDING_STEPS] as const

/** The vehicle checklist's items, in the order the page lists them. */
export const VEHICLE_CHECKLIST_ITEMS = [
  "registration",
  "insurance",
  "tracker",
  "photo",
  "inspection",
] as const

/** Whether new vehicles and drivers start in review (false: created approved, as before). */
export const OnboardingSettings = Schema.Struct({
  vehicles: Schema.Boolean,
  drivers: Schema.Boolean,
}).annotate({ identifier: "OnboardingSettings" })

const Notes = Schema.String.check(Schema.isMaxLength(2000))

/** One step of a record's onboarding, as the timeline shows it. */
export const OnboardingEvent = Schema.Struct({
  id: Uuid,
  step: Schema.Literals(ONBOARDING_STEPS),
  fromStatus: Schema.String,
  toStatus: Schema.String,
  result: Schema.NullOr(Schema.Literals(["passed", "failed"])),
  notes: Schema.NullOr(Schema.String),
  documents: Schema.Array(Schema.Struct({ id: Uuid, filename: Schema.String, kind: Schema.String })),
  actorId: Schema.NullOr(Uuid),
  actorName: Schema.NullOr(Schema.String),
  at: IsoDateTime,
}).annotate({ identifier: "OnboardingEvent" })

export const ChecklistItem = Schema.Struct({
  item: Schema.Literals(VEHICLE_CHECKLIST_ITEMS),
  done: Schema.Boolean,
  /** What makes it done: the document's name, the device's last point time, who inspected. */
  detail: Schema.NullOr(Schema.String),
}).annotate({ identifier: "ChecklistItem" })

export const VehicleOnboarding = Schema.Struct({
  vehicleId: Uuid,
  status: VehicleOnboardingStatus,
  since: IsoDateTime,
  checklist: Schema.Array(ChecklistItem),
  /** The steps the caller may take now (empty: none, or no permission). */
  nextSteps: Schema.Array(Schema.Literals(VEHICLE_ONBOARDING_STEPS)),
  /** Who decided (approved or rejected) and when; null before a decision. */
  reviewerName: Schema.NullOr(Schema.String),
  reviewedAt: Schema.NullOr(IsoDateTime),
  rejectionReason: Schema.NullOr(Schema.String),
  createdAt: IsoDateTime,
  timeline: Schema.Array(OnboardingEvent),
}).annotate({ identifier: "VehicleOnboarding" })

export const DriverOnboarding = Schema.Struct({
  driverId: Uuid,
  status: DriverOnboardingStatus,
  since: IsoDateTime,
  nextSteps: Schema.Array(Schema.Literals(DRIVER_ONBOARDING_STEPS)),
  createdAt: IsoDateTime,
  timeline: Schema.Array(OnboardingEvent),
}).annotate({ identifier: "DriverOnboarding" })

const StepBody = <S extends ReadonlyArray<string>>(steps: S) =>
  Schema.Struct({
    step: Schema.Literals(steps),
    /** Required to reject, fail or suspend: the reason. */
    notes: Schema.optionalKey(Notes),
    /** Documents of the same record (uploaded through the documents store) that back the step. */
    documentIds: Schema.optionalKey(Schema.Array(Uuid).check(Schema.isMaxLength(20))),
  })

export const OnboardingQueueItem = Schema.Struct({
  kind: Schema.Literals(["vehicle", "driver"]),
  id: Uuid,
  name: Schema.String,
  /** The plate of a vehicle, the employee id of a driver. */
  reference: Schema.NullOr(Schema.String),
  status: Schema.String,
  since: IsoDateTime,
  ageDays: Schema.Int,
}).annotate({ identifier: "OnboardingQueueItem" })

const stepErrors = (notFound: string) => [
  { status: 404, code: notFound },
  {
    status: 409,
    code: "FLEET_ONBOARDING_STEP_INVALID",
    description: "the step is not allowed at this stage",
  },
  {
    status: 409,
    code: "FLEET_ONBOARDING_CHECKLIST_INCOMPLETE",
    description: "approving a vehicle whose checklist is not complete",
  },
  { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
]

/** Vehicle and driver onboarding (issue 15, seed 001): settings, steps, timelines and the queue. */
export const onboarding = {
  settings: endpoint({
    id: "onboarding.settings",
    method: "get",
    path: "/api/v1/onboarding/settings",
    tag: "onboarding",
    summary: "Whether new vehicles and drivers start in review",
    access: "settings.read",
    response: OnboardingSettings,
  }),
  updateSettings: endpoint({
    id: "onboarding.updateSettings",
    method: "put",
    path: "/api/v1/onboarding/settings",
    tag: "onboarding",
    summary: "Turn onboarding on or off for new vehicles and drivers (existing records keep their stage)",
    access: "organisation.settings",
    body: OnboardingSettings,
    invalidCode: "FLEET_ONBOARDING_INVALID",
    response: OnboardingSettings,
  }),
  queue: endpoint({
    id: "onboarding.queue",
    method: "get",
    path: "/api/v1/onboarding/queue",
    tag: "onboarding",
    summary: "Vehicles and drivers awaiting an onboarding step, oldest first",
    description:
      "Without `status`, the records not yet decided (vehicles created or under review, drivers created, in background check or in training); `minAgeDays` keeps those in their stage at least that many days.",
    access: "vehicles.approve",
    query: listQuery(["since", "name"], {
      kind: Schema.optionalKey(Schema.Literals(["vehicle", "driver"])),
      status: Schema.optionalKey(
        Schema.Literals([...VEHICLE_ONBOARDING_STATUSES, ...DRIVER_ONBOARDING_STATUSES]),
      ),
      minAgeDays: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^(0|[1-9]\d{0,3})$/u, explained("days", { max: 9999 }))),
      ),
    }),
    response: listOf(OnboardingQueueItem),
  }),
  vehicle: endpoint({
    id: "onboarding.vehicle",
    method: "get",
    path: "/api/v1/vehicles/:id/onboarding",
    tag: "onboarding",
    summary: "A vehicle's onboarding: stage, checklist from its documents and tracker, and timeline",
    access: "vehicles.read",
    params: IdParams,
    response: VehicleOnboarding,
    errors: [{ status: 404, code: "FLEET_VEHICLE_NOT_FOUND" }],
  }),
  vehicleStep: endpoint({
    id: "onboarding.vehicleStep",
    method: "post",
    path: "/api/v1/vehicles/:id/onboarding",
    tag: "onboarding",
    summary: "Take an onboarding step on a vehicle (submit, inspect, approve, reject)",
    description:
      "submit: created or rejected → under review; inspect: records the inspection (under review); approve: under review → approved, once every checklist item is done; reject: under review → rejected, `notes` = the reason.",
    access: "vehicles.approve",
    params: IdParams,
    body: StepBody(VEHICLE_ONBOARDING_STEPS),
    invalidCode: "FLEET_ONBOARDING_INVALID",
    response: VehicleOnboarding,
    errors: stepErrors("FLEET_VEHICLE_NOT_FOUND"),
  }),
  driver: endpoint({
    id: "onboarding.driver",
    method: "get",
    path: "/api/v1/drivers/:id/onboarding",
    tag: "onboarding",
    summary: "A driver's onboarding: stage and timeline with each step's result, notes and documents",
    access: "drivers.read",
    params: IdParams,
    response: DriverOnboarding,
    errors: [{ status: 404, code: "FLEET_DRIVER_NOT_FOUND" }],
  }),
  driverStep: endpoint({
    id: "onboarding.driverStep",
    method: "post",
    path: "/api/v1/drivers/:id/onboarding",
    tag: "onboarding",
    summary: "Take an onboarding step on a driver (start, pass, fail, suspend, reinstate)",
    description:
      "start: created → background check; pass: background check → training → approved; fail: background check or training → rejected; suspend: approved → suspended; reinstate: suspended → approved. fail and suspend need `notes` (the reason).",
    access: "drivers.approve",
    params: IdParams,
    body: StepBody(DRIVER_ONBOARDING_STEPS),
    invalidCode: "FLEET_ONBOARDING_INVALID",
    response: DriverOnboarding,
    errors: stepErrors("FLEET_DRIVER_NOT_FOUND").filter(
      (e) => e.code !== "FLEET_ONBOARDING_CHECKLIST_INCOMPLETE",
    ),
  }),
} as const
