import type { IncidentKind } from "@fleetcore/contract"
import type { ColumnType, Generated } from "kysely"
import type {
  CentreModerationDecisionsTable,
  ServiceCentresTable,
  VehicleAccessGrantsTable,
  VehicleAccessInvitesTable,
  VehicleAccessInviteVehiclesTable,
  VehicleAccessRequestsTable,
  VehicleSearchLogTable,
} from "../centres/centreTables.js"
import type { VehicleChangeRequestsTable, VehicleSpecsTable } from "../changeRequests/changeRequestTables.js"
import type { OnboardingEventsTable } from "../onboarding/onboardingTables.js"
import type { ReportScheduleRunsTable, ReportSchedulesTable } from "../reportSchedules/scheduleTables.js"
import type { TaskEventsTable, TasksTable, TaskTemplatesTable } from "../tasks/taskTables.js"
import type { TicketEventsTable, TicketsTable } from "../tickets/ticketTables.js"
import type {
  ServiceVisitPhotosTable,
  ServiceVisitsTable,
  ServiceWorkItemsTable,
} from "../visits/visitTables.js"
import type {
  AuditLogTable,
  OrganisationsTable,
  PasswordLinksTable,
  RecoveryCodesTable,
  RefreshTokensTable,
  UsersTable,
} from "./accountTables.js"
import type { Defaulted, Numeric, NumericOrNull } from "./columnTypes.js"
import type {
  BudgetsTable,
  ContractsTable,
  CurrencyRatesTable,
  DocumentsTable,
  DriversTable,
  ExpenseDaysTable,
  ExpensesTable,
  PenaltiesTable,
  TeamsTable,
} from "./recordTables.js"

/**
 * The PostgreSQL tables the API queries through Kysely, typed column by column. Add a table here
 * (matching its migration under infra/migrations/postgres) before the first query of it.
 */

export interface VehicleTypesTable {
  id: Generated<string>
  /** null: the universal catalogue (readable by every organisation, written by the owner only). */
  org_id: string | null
  name: string
  brand: string | null
  model: string | null
  fuel_type: string | null
  rated_consumption_l_100km: NumericOrNull
  speed_limit_kmh: NumericOrNull
  tank_capacity_l: NumericOrNull
  created_at: Defaulted<Date>
  updated_at: Generated<Date>
}

export interface VehiclesTable {
  id: Generated<string>
  org_id: string
  name: string
  plate: string | null
  vin: string | null
  /** The plate's country (ISO 3166-1 alpha-2) and its normalised form, which search compares. */
  plate_country: string | null
  plate_normalized: string | null
  vehicle_type_id: string | null
  /** date: read as "YYYY-MM-DD" text only through to_char (pg parses dates into local Dates). */
  commissioned_on: ColumnType<Date | null, string | null | undefined, string | null>
  commissioned_odometer_km: NumericOrNull
  team_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Defaulted<Date>
  /** Generated: lower(name, plate, VIN, brand, model) joined by U+001F, for `?q=` (LIKE). */
  search_lower: Generated<string>
  brand: string | null
  model: string | null
  year: number | null
  colour: string | null
  body_type: string | null
  fuel_type: string | null
  engine_volume_l: NumericOrNull
  transmission: string | null
  seats: number | null
  purchased_on: ColumnType<Date | null, string | null | undefined, string | null>
  purchase_price: NumericOrNull
  purchase_currency: string | null
  status: Generated<string>
  status_changed_on: ColumnType<Date | null, string | null | undefined, string | null>
  department: string | null
  notes: string | null
  rental: Generated<boolean>
  rental_starts_on: ColumnType<Date | null, string | null | undefined, string | null>
  rental_ends_on: ColumnType<Date | null, string | null | undefined, string | null>
  rental_monthly_cost: NumericOrNull
  rental_currency: string | null
  lessor: string | null
  updated_at: Generated<Date>
  onboarding_status: Generated<"created" | "under_review" | "approved" | "rejected">
  onboarding_changed_at: Generated<Date>
}

export interface VehicleOwnershipsTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  owner_type: string
  owner_name: string
  starts_on: ColumnType<Date, string, string>
  ends_on: ColumnType<Date | null, string | null | undefined, string | null>
  purchase_price: NumericOrNull
  sale_price: NumericOrNull
  currency: string | null
  notes: string | null
  created_at: Defaulted<Date>
  updated_at: Generated<Date>
}

export interface DevicesTable {
  id: string
  org_id: string
  vehicle_id: string | null
  name: string | null
  /** null for devices known by their identifier (teltonika, osmand, gt06). */
  secret_hash: string | null
  /** HMAC of a secret that passed argon2id once (makeDeviceAuthenticator); written by ingest only. */
  secret_verifier: ColumnType<string | null, never, string | null>
  disabled: Generated<boolean>
  created_at: Defaulted<Date>
  last_connected_at: Date | null
  protocol: Generated<"fleetcore" | "teltonika" | "osmand" | "gt06">
  identifier: string | null
  /** The device model (FMC130…): picks a Teltonika device's IO map; null = the generic map. */
  model: Generated<string | null>
}

