import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, IsoDateTime, Money, PositiveMoney, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { CheckSkipped, Consumption, DateOrDateTime, Litres } from "./expenses.js"
import {
  FuelCardLimitWarning,
  FuelCardSpending,
  FuelEventsQuery,
  FuelSensorEvent,
  ReconciliationItem,
  ReconciliationQuery,
  ReconciliationRules,
} from "./fuelReports.js"

export * from "./fuelReports.js"

const Note = Schema.String.check(Schema.isMaxLength(2000))

/**
 * A refuel: the fuel expense of the same id (`/api/v1/expenses/:id`) seen from the fuel side.
 * Amount is a decimal string, null when the driver had no receipt.
 */
export const FuelEntry = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  driverId: Schema.NullOr(Uuid),
  /** The instant; the start of `date` in the organisation's time zone when only a day was entered. */
  time: IsoDateTime,
  /** The day in the organisation's time zone. */
  date: IsoDate,
  litres: Schema.Finite,
  amount: Schema.NullOr(Money),
  currency: Currency,
  /** amount / litres, rounded to cents; null without an amount. */
  pricePerLitre: Schema.NullOr(Money),
  odometerKm: Schema.NullOr(Schema.Finite),
  fuelCardId: Schema.NullOr(Uuid),
  note: Schema.NullOr(Schema.String),
  enteredBy: Schema.NullOr(Uuid),
  /** Against the vehicle type's rated L/100 km; null when the check did not run (see checkSkipped). */
  consumption: Schema.NullOr(Consumption),
  checkSkipped: Schema.NullOr(CheckSkipped),
  anomaly: Schema.Boolean,
  anomalyStatus: Schema.Literals(["none", "unchecked", "checked"]),
  checkedBy: Schema.NullOr(Uuid),
  checkedAt: Schema.NullOr(IsoDateTime),
}).annotate({ identifier: "FuelEntry" })

export const FuelCard = Schema.Struct({
  id: Uuid,
  name: Schema.String,
  numberLast4: Schema.NullOr(Schema.String),
  vehicleId: Schema.NullOr(Uuid),
  /** The driver the card is issued to (seed 003 step 3.2). */
  driverId: Schema.NullOr(Uuid),
  currency: Currency,
  dailyLimit: Schema.NullOr(Money),
  weeklyLimit: Schema.NullOr(Money),
  monthlyLimit: Schema.NullOr(Money),
  active: Schema.Boolean,
}).annotate({ identifier: "FuelCard" })

const entryNotFound = { status: 404, code: "FLEET_FUEL_ENTRY_NOT_FOUND" }

