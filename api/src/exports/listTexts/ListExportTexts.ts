/** The enumerated values a list export writes in words (statuses, types, categories, severities…). */
export const VALUE_SETS = [
  "vehicleStatus",
  "driverStatus",
  "expenseCategory",
  "alertType",
  "alertSeverity",
  "alertStatus",
  "contractType",
  "contractStatus",
  "paymentFrequency",
  "penaltyStatus",
  "documentKind",
  "documentEntity",
  "incidentKind",
  "incidentUnit",
  "maintenanceStatus",
  "anomalyStatus",
  "yesNo",
  "cardActive",
  "role",
  "userStatus",
  "fuelType",
  "typeScope",
  "geofenceKind",
  "geofenceAlertOn",
  "weekday",
  "taskPriority",
  "ticketType",
  "ticketStatus",
  "onboardingKind",
  "onboardingStatus",
  "fuelEventKind",
  "orgStatus",
  "orgKind",
  "reconciliationKind",
  "ownerType",
  "deviceProtocol",
  "commandStatus",
  "budgetPeriod",
  "deliveryStatus",
  "reportKind",
  "reportPeriod",
  "frequency",
  "language",
  "runStatus",
  "changeStatus",
  "proposerKind",
  "visitStatus",
  "disputeOutcome",
  "accessScope",
  "requestStatus",
  "inviteStatus",
  "grantSource",
  "centreStatus",
] as const
export type ValueSet = (typeof VALUE_SETS)[number]

type Words = Readonly<Record<string, string>>

/**
 * The words of list exports in one language: column labels, list titles, the truncation note, and
 * the name of every enumerated value (the words the dashboard shows). Every language has the same
 * keys, and every value of the contract has a name (`listExportTexts.test.ts` checks).
 */
export interface ListExportTexts {
  readonly labels: Words
  readonly titles: Words
  /** Above a list cut at the most rows an export writes: `{n}` rows. */
  readonly truncated: string
  /** A geofence watched at all hours. */
  readonly always: string
  readonly values: Readonly<Record<ValueSet, Words>>
}
