import type { VisitStatus } from "@fleetcore/contract"
import type { Generated } from "kysely"
import type { Defaulted, Numeric, NumericOrNull } from "../db/columnTypes.js"

/** Service visits and their work items (migration 1734860100000_service-visits.sql). */

export interface ServiceVisitsTable {
  id: Generated<string>
  org_id: string
  centre_org_id: string
  centre_name: string
  vehicle_id: string
  vehicle_label: string | null
  grant_id: string | null
  status: Generated<VisitStatus>
  odometer_km: NumericOrNull
  complaint: string | null
  currency: string
  opened_by: string | null
  opened_at: Defaulted<Date>
  completed_by: string | null
  completed_at: Date | null
  confirmed_by: string | null
  confirmed_at: Date | null
  disputed_by: string | null
  disputed_at: Date | null
  dispute_reason: string | null
  dispute_outcome: "upheld" | "rejected" | null
  dispute_note: string | null
  settled_by: string | null
  settled_at: Date | null
  cancelled_by: string | null
  cancelled_at: Date | null
  cancel_reason: string | null
  maintenance_task_id: string | null
  expense_id: string | null
}

export interface ServiceWorkItemsTable {
  id: Generated<string>
  visit_id: string
  org_id: string
  centre_org_id: string
  kind: "part" | "labour" | "other"
  description: string
  part_number: string | null
  quantity: Numeric
  unit_cost: Numeric
  currency: string
  recommendations: string | null
  created_by: string | null
  created_at: Defaulted<Date>
}

/** Photos of a visit (migration 1734940000000_visit-photos.sql). */
export interface ServiceVisitPhotosTable {
  id: Generated<string>
  visit_id: string
  org_id: string
  centre_org_id: string
  filename: string
  mime_type: string
  size_bytes: number
  sha256: Buffer
  storage_key: string
  thumbnail_key: string | null
  uploaded_by: string | null
  uploaded_at: Defaulted<Date>
}
