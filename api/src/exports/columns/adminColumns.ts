import type { Cell, ColumnKind } from "../ExportDocument.js"
import { coded, field, type Item, instant, type ListColumn, yesNo } from "./ListColumn.js"

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const

/** A fence's watch window: the days in the language's short names and the hours, or "Always". */
const schedule: ListColumn = {
  key: "schedule",
  kind: "text",
  cell: (i, context): Cell => {
    const s = i.schedule as { days?: ReadonlyArray<string>; from?: string; to?: string } | null | undefined
    if (s === null || s === undefined || !Array.isArray(s.days)) return context.always
    const days = WEEKDAYS.filter((d) => s.days?.includes(d)).map((d) => context.value("weekday", d))
    return `${days.join(", ")} ${s.from ?? ""}–${s.to ?? ""}`
  },
}

/** The card's last four digits as the dashboard writes them. */
const cardNumber: ListColumn = {
  key: "numberLast4",
  kind: "text",
  cell: (i: Item) => (typeof i.numberLast4 === "string" ? `•••• ${i.numberLast4}` : null),
}

/** A card's spending in its day, week or month (`periods` in that order): spent, limit, used %. */
const spending = (index: 0 | 1 | 2, period: "day" | "week" | "month"): ReadonlyArray<ListColumn> => {
  const of = (i: Item) => {
    const p = Array.isArray(i.periods) ? (i.periods[index] as Item | undefined) : undefined
    return p === undefined ? undefined : p
  }
  const part = (name: string, kind: ColumnKind, inner: string): ListColumn => ({
    key: `${period}${name}`,
    from: "periods",
    kind,
    cell: (i) => {
      const v = of(i)?.[inner]
      return typeof v === "string" || typeof v === "number" ? v : null
    },
  })
  return [
    part("Spent", "money", "spent"),
    part("Limit", "money", "limit"),
    part("UsedPct", "percent", "usedPct"),
  ]
}

/**
 * The exported columns of the organisation's catalogues: users, teams, vehicle types, geofences and
 * fuel cards (and the cards' spending against their limits).
 */
export const ADMIN_COLUMNS = {
  fuelCards: [
    field("name"),
    cardNumber,
    field("vehicleName"),
    field("vehiclePlate"),
    field("driverName"),
    field("currency"),
    field("dailyLimit", "money"),
    field("weeklyLimit", "money"),
    field("monthlyLimit", "money"),
    coded("active", "cardActive"),
  ],
  fuelCardSpending: [
    field("name"),
    cardNumber,
    field("vehicleName"),
    field("vehiclePlate"),
    field("driverName"),
    field("currency"),
    ...spending(0, "day"),
    ...spending(1, "week"),
    ...spending(2, "month"),
    coded("active", "cardActive"),
  ],
  users: [
    field("name"),
    field("email"),
    field("phone"),
    coded("role", "role"),
    coded("status", "userStatus"),
    yesNo("totpEnabled"),
    instant("lastLoginAt"),
    instant("createdAt"),
  ],
  teams: [
    field("name"),
    field("description"),
    field("driverCount", "number"),
    field("vehicleCount", "number"),
    instant("createdAt"),
  ],
  vehicleTypes: [
    field("name"),
    field("brand"),
    field("model"),
    coded("fuelType", "fuelType"),
    field("ratedConsumptionL100km", "decimal"),
    field("tankCapacityL", "decimal"),
    field("speedLimitKmh", "number"),
    coded("universal", "typeScope"),
    field("vehicles", "number"),
  ],
  geofences: [
    field("name"),
    coded("kind", "geofenceKind"),
    field("radiusM", "number"),
    field("dwellS", "number"),
    coded("alertOn", "geofenceAlertOn"),
    schedule,
    yesNo("active"),
  ],
} as const satisfies Readonly<Record<string, ReadonlyArray<ListColumn>>>
