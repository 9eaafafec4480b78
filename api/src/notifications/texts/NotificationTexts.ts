import type { AlertType } from "@fleetcore/contract"
import type { DeviceAlarm } from "@fleetcore/proto"
import type { AlertFactKey } from "./alertFacts.js"

/** A message: its title and body in ICU MessageFormat. */
export interface MessageText {
  readonly title: string
  readonly body: string
}

/** The message keys events carry (`notification_events.message_key`). */
export const MESSAGE_KEYS = [
  "alert",
  "licence_expiry",
  "medical_expiry",
  "contract_expiry",
  "document_expiry",
  "maintenance_days",
  "maintenance_km",
  "budget_threshold",
  "onboarding_review",
  "onboarding_decided",
  "ticket_raised",
  "ticket_update",
  "change_request",
  "service_visit",
  "centre_decision",
  "vehicle_access",
  "task_assigned",
  "task_opened",
  "task_due_soon",
  "task_overdue",
] as const
export type MessageKey = (typeof MESSAGE_KEYS)[number]

/** Parameters a message gained after events were stored with it: an older event reads them as none. */
export const LATER_PARAMS: Readonly<Partial<Record<MessageKey, ReadonlyArray<string>>>> = {
  alert: ["subject"],
}

/** The parameters whose value is a code with a label: `{xName}` in a message is the label of `x`. */
export const LABELLED = [
  "alertType",
  "contractType",
  "documentKind",
  "category",
  "period",
  "ticketType",
  "ticketStatus",
] as const
export type Labelled = (typeof LABELLED)[number]

/** One language's notification texts: every language has the same keys (a test checks). */
export interface NotificationTexts {
  /** Put before an e-mail's subject by severity. */
  readonly severity: Readonly<Record<"info" | "warning" | "critical", string>>
  readonly messages: Readonly<Record<MessageKey, MessageText>>
  /** Labels of coded parameters; every alert type of the contract's `ALERT_TYPES` has one. */
  readonly labels: Readonly<Record<Exclude<Labelled, "alertType">, Readonly<Record<string, string>>>> & {
    readonly alertType: Readonly<Record<AlertType, string>>
  }
  /** An alert's measured details as labelled facts (alertFacts.ts), worded as the alert's page words them. */
  readonly facts: {
    readonly labels: Readonly<Record<AlertFactKey, string>>
    readonly alarms: Readonly<Record<DeviceAlarm, string>>
    readonly dueByKm: string
    readonly dueByDate: string
    readonly noSensorFill: string
    /** ICU: {spent}, {limit} (money). */
    readonly cardLimit: string
    /** ICU: {value}, a formatted number. */
    readonly litres: string
    readonly volts: string
    readonly kmPerDay: string
  }
}
