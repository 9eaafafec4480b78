export * from "./AlertSink.js"
export * from "./BatchWriter.js"
export * from "./checkOffline.js"
export * from "./DuplicateFilter.js"
export * from "./Engine.js"
export * from "./FuelCrossCheck.js"
export * from "./IncidentSink.js"
export * from "./MaintenanceJob.js"
export * from "./oneProcessAtATime.js"
export * from "./positionRow.js"
export * from "./purgeAuditLogs.js"
export * from "./RulesRunner.js"
export * from "./rederive.js"
export * from "./replayVehicle.js"
export * from "./ruleOutputs.js"
export {
  type Geofence,
  type GeofenceState,
  initialGeofenceState,
  insideFence,
  stepGeofences,
} from "./rules/alerts/GeofenceRule.js"
export { inSchedule, parseGeofenceSchedule } from "./rules/alerts/GeofenceSchedule.js"
export * from "./rules/fuel/ConsumptionCheck.js"
export { localDayKey, localMidnight, timeZoneOf } from "./rules/localDay.js"
export * from "./rules/maintenance/MaintenancePlanner.js"
export * from "./rules/odometer/manualReading.js"
export * from "./VehicleRules.js"
export * from "./VehicleStateStore.js"
export * from "./withdrawUnsupported.js"
