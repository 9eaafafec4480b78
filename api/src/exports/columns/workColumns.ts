import { coded, field, instant, type ListColumn, yesNo } from "./ListColumn.js"

/**
 * The exported columns of the work lists: tasks (their status in the words of their workflow),
 * drivers' tickets and the onboarding queue.
 */
export const WORK_COLUMNS = {
  tasks: [
    field("title"),
    field("templateName"),
    field("statusLabel"),
    coded("priority", "taskPriority"),
    instant("dueAt"),
    yesNo("overdue"),
    field("assigneeName"),
    field("teamName"),
    field("vehicleName"),
    field("driverName"),
    field("geofenceName"),
    instant("closedAt"),
  ],
  tickets: [
    field("number", "number"),
    coded("type", "ticketType"),
    field("title"),
    coded("status", "ticketStatus"),
    field("vehicleName"),
    field("vehiclePlate"),
    field("driverName"),
    field("assigneeName"),
    instant("createdAt"),
    instant("slaDueAt"),
    yesNo("overdue"),
    instant("resolvedAt"),
  ],
  onboardingQueue: [
    coded("kind", "onboardingKind"),
    field("name"),
    field("reference"),
    coded("status", "onboardingStatus"),
    instant("since"),
    field("ageDays", "number"),
  ],
} as const satisfies Readonly<Record<string, ReadonlyArray<ListColumn>>>
