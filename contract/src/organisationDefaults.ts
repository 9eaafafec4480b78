import type { OrganisationSettings } from "./endpoints/organisations.js"

/**
 * What an organisation that never chose a setting gets (seed 000: tenge, Almaty, English, metric),
 * the one place these defaults are written: the API shows them, the engine counts days and reads
 * geofence schedules in the time zone, the dashboard starts a new organisation with them. Imports
 * nothing at run time, so the engine's rules thread loads it alone (`@fleetcore/contract/organisationDefaults`).
 */
export const ORGANISATION_DEFAULTS: typeof OrganisationSettings.Type = {
  currency: "KZT",
  timezone: "Asia/Almaty",
  language: "en",
  units: "metric",
  auditRetentionDays: 730,
  dailyChecksHour: 8,
}
