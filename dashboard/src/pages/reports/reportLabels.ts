import { EXPENSE_CATEGORIES } from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"

/** The column keys the reports' own words name (`reports.col_<key>`); others are expense categories. */
export const REPORT_COLUMNS = [
  "vehicle",
  "plate",
  "purchase",
  "contracts",
  "total",
  "distanceKm",
  "costPerKm",
  "month",
  "budget",
  "remaining",
  "refuels",
  "litres",
  "fuelCost",
  "costPerLitre",
  "ratedL100",
  "refuelL100",
  "refuelDiffPct",
  "sensorL100",
  "sensorDiffPct",
  "anomalies",
  "anomalyL",
  "fills",
  "fillL",
  "thefts",
  "theftL",
  "limitDay",
  "limitWeek",
  "limitMonth",
  "services",
  "serviceCost",
  "due",
  "overdue",
  "onTime",
  "late",
  "onTimePct",
  "lastService",
  "driver",
  "hours",
  "speeding",
  "speedingMinutes",
  "alerts",
  "penaltiesCount",
  "penaltiesAmount",
  "fuelAnomalies",
  "score",
  "contractType",
  "contractor",
  "contractNumber",
  "startsOn",
  "endsOn",
  "costInPeriod",
  "daysLeft",
  "uninsuredDays",
  "lessor",
  "monthlyCost",
  "rentedDays",
  "rentDue",
  "rentPaid",
  "otherCosts",
  "owned",
  "rented",
  "daysUsed",
  "utilisation",
  "drivingTime",
  "idleTime",
  "trips",
  "day",
  "start",
  "startPlace",
  "end",
  "endPlace",
  "duration",
  "maxSpeedKmh",
  "stopAfter",
  "activeVehicles",
  "idleVehicles",
  "driversDistanceKm",
  "geofence",
  "entered",
  "left",
  "timeInside",
  "status",
  "ongoing",
  "ended",
  "visits",
  "geofencesVisited",
  "breakdown",
  "group",
  "created",
  "completed",
  "cancelled",
  "avgTime",
  "p90Time",
  "overdueRate",
  "byTeam",
  "noTeam",
  "byTemplate",
  "adHoc",
  "byAssignee",
  "unassigned",
] as const
/** Contract types, named by the contracts pages' words. */
const CONTRACT_TYPES = [
  "leasing",
  "rental",
  "insurance_casco",
  "insurance_osago",
  "warranty",
  "service_contract",
] as const
type ContractType = (typeof CONTRACT_TYPES)[number]
const isContractType = (key: string): key is ContractType =>
  (CONTRACT_TYPES as ReadonlyArray<string>).includes(key)
type ReportColumnKey = (typeof REPORT_COLUMNS)[number]
type Category = (typeof EXPENSE_CATEGORIES)[number]

const isColumn = (key: string): key is ReportColumnKey =>
  (REPORT_COLUMNS as ReadonlyArray<string>).includes(key)
const isCategory = (key: string): key is Category =>
  (EXPENSE_CATEGORIES as ReadonlyArray<string>).includes(key)

/** A column's, chart category's or series' label in the user's language. */
export const reportLabel = (t: I18n["t"], key: string): string => {
  if (isColumn(key)) return t(`reports.col_${key}`)
  if (isCategory(key)) return t(`expenses.category_${key}`)
  if (isContractType(key)) return t(`contractsPenalties.contracts.type_${key}`)
  return key
}
