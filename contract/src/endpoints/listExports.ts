import { listExport } from "../listExport.js"
import { alerts } from "./alerts.js"
import { audit } from "./audit.js"
import { contracts } from "./contracts.js"
import { documents } from "./documents.js"
import { drivers } from "./drivers.js"
import { expenses } from "./expenses.js"
import { fuel } from "./fuel.js"
import { geofences } from "./geofences.js"
import { incidents } from "./incidents.js"
import { maintenance } from "./maintenance.js"
import { onboarding } from "./onboarding.js"
import { penalties } from "./penalties.js"
import { tasks } from "./tasks.js"
import { teams } from "./teams.js"
import { tickets } from "./tickets.js"
import { users } from "./users.js"
import { vehicles } from "./vehicles.js"
import { vehicleTypes } from "./vehicleTypes.js"

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
} as const
