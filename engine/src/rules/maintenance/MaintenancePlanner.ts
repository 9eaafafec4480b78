/**
 * "Every N km or M months, whichever comes first" from a base (the last completed service, or
 * the vehicle's commissioning): the due odometer and the due date, and how the vehicle stands
 * against them. Dates are calendar dates ("YYYY-MM-DD"); adding months clamps to the month's end
 * (31 January + 1 month = 28/29 February).
 */
export interface ServiceInterval {
  readonly everyKm: number | null
  readonly everyMonths: number | null
}

export interface ServiceBase {
  readonly odometerKm: number
  readonly date: string
}

export interface PlanConfig {
  readonly aheadKm: number
  readonly aheadDays: number
  readonly reminderDays: ReadonlyArray<number>
}

export const defaultPlanConfig: PlanConfig = { aheadKm: 500, aheadDays: 14, reminderDays: [14, 7, 3, 1] }

export interface Plan {
  readonly dueOdometerKm: number | null
  readonly dueDate: string | null
  readonly status: "ok" | "upcoming" | "overdue"
  /** Which limit is nearer (or was passed first); null when neither applies. */
  readonly dueBy: "km" | "date" | null
  readonly remainingKm: number | null
  readonly remainingDays: number | null
  /** Reminder days (of config.reminderDays) reached by today. */
  readonly remindersDue: ReadonlyArray<number>
}

const DAY_MS = 86_400_000
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`)

export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  const monthIndex = m - 1 + months
  const year = y + Math.floor(monthIndex / 12)
  const month = ((monthIndex % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10)
}

export const planService = (
  interval: ServiceInterval,
  base: ServiceBase,
  current: { readonly odometerKm: number | null; readonly today: string },
  config: PlanConfig = defaultPlanConfig,
): Plan => {
  const dueOdometerKm = interval.everyKm === null ? null : base.odometerKm + interval.everyKm
  const dueDate = interval.everyMonths === null ? null : addMonths(base.date, interval.everyMonths)
  const remainingKm =
    dueOdometerKm === null || current.odometerKm === null ? null : dueOdometerKm - current.odometerKm
  const remainingDays = dueDate === null ? null : Math.round((toMs(dueDate) - toMs(current.today)) / DAY_MS)
  const overdueKm = remainingKm !== null && remainingKm <= 0
  const overdueDate = remainingDays !== null && remainingDays < 0
  const soonKm = remainingKm !== null && remainingKm <= config.aheadKm
  const soonDate = remainingDays !== null && remainingDays <= config.aheadDays
  // Whichever comes first: compare distance left with days left through the ahead windows.
  const kmShare = remainingKm === null ? Number.POSITIVE_INFINITY : remainingKm / config.aheadKm
  const dayShare = remainingDays === null ? Number.POSITIVE_INFINITY : remainingDays / config.aheadDays
  const dueBy = remainingKm === null && remainingDays === null ? null : kmShare <= dayShare ? "km" : "date"
  return {
    dueOdometerKm,
    dueDate,
    status: overdueKm || overdueDate ? "overdue" : soonKm || soonDate ? "upcoming" : "ok",
    dueBy,
    remainingKm,
    remainingDays,
    remindersDue: remainingDays === null ? [] : config.reminderDays.filter((d) => remainingDays <= d),
  }
}
