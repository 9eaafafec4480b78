import type { AnyEndpoint } from "../endpoint.js"
import { alerts } from "./alerts.js"
import { analytics } from "./analytics.js"
import { assignments } from "./assignments.js"
import { audit } from "./audit.js"
import { auth, me } from "./auth.js"
import { budgets } from "./budgets.js"
import { centres, moderation } from "./centres.js"
import { changeRequests } from "./changeRequests.js"
import { contracts } from "./contracts.js"
import { currencyRates } from "./currencyRates.js"
import { dashboards } from "./dashboards.js"
import { deviceCommands } from "./deviceCommands.js"
import { devices } from "./devices.js"
import { documents } from "./documents.js"
import { drivers } from "./drivers.js"
import { expenses } from "./expenses.js"
import { fuel } from "./fuel.js"
import { geofences } from "./geofences.js"
import { history } from "./history.js"
import { home } from "./home.js"
import { imports } from "./imports.js"
import { incidents } from "./incidents.js"
import { listExports } from "./listExports.js"
import { maintenance } from "./maintenance.js"
import { notifications } from "./notifications.js"
import { ocr } from "./ocr.js"
import { odometer } from "./odometer.js"
import { onboarding } from "./onboarding.js"
import { organisationLogo } from "./organisationLogo.js"
import { organisations } from "./organisations.js"
import { ownership } from "./ownership.js"
import { penalties } from "./penalties.js"
import { reportSchedules } from "./reportSchedules.js"
import { reports } from "./reports.js"
import { settings } from "./settings.js"
import { system } from "./system.js"
import { tasks } from "./tasks.js"
import { teams } from "./teams.js"
import { telegram } from "./telegram.js"
import { tickets } from "./tickets.js"
import { users } from "./users.js"
import { centreAccess, vehicleAccess } from "./vehicleAccess.js"
import { vehicleSpecs } from "./vehicleSpecs.js"
import { vehicles } from "./vehicles.js"
import { vehicleTypes } from "./vehicleTypes.js"
import { visits } from "./visits.js"

/** Every endpoint of the API, by area. Add an area here and it is routed, documented and typed. */
export const endpoints = {
  system,
  auth,
  me,
  organisations,
  users,
  audit,
  vehicles,
  dashboards,
  history,
  assignments,
  odometer,
  devices,
  alerts,
  incidents,
  fuel,
  maintenance,
  settings,
  geofences,
  drivers,
  teams,
  vehicleTypes,
  ownership,
  contracts,
  penalties,
  documents,
  expenses,
  currencyRates,
  budgets,
  imports,
  notifications,
  home,
  analytics,
  reports,
  deviceCommands,
  reportSchedules,
  listExports,
  organisationLogo,
  onboarding,
  tasks,
  tickets,
  ocr,
  vehicleSpecs,
  changeRequests,
  visits,
  centres,
  moderation,
  centreAccess,
  vehicleAccess,
  telegram,
} as const

/** Every declared endpoint, flat. */
export const ALL_ENDPOINTS: ReadonlyArray<AnyEndpoint> = Object.values(endpoints).flatMap(
  (area) => Object.values(area) as ReadonlyArray<AnyEndpoint>,
)
