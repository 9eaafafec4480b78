import type { ChangeRequestStatus } from "@fleetcore/contract"
import type { ColumnType, Generated } from "kysely"
import type { Defaulted, NumericOrNull } from "../db/columnTypes.js"

/** The technical card and change requests (migration 1734860000000_change-requests.sql). */

export interface VehicleSpecsTable {
  vehicle_id: string
  org_id: string
  oil_type: string | null
  oil_volume_l: NumericOrNull
  service_interval_km: number | null
  service_interval_months: number | null
  engine_power_kw: NumericOrNull
  engine_code: string | null
  updated_at: Generated<Date>
}

/** jsonb: read as an object, written as JSON text. */
type Json = ColumnType<Record<string, unknown>, string, string>

export interface VehicleChangeRequestsTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  proposer_org_id: string
  proposed_by: string | null
  changes: Json
  old_values: Json
  comment: string | null
  status: Generated<ChangeRequestStatus>
  decided_by: string | null
  decided_at: Date | null
  reason: string | null
  created_at: Defaulted<Date>
}
