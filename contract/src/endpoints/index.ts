import type { AnyEndpoint } from "../endpoint.js"
import { alerts } from "./alerts.js"
import { assignments } from "./assignments.js"
import { audit } from "./audit.js"
import { auth, me } from "./auth.js"
import { budgets } from "./budgets.js"
import { contracts } from "./contracts.js"
import { currencyRates } from "./currencyRates.js"
import { devices } from "./devices.js"
import { documents } from "./documents.js"
import { drivers } from "./drivers.js"
import { expenses } from "./expenses.js"
import { fuel } from "./fuel.js"
import { geofences } from "./geofences.js"
import { history } from "./history.js"
import { imports } from "./imports.js"
import { maintenance } from "./maintenance.js"
import { odometer } from "./odometer.js"
import { organisations } from "./organisations.js"
import { ownership } from "./ownership.js"
import { penalties } from "./penalties.js"
import { settings } from "./settings.js"
import { system } from "./system.js"
import { teams } from "./teams.js"
import { users } from "./users.js"
import { vehicles } from "./vehicles.js"
import { vehicleTypes } from "./vehicleTypes.js"

/** Every endpoint of the API, by area. Add an area here and it is routed, documented and typed. */
export const endpoints = {
  system,
  auth,
  me,
  organisations,
  users,
  audit,
  vehicles,
  history,
  assignments,
  odometer,
  devices,
  alerts,
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
} as const

/** Every declared endpoint, flat. */
export const ALL_ENDPOINTS: ReadonlyArray<AnyEndpoint> = Object.values(endpoints).flatMap(
  (area) => Object.values(area) as ReadonlyArray<AnyEndpoint>,
)
