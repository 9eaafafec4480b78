import type { SeededRandom } from "@fleetcore/load-tests"
import type { DemoModel } from "./demoModels.js"

/** How big the demo fleet is. */
export interface DemoScale {
  readonly vehicles: number
  readonly drivers: number
}

export const FULL_SCALE: DemoScale = { vehicles: 520, drivers: 300 }

/** One generated vehicle, with what the later record kinds need to stay consistent with it. */
export interface PlannedVehicle {
  readonly id: string
  readonly index: number
  readonly plate: string
  readonly model: DemoModel
  readonly typeId: string
  readonly purchasePrice: number | null
  readonly rental: {
    readonly monthly: number
    readonly currency: string
    readonly lessor: string
    readonly startsOn: string
  } | null
  readonly status: string
  /** Day index (0 = a year ago) after which the vehicle has no more records (decommissioned). */
  readonly lastDay: number
  readonly dailyKm: number
  /** The odometer a year ago. */
  readonly startOdometerKm: number
}

export interface PlannedDriver {
  readonly id: string
  readonly categories: ReadonlyArray<string>
  readonly status: string
  readonly licenceExpiresOn: string
}

/** Who drove a vehicle from `fromDay` (day index) on. */
export interface DrivingSpell {
  readonly vehicleId: string
  readonly driverId: string
  readonly fromDay: number
  readonly toDay: number | null
}

/** What every part of the demo seed shares: the organisation, the dates, the random stream. */
export interface DemoContext {
  readonly orgId: string
  readonly random: SeededRandom
  /** Today, UTC midnight. Day index 0 is 365 days before. */
  readonly today: Date
}

export const DAYS = 365

/** The calendar date of a day index (0 = a year ago, 365 = today) as YYYY-MM-DD. */
export const dateOf = (ctx: DemoContext, dayIndex: number): string =>
  new Date(ctx.today.getTime() + (dayIndex - DAYS) * 86_400_000).toISOString().slice(0, 10)

/** An Almaty local time (UTC+5) on a day index. */
export const timeOf = (ctx: DemoContext, dayIndex: number, hour: number, minute: number): string =>
  `${dateOf(ctx, dayIndex)}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+05:00`

/** The odometer of a vehicle on a day index: a steady daily distance since a year ago. */
export const odometerOn = (v: PlannedVehicle, dayIndex: number): number =>
  Math.round((v.startOdometerKm + v.dailyKm * dayIndex) * 10) / 10

export const round2 = (value: number): number => Math.round(value * 100) / 100
