/**
 * The details the rules write on an alert (engine/src VehicleRules, rules/odometer, IncidentSink,
 * MaintenanceJob, FuelCrossCheck, checkOffline; api/src/fuel, vehicles/recordReading), in the order
 * they are told, and what kind of value each is: the alert's page (dashboard/src/pages/alerts/
 * alertDetails.ts) and its notifications (api/src/notifications/texts/alertFacts.ts) both read them
 * from here, each labelling and writing a kind in its own catalogue. A new detail is added here once.
 */
export const ALERT_FACT_KINDS = {
  code: "text",
  alarm: "alarm",
  limitKmh: "kmh",
  maxKmh: "kmh",
  sinceMs: "epochMs",
  startMs: "epochMs",
  endMs: "epochMs",
  lastDataAt: "instant",
  previousM: "metres",
  currentM: "metres",
  decreaseM: "metres",
  increaseM: "metres",
  elapsedS: "seconds",
  impliedKmh: "kmh",
  maxPlausibleM: "metres",
  odometerM: "metres",
  gpsM: "metres",
  diffPct: "percent",
  windowM: "metres",
  valueKm: "km",
  kmPerDay: "kmPerDay",
  maxKmPerDay: "kmPerDay",
  fromL: "litres",
  toL: "litres",
  litres: "litres",
  expectedL: "litres",
  actualL: "litres",
  differencePct: "percent",
  paidL: "litres",
  sensorL: "sensorLitres",
  missingL: "litres",
  minV: "volts",
  thresholdV: "volts",
  dueBy: "dueBy",
  dueDate: "day",
  dueOdometerKm: "km",
  daysLeft: "days",
  kmLeft: "km",
  periodStart: "day",
} as const

export type AlertFactKind = (typeof ALERT_FACT_KINDS)[keyof typeof ALERT_FACT_KINDS]
