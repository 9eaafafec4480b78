import {
  ALERT_TYPES,
  CENTRE_NOTIFICATION_TYPES,
  isAlertType,
  isReminderType,
  type NotificationTypeCode,
  REMINDER_TYPES,
  TICKET_NOTIFICATION_TYPES,
} from "@fleetcore/contract"
import type { I18n } from "../../i18n/createI18n"
import { alertTypeLabel } from "../alerts/alertTypes"

/** The groups a person chooses types from: the rules' alerts, then the daily checks' reminders. */
export const TYPE_GROUPS = [
  { id: "alerts", label: "notifications.typeGroupAlerts", types: ALERT_TYPES },
  { id: "reminders", label: "notifications.typeGroupReminders", types: REMINDER_TYPES },
  { id: "tickets", label: "tickets.notificationGroup", types: TICKET_NOTIFICATION_TYPES },
  { id: "centres", label: "notifications.typeGroupCentres", types: CENTRE_NOTIFICATION_TYPES },
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
          : type.replaceAll("_", " ")
