/**
 * What a FleetCore process needs of the API package without running the API role: the device
 * command queue (an ingest process delivers commands), readiness and metrics access (every role's
 * health routes). Its own entry (`@fleetcore/api/shared`), so that an ingest or engine process does
 * not load the API's routes, schemas and catalogues (about 25 MiB of resident memory).
 */
export * from "./commands/DeviceCommandService.js"
export { checkReadiness } from "./health/readiness.js"
export * from "./metrics/metricsAccess.js"
