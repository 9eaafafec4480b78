/**
 * The notification types: the one list the preferences, the server's texts and the dashboard's
 * labels key off. A notification's type is an alert type (the engine's and the API's rules) or a
 * daily check's (`api/src/notifications/checks/`).
 */

/** The alert types the rules raise (engine and API), in the order pickers and filters list them. */
export const ALERT_TYPES = [
  "overspeed",
  "geofence_enter",
  "geofence_exit",
  "device_offline",
  "dtc",
  "device_alarm",
  "low_battery",
  "odometer_rollback",
  "odometer_jump",
  "odometer_mismatch",
  "odometer_frozen",
  "odometer_manual_jump",
  "fuel_drop",
  "fuel_fill",
  "fuel_theft",
  "fuel_consumption",
  "fuel_card_limit",
  "fuel_refuel_mismatch",
  "maintenance_due",
  "maintenance_overdue",
  "rental_expiring",
] as const
export type AlertType = (typeof ALERT_TYPES)[number]

/** The reminders the daily checks raise: papers and contracts expiring, service due, budgets. */
export const REMINDER_TYPES = [
  "licence_expiry",
  "medical_expiry",
  "document_expiry",
  "contract_expiry",
  "insurance_expiry",
  "maintenance_reminder",
  "budget_threshold",
] as const
export type ReminderType = (typeof REMINDER_TYPES)[number]

/** What happens to driver tickets: one raised (to the office), one changed (to its driver too). */
export const TICKET_NOTIFICATION_TYPES = ["ticket_raised", "ticket_update"] as const

/**
 * Service centres (issue 16): a moderation decision (to the centre), and vehicle access asked for,
 * decided or revoked (to the other side).
 */
export const CENTRE_NOTIFICATION_TYPES = ["centre_decision", "vehicle_access"] as const

/** Every notification type: alerts, then reminders, then tickets, then service centres. */
export const NOTIFICATION_TYPES = [
  ...ALERT_TYPES,
  ...REMINDER_TYPES,
  ...TICKET_NOTIFICATION_TYPES,
  ...CENTRE_NOTIFICATION_TYPES,
] as const
export type NotificationTypeCode = (typeof NOTIFICATION_TYPES)[number]

export const isAlertType = (type: string): type is AlertType =>
  (ALERT_TYPES as ReadonlyArray<string>).includes(type)

export const isNotificationType = (type: string): type is NotificationTypeCode =>
  (NOTIFICATION_TYPES as ReadonlyArray<string>).includes(type)

export const isReminderType = (type: string): type is ReminderType =>
  (REMINDER_TYPES as ReadonlyArray<string>).includes(type)
