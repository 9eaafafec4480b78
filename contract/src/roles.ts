/**
 * Who may do what: the one table of roles and permissions. The server checks it on every
 * endpoint (each endpoint declares the permission it needs); the dashboard reads the same table
 * to build its menu, so a role never sees a page its API calls would refuse.
 */

/**
 * Roles, from the installation's owner down to a read-only viewer; the installation's moderators
 * (who verify service centres); and the roles of a service centre's people (issue 16).
 */
export const ROLES = [
  "owner",
  "admin",
  "manager",
  "dispatcher",
  "driver",
  "viewer",
  "analyst",
  "moderator",
  "centre_owner",
  "centre_manager",
  "receptionist",
  "mechanic",
] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  /** Create, rename, suspend organisations; act inside any of them (the organisation selector). */
  "organisations.manage",
  /** Change the own organisation's settings (currency, time zone, language, units, rules). */
  "organisation.settings",
  "users.read",
  "users.manage",
  "audit.read",
  "vehicles.read",
  "vehicles.manage",
  /** Delete a vehicle without history (a mistaken entry): admins, not managers (seed 003, role permissions). */
  "vehicles.delete",
  /** Review a new vehicle's onboarding (inspect, approve, reject). */
  "vehicles.approve",
  "devices.read",
  "devices.manage",
  /** Send typed commands to devices (cut the fuel, ask for the position…). */
  "devices.command",
  /** Send raw command text to devices, as the device's manual spells it. */
  "devices.commandRaw",
  /** Positions, tracks, trips, mileage and the live feed of the vehicles the caller may see. */
  "telemetry.read",
  /** Re-run the rules over stored points. */
  "telemetry.replay",
  "assignments.read",
  "assignments.manage",
  "alerts.read",
  "alerts.manage",
  "fuel.read",
  /** Record a refuel: drivers for the vehicles assigned to them. */
  "fuel.record",
  "fuel.manage",
  "odometer.read",
  /** Record an odometer reading: drivers for the vehicles assigned to them. */
  "odometer.record",
  "maintenance.read",
  "maintenance.manage",
  "geofences.read",
  "geofences.manage",
  /** Read the organisation's rule thresholds (overspeed, fuel anomaly, maintenance lead…). */
  "settings.read",
  /** Driver records (licence, medical, fuel cards) and teams. A driver reads only their own. */
  "drivers.read",
  "drivers.manage",
  /** Take a driver's onboarding steps (background check, training, approve, suspend). */
  "drivers.approve",
  /** Expenses, budgets and currency rates (refuels are expenses too: `fuel.record` enters them). */
  "expenses.read",
  "expenses.manage",
  /** Leasing, rental, insurance, warranty and service contracts. */
  "contracts.read",
  "contracts.manage",
  /** Fines: a driver reads their own and may report one paid (with a receipt). */
  "penalties.read",
  "penalties.pay",
  "penalties.manage",
  /** Files attached to records (a driver reads and uploads those of their vehicles and records). */
  "documents.read",
  "documents.upload",
  "documents.manage",
  /** Reports (cost, utilisation, fuel, maintenance, drivers…) over the vehicles the caller may see. */
  "reports.read",
  /** Download a report or a list as CSV, XLSX or PDF (an audited action). */
  "reports.export",
  /** Schedule reports e-mailed to chosen recipients. */
  "reports.schedule",
  /** Run read-only SQL over the organisation's own ClickHouse rows. */
  "analytics.query",
  /** Tasks and their history (a driver: the tasks assigned to them or their vehicle). */
  "tasks.read",
  /** Create and assign tasks, define task templates (workflows). */
  "tasks.manage",
  /** Move a task through its workflow, comment, attach evidence (a driver: their own tasks). */
  "tasks.work",
  /** Driver tickets (issue 15): a driver reads and raises their own; the office works the queue. */
  "tickets.read",
  "tickets.raise",
  "tickets.manage",
  /** Have a photo read (plate, VIN, odometer, receipt) for suggested values: whoever records them. */
  "ocr.suggest",
  /** Change requests to vehicles' critical fields (issue 16): read them, propose one. */
  "vehicleChanges.read",
  "vehicleChanges.propose",
  /** Verify service centres (approve, reject, suspend, reinstate), read suspicious searches, settle disputes. */
  "centres.moderate",
  /** A service centre's own profile and verification details (its owner). */
  "centres.manage",
  /** Search a vehicle by plate or VIN and see its masked card (make, model, year). */
  "centres.search",
  /** A centre asks for access to a vehicle, redeems a fleet's invite code, reads its grants. */
  "centres.access",
  /** A fleet gives centres access to its vehicles (invite codes, requests) and revokes it. */
  "vehicleAccess.manage",
  /** Service visits: a centre's own, a fleet's of its vehicles. */
  "visits.read",
  /** Open a visit on a vehicle the centre has access to, add work items and photos. */
  "visits.record",
  /** Complete a visit, handing it to the vehicle's owner for confirmation. */
  "visits.complete",
  /** The vehicle's organisation confirms or disputes a centre's visit. */
  "visits.confirm",
] as const
export type Permission = (typeof PERMISSIONS)[number]