/** Trackers that connected with an identifier no device has: installation-wide, read as the system. */
export interface UnknownDevicesTable {
  protocol: "teltonika" | "osmand" | "gt06"
  identifier: string
  remote_address: string
  first_seen_at: Defaulted<Date>
  last_seen_at: Defaulted<Date>
  seen_count: Defaulted<string>
}

/** Commands to devices (issue 14): queued → sent → acknowledged/answered, or failed/expired. */
export interface DeviceCommandsTable {
  id: Generated<string>
  org_id: string
  device_id: string
  vehicle_id: string | null
  protocol: string
  type: string
  params: ColumnType<unknown, string, string>
  text: string
  status: Generated<"queued" | "sent" | "acknowledged" | "answered" | "failed" | "expired">
  answer: string | null
  failure: string | null
  attempts: Generated<number>
  timeout_s: number
  created_by: string | null
  created_at: Defaulted<Date>
  sent_at: Date | null
  answered_at: Date | null
  expires_at: Date
}

export interface VehicleStateTable {
  vehicle_id: string
  org_id: string
  device_id: string | null
  time: Date
  lat: number
  lon: number
  speed_mps: number | null
  heading_deg: number | null
  odometer_m: number | null
  fuel_level_pct: number | null
  ignition: boolean | null
  battery_v: number | null
  updated_at: Defaulted<Date>
}

export interface VehicleRuleStateTable {
  vehicle_id: string
  org_id: string
  /** jsonb: the engine's rule state of the vehicle. */
  state: ColumnType<Record<string, unknown>, string, string>
  last_time: Date | null
  /** jsonb: the late track's holes and checkpoints (engine/src/lateTrackStore.ts). */
  late: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
  /** The state's odometer estimate and whether a trip is open: written each second, the state about once a minute. */
  estimated_odometer_m: number | null
  /** When the engine last set the vehicle's odometer against the tracker's (migration 1734980000000). */
  odometer_offset_at: Date | null
  trip_open: Defaulted<boolean>
  updated_at: Defaulted<Date>
}

export interface AlertsTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string | null
  driver_id: string | null
  type: string
  key: Generated<string>
  severity: "info" | "warning" | "critical"
  status: Generated<"open" | "acknowledged" | "resolved">
  opened_at: Date
  last_seen_at: Date
  occurrences: Generated<number>
  lat: number | null
  lon: number | null
  details: ColumnType<Record<string, unknown>, string | undefined, string>
  acknowledged_at: Date | null
  acknowledged_by: string | null
  resolved_at: Date | null
  resolved_by: string | null
  resolution_note: string | null
  acknowledgement_note: ColumnType<string | null, string | null | undefined, string | null>
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>
  assigned_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  assigned_by: ColumnType<string | null, string | null | undefined, string | null>
}

/** One theft, fill or odometer fault: its own record, never merged (incidents, issue 10). */
export interface IncidentsTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  driver_id: string | null
  kind: IncidentKind
  started_at: Date
  ended_at: Date
  lat: number | null
  lon: number | null
  amount: number | null
  unit: "l" | "m" | "pct"
  details: ColumnType<Record<string, unknown>, string | undefined, string>
  alert_id: string | null
  created_at: Defaulted<Date>
  updated_at: Defaulted<Date>
}

/** What a person did to an alert (the alerts inbox's history). */
export interface AlertActionsTable {
  id: Generated<string>
  org_id: string
  alert_id: string
  action: "acknowledge" | "assign" | "unassign" | "resolve" | "withdraw" | "note"
  actor_id: string | null
  assignee_id: string | null
  note: string | null
  at: Defaulted<Date>
}

export interface FuelCardsTable {
  id: Generated<string>
  org_id: string
  name: string
  number_last4: string | null
  vehicle_id: string | null
  driver_id: ColumnType<string | null, string | null | undefined, string | null>
  currency: string
  daily_limit: NumericOrNull
  weekly_limit: NumericOrNull
  monthly_limit: NumericOrNull
  active: Generated<boolean>
  created_at: Defaulted<Date>
}

/** The refuel part of a fuel expense: id = the expense's id (1:1). */
export interface FuelEntriesTable {
  id: string
  org_id: string
  litres: Numeric
  odometer_km: NumericOrNull
  fuel_card_id: string | null
  distance_km: NumericOrNull
  expected_l: NumericOrNull
  difference_l: NumericOrNull
  difference_pct: NumericOrNull
  check_skipped: "first_refuel" | "unrated" | "no_odometer" | "previous_no_odometer" | null
  anomaly: Generated<boolean>
  anomaly_status: Generated<"none" | "unchecked" | "checked">
  checked_by: string | null
  checked_at: Date | null
  created_at: Defaulted<Date>
}