/** Refuels with the consumption check; fuel cards with spending limits (warn, never block). */
export const fuel = {
  createEntry: endpoint({
    id: "fuel.createEntry",
    method: "post",
    path: "/api/v1/vehicles/:id/fuel-entries",
    tag: "fuel",
    summary:
      "Record a refuel (a driver: on a vehicle assigned to them); checked against the rated consumption",
    access: "fuel.record",
    params: IdParams,
    body: Schema.Struct({
      /** An instant, or a day alone (interpreted in the organisation's time zone). */
      time: DateOrDateTime,
      litres: Litres,
      /** Absent or null: logged without a receipt. */
      amount: Schema.optionalKey(Schema.NullOr(Money)),
      /** When absent: the card's currency when paid with a card (which bills in it only), else the organisation's. */
      currency: Schema.optionalKey(Currency),
      /** Absent or null: the consumption check cannot run (`checkSkipped: "no_odometer"`). */
      odometerKm: Schema.optionalKey(
        Schema.NullOr(
          Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
        ),
      ),
      /** A driver: a card issued to them or to a vehicle assigned to them. */
      fuelCardId: Schema.optionalKey(Schema.NullOr(Uuid)),
      note: Schema.optionalKey(Schema.NullOr(Note)),
    }),
    invalidCode: "FLEET_FUEL_ENTRY_INVALID",
    response: Schema.Struct({
      ...FuelEntry.fields,
      /** The first refuel of a vehicle: nothing to compare with yet. */
      baseline: Schema.Boolean,
      warnings: Schema.Array(FuelCardLimitWarning),
    }),
    status: 201,
    errors: [
      { status: 404, code: "FLEET_VEHICLE_NOT_FOUND" },
      { status: 400, code: "FLEET_FUEL_ENTRY_INVALID" },
      { status: 400, code: "FLEET_FUEL_ODOMETER_NOT_INCREASING" },
      { status: 400, code: "FLEET_FUEL_CARD_CURRENCY_MISMATCH" },
      { status: 403, code: "FLEET_FUEL_CARD_NOT_YOURS" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  listEntries: endpoint({
    id: "fuel.listEntries",
    method: "get",
    path: "/api/v1/fuel-entries",
    tag: "fuel",
    summary: "Refuels, latest first (a driver: of the vehicles assigned to them)",
    description: "`q` searches the note. `anomaly=any` lists every anomaly, checked or not.",
    access: "fuel.read",
    query: listQuery(["time", "litres", "amount"], {
      vehicleId: Schema.optionalKey(Uuid),
      anomaly: Schema.optionalKey(Schema.Literals(["unchecked", "checked", "any"])),
    }),
    response: listOf(FuelEntry),
  }),
  checkEntry: endpoint({
    id: "fuel.checkEntry",
    method: "post",
    path: "/api/v1/fuel-entries/:id/check",
    tag: "fuel",
    summary: "Mark an unchecked consumption anomaly as checked; its open alert is resolved with the note",
    access: "fuel.manage",
    params: IdParams,
    body: Schema.Struct({ note: Schema.optionalKey(Note) }),
    bodyOptional: true,
    invalidCode: "FLEET_FUEL_ENTRY_INVALID",
    response: Schema.Struct({
      ...FuelEntry.fields,
      /** The consumption alert of this refuel resolved by the check; null when none was open. */
      resolvedAlertId: Schema.NullOr(Uuid),
    }),
    errors: [entryNotFound, { status: 409, code: "FLEET_FUEL_ENTRY_NOT_UNCHECKED" }],
  }),
  createCard: endpoint({
    id: "fuel.createCard",
    method: "post",
    path: "/api/v1/fuel-cards",
    tag: "fuel",
    summary: "Add a fuel card (only its last four digits are kept)",
    access: "fuel.manage",
    body: Schema.Struct({
      name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
      numberLast4: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isPattern(/^\d{4}$/u)))),
      vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
      driverId: Schema.optionalKey(Schema.NullOr(Uuid)),
      currency: Currency,
      dailyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
      weeklyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
      monthlyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
    }),
    invalidCode: "FLEET_FUEL_CARD_INVALID",
    response: FuelCard,
    status: 201,
    errors: [{ status: 422, code: "FLEET_REFERENCE_NOT_FOUND" }],
  }),
  listCards: endpoint({
    id: "fuel.listCards",
    method: "get",
    path: "/api/v1/fuel-cards",
    tag: "fuel",
    summary: "Fuel cards (a driver: their own cards and those of the vehicles assigned to them)",
    description: "`q` searches the name and the last four digits.",
    access: "fuel.read",
    query: listQuery(["name"], {
      vehicleId: Schema.optionalKey(Uuid),
      driverId: Schema.optionalKey(Uuid),
      active: Schema.optionalKey(Schema.Literals(["true", "false"])),
    }),
    response: listOf(FuelCard),
  }),
  updateCard: endpoint({
    id: "fuel.updateCard",
    method: "patch",
    path: "/api/v1/fuel-cards/:id",
    tag: "fuel",
    summary: "Edit a fuel card: bind it to a driver or a vehicle, change its limits, block it",
    access: "fuel.manage",
    params: IdParams,
    body: Schema.Struct({
      name: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))),
      vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
      driverId: Schema.optionalKey(Schema.NullOr(Uuid)),
      dailyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
      weeklyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
      monthlyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
      active: Schema.optionalKey(Schema.Boolean),
    }),
    invalidCode: "FLEET_FUEL_CARD_INVALID",
    response: FuelCard,
    errors: [
      { status: 404, code: "FLEET_FUEL_CARD_NOT_FOUND" },
      { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
    ],
  }),
  events: endpoint({
    id: "fuel.events",
    method: "get",
    path: "/api/v1/fuel/events",
    tag: "fuel",
    summary: "Fills and thefts detected from the fuel-level sensor, latest first (a driver: their vehicles)",
    access: "fuel.read",
    query: FuelEventsQuery,
    response: listOf(FuelSensorEvent),
  }),
  reconciliation: endpoint({
    id: "fuel.reconciliation",
    method: "get",
    path: "/api/v1/fuel/reconciliation",
    tag: "fuel",
    summary: "Refuels without a matching sensor rise, and sensor rises without a refuel",
    description:
      "A refuel and a fill match within ±30 minutes when their litres differ by at most 15% of the refuel or 5 L, whichever is larger (`rules`). Only vehicles whose sensor reported a fuel level in the period are reconciled. At most 93 days.",
    access: "fuel.read",
    query: ReconciliationQuery,
    response: Schema.Struct({
      ...listOf(ReconciliationItem).fields,
      from: IsoDateTime,
      to: IsoDateTime,
      rules: ReconciliationRules,
      /** Refuel/rise pairs that matched in the period. */
      matched: Schema.Int,
    }),
  }),
  cardSpending: endpoint({
    id: "fuel.cardSpending",
    method: "get",
    path: "/api/v1/fuel/card-spending",
    tag: "fuel",
    summary: "Each fuel card's spending in the day, week and month containing `on`, against its limits",
    description: "`on` is today in the organisation's time zone when absent; `q` searches the name.",
    access: "fuel.read",
    query: listQuery(["name"], {
      on: Schema.optionalKey(IsoDate),
      active: Schema.optionalKey(Schema.Literals(["true", "false"])),
    }),
    response: Schema.Struct({ ...listOf(FuelCardSpending).fields, on: IsoDate }),
  }),
} as const
