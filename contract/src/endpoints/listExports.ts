import { listExport } from "../listExport.js"
import { alerts } from "./alerts.js"
import { assignments } from "./assignments.js"
import { audit } from "./audit.js"
import { budgets } from "./budgets.js"
import { moderation } from "./centres.js"
import { changeRequests } from "./changeRequests.js"
import { contracts } from "./contracts.js"
import { currencyRates } from "./currencyRates.js"
import { deviceCommands } from "./deviceCommands.js"
import { devices } from "./devices.js"
import { documents } from "./documents.js"
import { drivers } from "./drivers.js"
import { expenses } from "./expenses.js"
import { fuel } from "./fuel.js"
import { geofences } from "./geofences.js"
import { incidents } from "./incidents.js"
import { maintenance } from "./maintenance.js"
import { notifications } from "./notifications.js"
import { odometer } from "./odometer.js"
import { onboarding } from "./onboarding.js"
import { organisations } from "./organisations.js"
import { ownership } from "./ownership.js"
import { penalties } from "./penalties.js"
import { reportSchedules } from "./reportSchedules.js"
import { tasks } from "./tasks.js"
import { teams } from "./teams.js"
import { tickets } from "./tickets.js"
import { users } from "./users.js"
import { centreAccess, vehicleAccess } from "./vehicleAccess.js"
import { vehicles } from "./vehicles.js"
import { vehicleTypes } from "./vehicleTypes.js"
import { visits } from "./visits.js"

/**
 * The lists that export to CSV, XLSX and PDF: one line per list (`listExport`), keyed by the name
 * of its columns (`api/src/exports/listExportColumns.ts`). The service book is the completed tasks.
 */
export const listExports = {
  vehicles: listExport(vehicles.list),
  drivers: listExport(drivers.list),
  expenses: listExport(expenses.list),
  alerts: listExport(alerts.list),
  incidents: listExport(incidents.list),
  contracts: listExport(contracts.list),
  penalties: listExport(penalties.list),
  documents: listExport(documents.list),
  fuelEntries: listExport(fuel.listEntries),
  maintenanceTasks: listExport(maintenance.listTasks),
  audit: listExport(audit.list),
  fuelCards: listExport(fuel.listCards, "fuel.exportCards"),
  users: listExport(users.list),
  teams: listExport(teams.list),
  vehicleTypes: listExport(vehicleTypes.list),
  geofences: listExport(geofences.list),
  tasks: listExport(tasks.list),
  tickets: listExport(tickets.list),
  onboardingQueue: listExport(onboarding.queue),
  fuelEvents: listExport(fuel.events, "fuel.exportEvents"),
  fuelReconciliation: listExport(fuel.reconciliation, "fuel.exportReconciliation"),
  fuelCardSpending: listExport(fuel.cardSpending, "fuel.exportCardSpending"),
  vehicleAssignments: listExport(assignments.list),
  driverAssignments: listExport(assignments.byDriver, "assignments.exportByDriver"),
  odometerReadings: listExport(odometer.list),
  ownershipRecords: listExport(ownership.list),
  devices: listExport(devices.list),
  unknownDevices: listExport(devices.unknown, "devices.exportUnknown"),
  deviceCommands: listExport(deviceCommands.list),
  maintenanceTemplates: listExport(maintenance.listTemplates, "maintenance.exportTemplates"),
  taskTemplates: listExport(tasks.listTemplates, "tasks.exportTemplates"),
  currencyRates: listExport(currencyRates.list),
  budgets: listExport(budgets.list),
  notifications: listExport(notifications.list),
  notificationWebhooks: listExport(notifications.webhooks, "notifications.exportWebhooks"),
  webhookDeliveries: listExport(notifications.deliveries, "notifications.exportDeliveries"),
  reportSchedules: listExport(reportSchedules.list),
  scheduleRuns: listExport(reportSchedules.runs, "reportSchedules.exportRuns"),
  organisations: listExport(organisations.list),
  vehicleChangeRequests: listExport(changeRequests.list),
  serviceVisits: listExport(visits.list),
  visitDisputes: listExport(visits.disputes, "visits.exportDisputes"),
  accessInvites: listExport(vehicleAccess.invites),
  accessRequests: listExport(vehicleAccess.requests, "vehicleAccess.exportRequests"),
  accessGrants: listExport(vehicleAccess.grants, "vehicleAccess.exportGrants"),
  centreRequests: listExport(centreAccess.requests),
  centreGrants: listExport(centreAccess.grants, "centreAccess.exportGrants"),
  centreModeration: listExport(moderation.centres),
} as const