export interface GeofencesTable {
  id: Generated<string>
  org_id: string
  name: string
  kind: "circle" | "polygon"
  center_lat: number | null
  center_lon: number | null
  radius_m: number | null
  /** jsonb [[lat, lon], …]: write it as JSON text. */
  ring: ColumnType<Array<[number, number]> | null, string | null, string | null>
  dwell_s: Generated<number>
  active: Generated<boolean>
  created_at: Defaulted<Date>
  alert_on: Generated<"enter" | "exit" | "both">
  /** jsonb {days, from, to} or null (always): write it as JSON text. */
  schedule: ColumnType<GeofenceScheduleJson | null, string | null, string | null>
}

/** A geofence's watch window as stored (see contract GeofenceSchedule). */
export interface GeofenceScheduleJson {
  days: ReadonlyArray<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">
  from: string
  to: string
}

export interface OdometerReadingsTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  value_km: Numeric
  at: Date
  entered_by: string | null
  flagged: Generated<boolean>
  note: string | null
  /** The tracker's own odometer when the reading was taken, if it was not older than its last point. */
  device_odometer_m: number | null
  created_at: Defaulted<Date>
}

export interface MaintenanceTemplatesTable {
  id: Generated<string>
  org_id: string
  name: string
  vehicle_type_id: string | null
  vehicle_id: string | null
  every_km: NumericOrNull
  every_months: number | null
  active: Generated<boolean>
  created_at: Defaulted<Date>
}

export interface MaintenancePlansTable {
  vehicle_id: string
  template_id: string
  org_id: string
  base_odometer_km: Numeric
  base_date: ColumnType<Date, string, string>
}

export interface MaintenanceTasksTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  template_id: string | null
  status: "scheduled" | "overdue" | "in_progress" | "completed" | "cancelled"
  due_odometer_km: NumericOrNull
  due_date: ColumnType<Date | null, string | null | undefined, string | null>
  reminders_sent: Generated<number[]>
  created_at: Defaulted<Date>
  completed_on: ColumnType<Date | null, string | null | undefined, string | null>
  completed_odometer_km: NumericOrNull
  cost: NumericOrNull
  currency: string | null
  notes: string | null
  completed_by: string | null
  name: string | null
  vendor: string | null
  parts: ColumnType<ReadonlyArray<MaintenancePartRow>, string | undefined, string>
  expense_id: string | null
  started_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_by: string | null
}

/** One part of a service record (`maintenance_tasks.parts`), cost in the task's currency. */
export interface MaintenancePartRow {
  readonly name: string
  readonly quantity: number
  readonly cost: string | null
}

export interface DriverAssignmentsTable {
  id: Generated<string>
  org_id: string
  vehicle_id: string
  driver_id: string
  starts_at: Date
  ends_at: Date | null
  created_at: Defaulted<Date>
}

export interface Database {
  organisations: OrganisationsTable
  users: UsersTable
  password_links: PasswordLinksTable
  recovery_codes: RecoveryCodesTable
  refresh_tokens: RefreshTokensTable
  audit_log: AuditLogTable
  vehicle_types: VehicleTypesTable
  vehicles: VehiclesTable
  devices: DevicesTable
  unknown_devices: UnknownDevicesTable
  device_commands: DeviceCommandsTable
  vehicle_state: VehicleStateTable
  vehicle_rule_state: VehicleRuleStateTable
  alerts: AlertsTable
  incidents: IncidentsTable
  fuel_cards: FuelCardsTable
  fuel_entries: FuelEntriesTable
  geofences: GeofencesTable
  odometer_readings: OdometerReadingsTable
  maintenance_templates: MaintenanceTemplatesTable
  maintenance_plans: MaintenancePlansTable
  maintenance_tasks: MaintenanceTasksTable
  driver_assignments: DriverAssignmentsTable
  teams: TeamsTable
  drivers: DriversTable
  vehicle_ownerships: VehicleOwnershipsTable
  contracts: ContractsTable
  penalties: PenaltiesTable
  documents: DocumentsTable
  expenses: ExpensesTable
  expense_days: ExpenseDaysTable
  currency_rates: CurrencyRatesTable
  budgets: BudgetsTable
  alert_actions: AlertActionsTable
  report_schedules: ReportSchedulesTable
  report_schedule_runs: ReportScheduleRunsTable
  onboarding_events: OnboardingEventsTable
  task_templates: TaskTemplatesTable
  tasks: TasksTable
  task_events: TaskEventsTable
  tickets: TicketsTable
  ticket_events: TicketEventsTable
  vehicle_specs: VehicleSpecsTable
  vehicle_change_requests: VehicleChangeRequestsTable
  service_visits: ServiceVisitsTable
  service_work_items: ServiceWorkItemsTable
  service_visit_photos: ServiceVisitPhotosTable
  service_centres: ServiceCentresTable
  centre_moderation_decisions: CentreModerationDecisionsTable
  vehicle_access_invites: VehicleAccessInvitesTable
  vehicle_access_invite_vehicles: VehicleAccessInviteVehiclesTable
  vehicle_access_requests: VehicleAccessRequestsTable
  vehicle_access_grants: VehicleAccessGrantsTable
  vehicle_search_log: VehicleSearchLogTable
}
