import type { TICKET_EVENT_KINDS, TicketStatus, TicketType } from "@fleetcore/contract"
import type { Generated } from "kysely"
import type { Defaulted } from "../db/columnTypes.js"

/** The driver tickets' tables (migration 1734790000000_tickets.sql), part of `Database`. */

export interface TicketsTable {
  id: Generated<string>
  org_id: string
  number: number
  type: TicketType
  title: string
  description: string | null
  vehicle_id: string
  driver_id: string | null
  raised_by: string | null
  lat: number | null
  lon: number | null
  located_at: Date | null
  location_source: "given" | "vehicle" | null
  status: Generated<TicketStatus>
  assignee_id: string | null
  sla_due_at: Date
  maintenance_task_id: string | null
  task_id: string | null
  created_at: Defaulted<Date>
  updated_at: Generated<Date>
  resolved_at: Date | null
}

export interface TicketEventsTable {
  id: Generated<string>
  org_id: string
  ticket_id: string
  kind: (typeof TICKET_EVENT_KINDS)[number]
  actor_id: string | null
  from_status: TicketStatus | null
  to_status: TicketStatus | null
  comment: string | null
  assignee_id: string | null
  document_id: string | null
  maintenance_task_id: string | null
  task_id: string | null
  created_at: Defaulted<Date>
}
