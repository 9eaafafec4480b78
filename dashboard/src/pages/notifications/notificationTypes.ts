import {
  ALERT_TYPES,
  CENTRE_NOTIFICATION_TYPES,
  isAlertType,
  isReminderType,
  type NotificationTypeCode,
  ONBOARDING_NOTIFICATION_TYPES,
  REMINDER_TYPES,
  TASK_NOTIFICATION_TYPES,
  TICKET_NOTIFICATION_TYPES,
} from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"
import { alertTypeLabel } from "../alerts/alertTypes"

/** The groups a person chooses types from: alerts, reminders, then tickets', onboarding's and tasks' news. */
export const TYPE_GROUPS = [
  { id: "alerts", label: "notifications.typeGroupAlerts", types: ALERT_TYPES },
  { id: "reminders", label: "notifications.typeGroupReminders", types: REMINDER_TYPES },
  { id: "tickets", label: "tickets.notificationGroup", types: TICKET_NOTIFICATION_TYPES },
  { id: "centres", label: "notifications.typeGroupCentres", types: CENTRE_NOTIFICATION_TYPES },
  { id: "onboarding", label: "onboarding.notificationGroup", types: ONBOARDING_NOTIFICATION_TYPES },
  { id: "tasks", label: "tasks.notificationGroup", types: TASK_NOTIFICATION_TYPES },
] as const satisfies ReadonlyArray<{
  readonly id: string
  readonly label: string
  readonly types: ReadonlyArray<NotificationTypeCode>
}>

/**
 * A notification type in the user's language: an alert type's label from the alerts pages, a
 * reminder's from the notifications namespace; a type this dashboard does not know yet shows as sent.
 */
export const notificationTypeLabel = (t: I18n["t"], type: string): string =>
  isAlertType(type)
    ? alertTypeLabel(t, type)
    : isReminderType(type)
      ? t(`notifications.type_${type}`)
      : (TICKET_NOTIFICATION_TYPES as ReadonlyArray<string>).includes(type)
        ? t(`tickets.type_${type as (typeof TICKET_NOTIFICATION_TYPES)[number]}`)
        : (CENTRE_NOTIFICATION_TYPES as ReadonlyArray<string>).includes(type)
          ? t(`notifications.type_${type as (typeof CENTRE_NOTIFICATION_TYPES)[number]}`)
          : (ONBOARDING_NOTIFICATION_TYPES as ReadonlyArray<string>).includes(type)
            ? t(`onboarding.type_${type as (typeof ONBOARDING_NOTIFICATION_TYPES)[number]}`)
            : (TASK_NOTIFICATION_TYPES as ReadonlyArray<string>).includes(type)
              ? t(`tasks.type_${type as (typeof TASK_NOTIFICATION_TYPES)[number]}`)
              : type.replaceAll("_", " ")
