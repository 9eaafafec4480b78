import { Schema } from "effect"
import { Currency, IsoDate, IsoDateTime, Money, PageNumber, PageSize, Uuid } from "../schemas.js"

/** What the tank's level sensor saw: a sudden rise (a fill) or a sudden drop while parked (a theft). */
export const FUEL_SENSOR_EVENT_KINDS = ["fill", "theft"] as const

/** One fill or theft the engine detected from the fuel-level sensor (ClickHouse `fuel_events`). */
export const FuelSensorEvent = Schema.Struct({
  vehicleId: Uuid,
  /** When the step ended (its end): the event's time. */
  time: IsoDateTime,
  /** The last reading at the level before the step, and the first at the level after. */
  startTime: IsoDateTime,
  endTime: IsoDateTime,
  /** The driver assigned to the vehicle when it began; null when none was. */
  driverId: Schema.NullOr(Uuid),
  kind: Schema.Literals(FUEL_SENSOR_EVENT_KINDS),
  /** How much the level rose (fill) or fell (theft), litres, always positive. */
  litres: Schema.Finite,
  /** The level before and after (medians of the readings at each), litres. */
  fromL: Schema.Finite,
  toL: Schema.Finite,
  /** Where the vehicle stood. */
  lat: Schema.Finite,
  lon: Schema.Finite,
}).annotate({ identifier: "FuelSensorEvent" })

/** `page`/`pageSize`/`sort` as every list; no free text (`q`): an event has no text to search. */
export const FuelEventsQuery = Schema.Struct({
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
  sort: Schema.optionalKey(Schema.Literals(["time", "-time", "litres", "-litres"])),
  vehicleId: Schema.optionalKey(Uuid),
  kind: Schema.optionalKey(Schema.Literals(FUEL_SENSOR_EVENT_KINDS)),
  /** From (inclusive) and to (exclusive) instants. */
  from: Schema.optionalKey(IsoDateTime),
  to: Schema.optionalKey(IsoDateTime),
})

/**
 * The matching rules of the reconciliation: a refuel and a sensor fill of the same vehicle match
 * when they are at most `windowMinutes` apart and their litres differ by at most the larger of
 * `tolerancePct` of the refuel and `minDifferenceL`. Each refuel matches at most one fill, the
 * nearest in time first.
 */
export const ReconciliationRules = Schema.Struct({
  windowMinutes: Schema.Finite,
  tolerancePct: Schema.Finite,
  minDifferenceL: Schema.Finite,
}).annotate({ identifier: "ReconciliationRules" })

export const RECONCILIATION_KINDS = ["refuel_without_rise", "rise_without_refuel"] as const

/**
 * One side left unmatched: a refuel (of a vehicle whose sensor reported a level in the period) with
 * no matching sensor rise, or a sensor rise with no matching refuel. `nearest` is the closest
 * other side inside the window that did not match (litres off), null when there was none.
 */
export const ReconciliationItem = Schema.Struct({
  kind: Schema.Literals(RECONCILIATION_KINDS),
  vehicleId: Uuid,
  time: IsoDateTime,
  /** The refuel (refuel_without_rise), or the nearest refuel that did not match. */
  fuelEntryId: Schema.NullOr(Uuid),
  /** Litres paid for (the refuel) and seen by the sensor (the rise); null for the missing side. */
  paidL: Schema.NullOr(Schema.Finite),
  sensorL: Schema.NullOr(Schema.Finite),
  /** sensorL - paidL, when both are known. */
  differenceL: Schema.NullOr(Schema.Finite),
  lat: Schema.NullOr(Schema.Finite),
  lon: Schema.NullOr(Schema.Finite),
}).annotate({ identifier: "ReconciliationItem" })

export const ReconciliationQuery = Schema.Struct({
  page: Schema.optionalKey(PageNumber),
  pageSize: Schema.optionalKey(PageSize),
  vehicleId: Schema.optionalKey(Uuid),
  kind: Schema.optionalKey(Schema.Literals(RECONCILIATION_KINDS)),
  /** The period, at most 93 days; the last 30 days when absent. */
  from: Schema.optionalKey(IsoDateTime),
  to: Schema.optionalKey(IsoDateTime),
})

export const FUEL_CARD_PERIODS = ["day", "week", "month"] as const

/** A card's spending in one period (the organisation's time zone; weeks start on Monday). */
export const CardPeriodSpending = Schema.Struct({
  period: Schema.Literals(FUEL_CARD_PERIODS),
  /** The first day of the period. */
  start: IsoDate,
  spent: Money,
  limit: Schema.NullOr(Money),
  /** spent / limit in percent, one decimal; null without a limit. */
  usedPct: Schema.NullOr(Schema.Finite),
}).annotate({ identifier: "CardPeriodSpending" })

export const FuelCardSpending = Schema.Struct({
  cardId: Uuid,
  name: Schema.String,
  numberLast4: Schema.NullOr(Schema.String),
  vehicleId: Schema.NullOr(Uuid),
  vehicleName: Schema.NullOr(Schema.String),
  vehiclePlate: Schema.NullOr(Schema.String),
  driverId: Schema.NullOr(Uuid),
  /** The driver the card is issued to. */
  driverName: Schema.NullOr(Schema.String),
  currency: Currency,
  active: Schema.Boolean,
  /** Day, week and month containing `on`, in that order. */
  periods: Schema.Array(CardPeriodSpending),
}).annotate({ identifier: "FuelCardSpending" })

/**
 * A card limit a refuel took over: a warning, never a refusal. Only refuels in the card's currency
 * count (a card bills in its currency).
 */
export const FuelCardLimitWarning = Schema.Struct({
  code: Schema.Literal("FLEET_FUEL_CARD_LIMIT_EXCEEDED"),
  cardId: Uuid,
  cardName: Schema.String,
  period: Schema.Literals(FUEL_CARD_PERIODS),
  /** The first day of the period, in the organisation's time zone (weeks start on Monday). */
  periodStart: IsoDate,
  spent: Money,
  limit: Money,
  currency: Currency,
}).annotate({ identifier: "FuelCardLimitWarning" })
