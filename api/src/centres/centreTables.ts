import type { Generated } from "kysely"
import type { Defaulted } from "../db/columnTypes.js"

/** The service centres' tables (migration 1734850000000_service-centres.sql), part of `Database`. */

export type CentreStatus = "draft" | "submitted" | "approved" | "rejected" | "suspended"
export type AccessScope = "read" | "service"

export interface ServiceCentresTable {
  org_id: string
  id: Generated<string>
  country: string
  address: string
  phone: string
  tax_id: string
  legal_name: string | null
  registration_number: string | null
  website: string | null
  description: string | null
  status: Generated<CentreStatus>
  status_reason: string | null
  submitted_at: Date | null
  approved_at: Date | null
  created_at: Defaulted<Date>
  updated_at: Generated<Date>
}

export interface CentreModerationDecisionsTable {
  id: Generated<string>
  org_id: string
  decision: "approve" | "reject" | "suspend" | "reinstate"
  from_status: CentreStatus
  to_status: CentreStatus
  reason: string | null
  moderator_id: string | null
  decided_at: Defaulted<Date>
}

export interface VehicleAccessInvitesTable {
  id: Generated<string>
  org_id: string
  code_hash: Buffer
  scope: AccessScope
  grant_valid_until: Date | null
  expires_at: Date
  created_by: string | null
  created_at: Defaulted<Date>
  redeemed_at: Date | null
  redeemed_by_org_id: string | null
  redeemed_by: string | null
  revoked_at: Date | null
}

export interface VehicleAccessInviteVehiclesTable {
  invite_id: string
  org_id: string
  vehicle_id: string
}

export interface VehicleAccessRequestsTable {
  id: Generated<string>
  org_id: string
  centre_org_id: string
  vehicle_id: string
  scope: AccessScope
  message: string | null
  status: Generated<"pending" | "approved" | "refused" | "withdrawn">
  requested_by: string | null
  decided_by: string | null
  decided_at: Date | null
  reason: string | null
  created_at: Defaulted<Date>
}

export interface VehicleAccessGrantsTable {
  id: Generated<string>
  org_id: string
  centre_org_id: string
  vehicle_id: string
  scope: AccessScope
  valid_from: Generated<Date>
  valid_until: Date | null
  revoked_at: Date | null
  revoked_by: string | null
  created_by: string | null
  source: "invite_code" | "request"
  invite_id: string | null
  request_id: string | null
  created_at: Defaulted<Date>
}

export interface VehicleSearchLogTable {
  id: Generated<string>
  org_id: string
  user_id: string | null
  kind: "plate" | "vin"
  query: string
  country: string | null
  vehicle_id: string | null
  found: boolean
  at: Defaulted<Date>
}