const READ_ALL: ReadonlyArray<Permission> = [
  "vehicles.read",
  "devices.read",
  "telemetry.read",
  "assignments.read",
  "alerts.read",
  "fuel.read",
  "odometer.read",
  "maintenance.read",
  "geofences.read",
  "drivers.read",
  "expenses.read",
  "contracts.read",
  "penalties.read",
  "documents.read",
  "reports.read",
  "reports.export",
  "tasks.read",
  "tickets.read",
  "vehicleChanges.read",
  "visits.read",
]

const MANAGE_FLEET: ReadonlyArray<Permission> = [
  ...READ_ALL,
  "vehicles.manage",
  "devices.manage",
  "devices.command",
  "telemetry.replay",
  "assignments.manage",
  "alerts.manage",
  "fuel.record",
  "fuel.manage",
  "odometer.record",
  "maintenance.manage",
  "geofences.manage",
  "settings.read",
  "drivers.manage",
  "expenses.manage",
  "contracts.manage",
  "penalties.pay",
  "penalties.manage",
  "documents.upload",
  "documents.manage",
  "reports.schedule",
  "vehicles.approve",
  "drivers.approve",
  "tasks.manage",
  "tasks.work",
  "tickets.raise",
  "tickets.manage",
  "ocr.suggest",
  "vehicleAccess.manage",
  "visits.confirm",
]

/** What every employee of a service centre has; the centre's data only (its own organisation). */
const CENTRE_STAFF: ReadonlyArray<Permission> = [
  "centres.search",
  "visits.read",
  "visits.record",
  "vehicleChanges.read",
  "vehicleChanges.propose",
  "ocr.suggest",
]

const ADMIN: ReadonlyArray<Permission> = [
  ...MANAGE_FLEET,
  "vehicles.delete",
  "organisation.settings",
  "users.read",
  "users.manage",
  "audit.read",
  "analytics.query",
  "devices.commandRaw",
]

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set<Permission>([...ADMIN, "organisations.manage", "centres.moderate"]),
  admin: new Set(ADMIN),
  manager: new Set<Permission>([...MANAGE_FLEET, "users.read"]),
  dispatcher: new Set<Permission>([
    ...READ_ALL,
    "alerts.manage",
    "assignments.manage",
    "devices.command",
    "tasks.work",
  ]),
  // A driver's reads and records are further confined to the vehicles assigned to them.
  driver: new Set<Permission>([
    "vehicles.read",
    "telemetry.read",
    "assignments.read",
    "fuel.read",
    "fuel.record",
    "odometer.read",
    "odometer.record",
    "maintenance.read",
    "drivers.read",
    "penalties.read",
    "penalties.pay",
    "documents.read",
    "documents.upload",
    "tasks.read",
    "tasks.work",
    "tickets.read",
    "tickets.raise",
    "ocr.suggest",
    "vehicleChanges.read",
    "vehicleChanges.propose",
  ]),
  viewer: new Set(READ_ALL),
  analyst: new Set<Permission>([...READ_ALL, "analytics.query"]),
  // Moderators and a centre's heads keep their queues and grants as files (`reports.export`).
  moderator: new Set<Permission>(["centres.moderate", "reports.export"]),
  centre_owner: new Set<Permission>([
    ...CENTRE_STAFF,
    "centres.manage",
    "centres.access",
    "visits.complete",
    "users.read",
    "users.manage",
    "audit.read",
    "reports.export",
    "documents.read",
    "documents.upload",
  ]),
  centre_manager: new Set<Permission>([
    ...CENTRE_STAFF,
    "centres.access",
    "visits.complete",
    "users.read",
    "users.manage",
    "reports.export",
  ]),
  receptionist: new Set<Permission>([...CENTRE_STAFF, "centres.access"]),
  mechanic: new Set(CENTRE_STAFF),
}

/** The roles of a service centre's people; the others belong to fleets (and the installation). */
export const CENTRE_ROLES = ["centre_owner", "centre_manager", "receptionist", "mechanic"] as const
export type CentreRole = (typeof CENTRE_ROLES)[number]
export const isCentreRole = (role: Role): role is CentreRole =>
  (CENTRE_ROLES as ReadonlyArray<Role>).includes(role)

export const can = (role: Role, permission: Permission): boolean => ROLE_PERMISSIONS[role].has(permission)

/** Roles whose reads and records are confined to the vehicles assigned to the caller. */
export const isConfinedToAssignedVehicles = (role: Role): boolean => role === "driver"

/**
 * Who may hand out which role: only the installation owner makes (or edits) another owner or a
 * moderator; an admin manages every other fleet role of their organisation; a centre's owner or
 * manager hands out the centre roles (only a centre owner makes another). Whether the role fits the
 * organisation (a centre's roles in a centre, a fleet's in a fleet) is `assertRoleFitsOrganisation`.
 */
export const mayGrant = (caller: Role, role: Role): boolean => {
  if (caller === "owner") return true
  if (isCentreRole(caller))
    return isCentreRole(role) && (role !== "centre_owner" || caller === "centre_owner")
  return role !== "owner" && role !== "moderator" && !isCentreRole(role)
}
