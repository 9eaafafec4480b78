import {
  can,
  type ONBOARDING_NOTIFICATION_TYPES,
  type Permission,
  ROLES,
  type Role,
} from "@fleetcore/contract"
import type pg from "pg"
import { raiseNotification } from "../notifications/raiseNotification.js"
import { renderNotification } from "../notifications/texts/renderNotification.js"

/**
 * The notification types of onboarding: `_review` tells the people who take the next step (holders
 * of `vehicles.approve` / `drivers.approve`), `_decided` tells those who assign (the record is
 * ready for an assignment, or will not be).
 */
export type OnboardingNotificationType = (typeof ONBOARDING_NOTIFICATION_TYPES)[number]

const permissionFor = (type: string): Permission | undefined => {
  if (!type.startsWith("onboarding_")) return undefined
  if (type.endsWith("_decided")) return "assignments.manage"
  return type.startsWith("onboarding_vehicle") ? "vehicles.approve" : "drivers.approve"
}

/**
 * The roles an onboarding notification goes to (those holding the permission of the next step,
 * drivers never); undefined for every other type, which keeps the fan-out's usual recipients.
 */
export const onboardingRecipientRoles = (type: string): ReadonlyArray<Role> | undefined => {
  const permission = permissionFor(type)
  return permission === undefined ? undefined : ROLES.filter((r) => r !== "driver" && can(r, permission))
}

/** Raises the notification of one step (inside the step's transaction: sent only if it commits). */
export const notifyOnboardingStep = async (
  c: pg.ClientBase,
  n: {
    readonly orgId: string
    readonly kind: "vehicle" | "driver"
    readonly id: string
    readonly name: string
    readonly to: string
    readonly eventId: string
    readonly notes: string | null
  },
): Promise<void> => {
  const decided = ["approved", "rejected", "suspended"].includes(n.to)
  const type: OnboardingNotificationType = `onboarding_${n.kind}_${decided ? "decided" : "review"}`
  const key = decided ? "onboarding_decided" : "onboarding_review"
  const params = { kind: n.kind, stage: n.to, record: n.name, notes: n.notes ?? "" }
  // Each reader gets the message in their language; the English text is for webhooks and old readers.
  const english = renderNotification(key, params, "en", "UTC")
  await raiseNotification(c, {
    orgId: n.orgId,
    type,
    severity: n.to === "rejected" || n.to === "suspended" ? "warning" : "info",
    title: english?.title ?? `${n.kind} ${n.name}: ${n.to}`,
    body: english?.body.trim() ?? "",
    message: { key, params },
    link: `/${n.kind}s/${n.id}?tab=onboarding`,
    dedupeKey: `onboarding:${n.eventId}`,
    vehicleId: null,
  })
}
