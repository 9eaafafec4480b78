/**
 * The notification types: the one list the preferences, the server's texts and the dashboard's
 * labels key off. A notification's type is an alert type (the engine's and the API's rules), a
 * daily check's (`api/src/notifications/checks/`), or news of a ticket, an onboarding or a task.
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
 * Service centres (issue 16): a moderation decision (to the centre); vehicle access asked for,
 * decided or revoked, a change to a vehicle's critical field proposed or decided, a service visit's
 * steps (each to the other side).
 */
export const CENTRE_NOTIFICATION_TYPES = [
  "centre_decision",
  "vehicle_access",
  "vehicle_change_request",
  "service_visit",
] as const

/**
 * Onboarding steps: `_review` to those who take the next step, `_decided` to those who assign
 * (api/src/onboarding/notifyOnboarding.ts).
 */
export const ONBOARDING_NOTIFICATION_TYPES = [
  "onboarding_vehicle_review",
  "onboarding_driver_review",
  "onboarding_vehicle_decided",
  "onboarding_driver_decided",
] as const

/** A task's news for its assignee and team: assigned to them, due within the hour, overdue. */
export const TASK_NOTIFICATION_TYPES = ["task_assigned", "task_due_soon", "task_overdue"] as const

/** Every notification type: alerts, reminders, tickets, service centres, onboarding, tasks. */
export const NOTIFICATION_TYPES = [
  ...ALERT_TYPES,
  ...REMINDER_TYPES,
  ...TICKET_NOTIFICATION_TYPES,
  ...CENTRE_NOTIFICATION_TYPES,
  ...ONBOARDING_NOTIFICATION_TYPES,
  ...TASK_NOTIFICATION_TYPES,
] as const
export type NotificationTypeCode = (typeof NOTIFICATION_TYPES)[number]

export const isAlertType = (type: string): type is AlertType =>
  (ALERT_TYPES as ReadonlyArray<string>).includes(type)

export const isNotificationType = (type: string): type is NotificationTypeCode =>
  (NOTIFICATION_TYPES as ReadonlyArray<string>).includes(type)

export const isReminderType = (type: string): type is ReminderType =>
  (REMINDER_TYPES as ReadonlyArray<string>).includes(type)
