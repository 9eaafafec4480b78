import type { Generated } from "kysely"
import type { Defaulted } from "../db/columnTypes.js"

/** `onboarding_events` (migration 1734800000000): every onboarding step of a vehicle or driver. */
export interface OnboardingEventsTable {
  id: Generated<string>
  org_id: string
  entity_type: "vehicle" | "driver"
  entity_id: string
  step: string
  from_status: string
  to_status: string
  result: "passed" | "failed" | null
  notes: string | null
  document_ids: Defaulted<string[]>
  actor_id: string | null
  at: Defaulted<Date>
}
