import { Schema } from "effect"
import { endpoint } from "../endpoint.js"
import { explained } from "../errors/checkMessages.js"
import { listOf, listQuery } from "../list.js"
import { Currency, IsoDate, IsoDateTime, Money, Uuid } from "../schemas.js"
import { IdParams } from "./common.js"
import { FuelCardLimitWarning } from "./fuelReports.js"

/** The categories of seed 000 §5. */
export const EXPENSE_CATEGORIES = [
  "fuel",
  "parts",
  "service",
  "insurance",
  "tax",
  "fine",
  "parking",
  "toll",
  "washing",
  "rental",
  "other",
] as const
export const ExpenseCategory = Schema.Literals(EXPENSE_CATEGORIES)

/** A conversion rate as a decimal string: 1 unit of a currency in the organisation's currency. */
export const Rate = Schema.String.check(
  Schema.isPattern(/^\d{1,12}(\.\d{1,8})?$/u, explained("rate")),
  Schema.makeFilter<string>((s) => /[1-9]/.test(s), explained("positiveRate")),
)

/** When an expense happened: a day ("2026-03-01", in the organisation's time zone) or an instant. */
export const DateOrDateTime = Schema.Union([IsoDate, IsoDateTime])

/** Why a refuel's consumption was not checked against the rated L/100 km. */
export const CheckSkipped = Schema.Literals([
  "first_refuel",
  "unrated",
  "no_odometer",
  "previous_no_odometer",
])

export const Consumption = Schema.Struct({
  distanceKm: Schema.NullOr(Schema.Finite),
  expectedL: Schema.Finite,
  actualL: Schema.Finite,
  differenceL: Schema.NullOr(Schema.Finite),
  differencePct: Schema.NullOr(Schema.Finite),
}).annotate({ identifier: "Consumption" })

/** The refuel part of a fuel expense: the entry the consumption rule checks. */
export const RefuelDetails = Schema.Struct({
  litres: Schema.Finite,
  /** amount / litres, rounded to cents; null without an amount. */
  pricePerLitre: Schema.NullOr(Money),
  odometerKm: Schema.NullOr(Schema.Finite),
  fuelCardId: Schema.NullOr(Uuid),
  /** Against the vehicle type's rated L/100 km; null when the check did not run (see checkSkipped). */
  consumption: Schema.NullOr(Consumption),
  checkSkipped: Schema.NullOr(CheckSkipped),
  anomaly: Schema.Boolean,
  anomalyStatus: Schema.Literals(["none", "unchecked", "checked"]),
}).annotate({ identifier: "RefuelDetails" })

/**
 * An expense. Money is a decimal string with at most two decimals ("23500.00"), never a float;
 * `orgAmount` is `amount` × `rate` rounded to cents, in `orgCurrency`, with the rate of the latest
 * day on or before `date` (`rateDate`); null with `rateMissing` while no such rate is known.
 */
export const Expense = Schema.Struct({
  id: Uuid,
  vehicleId: Uuid,
  vehicleName: Schema.String,
  vehiclePlate: Schema.NullOr(Schema.String),
  driverId: Schema.NullOr(Uuid),
  category: ExpenseCategory,
  /** Null only for a refuel logged without a receipt. */
  amount: Schema.NullOr(Money),
  currency: Currency,
  /** The day in the organisation's time zone. */
  date: IsoDate,
  /** The instant; null when only a date was entered. */
  time: Schema.NullOr(IsoDateTime),
  description: Schema.NullOr(Schema.String),
  vendor: Schema.NullOr(Schema.String),
  receiptDocumentId: Schema.NullOr(Uuid),
  createdBy: Schema.NullOr(Uuid),
  orgCurrency: Currency,
  orgAmount: Schema.NullOr(Money),
  rate: Schema.NullOr(Rate),
  rateDate: Schema.NullOr(IsoDate),
  /** An amount in another currency with no rate on or before its day yet. */
  rateMissing: Schema.Boolean,
  /** The refuel of a fuel expense; null for every other category. */
  fuel: Schema.NullOr(RefuelDetails),
}).annotate({ identifier: "Expense" })

const Text = (max: number) => Schema.String.check(Schema.isMaxLength(max))
/** Litres are stored to the centilitre: at least 0.01. */
export const Litres = Schema.Number.check(
  Schema.isFinite(),
  Schema.isGreaterThanOrEqualTo(0.01),
  Schema.isLessThanOrEqualTo(2000),
)
const OdometerKm = Schema.Number.check(
  Schema.isFinite(),
  Schema.isBetween({ minimum: 0, maximum: 10_000_000 }),
)

/** The fields of a new expense; the refuel's (litres, odometerKm, fuelCardId) only with category fuel. */
const ExpenseFields = {
  vehicleId: Uuid,
  driverId: Schema.optionalKey(Schema.NullOr(Uuid)),
  category: ExpenseCategory,
  /** Required except for fuel (litres without a receipt). */
  amount: Schema.optionalKey(Schema.NullOr(Money)),
  /**
   * When absent: the card's currency for a refuel paid with a fuel card, else the organisation's.
   * A card bills in its currency: an expense paid with one must be in it.
   */
  currency: Schema.optionalKey(Currency),
  date: DateOrDateTime,
  description: Schema.optionalKey(Schema.NullOr(Text(2000))),
  vendor: Schema.optionalKey(Schema.NullOr(Text(200))),
  receiptDocumentId: Schema.optionalKey(Schema.NullOr(Uuid)),
  litres: Schema.optionalKey(Litres),
  odometerKm: Schema.optionalKey(Schema.NullOr(OdometerKm)),
  fuelCardId: Schema.optionalKey(Schema.NullOr(Uuid)),
}

export const ExpenseTotals = Schema.Struct({
  orgCurrency: Currency,
  /** Sum of the converted amounts of the filtered expenses. */
  orgAmount: Money,
  count: Schema.Int,
  /** Filtered expenses left out of `orgAmount`: no rate yet, or no amount. */
  unconverted: Schema.Int,
}).annotate({ identifier: "ExpenseTotals" })

const notFound = { status: 404, code: "FLEET_EXPENSE_NOT_FOUND" }
const invalid = "FLEET_EXPENSE_INVALID"
const writeErrors = [
  { status: 400, code: invalid },
  { status: 400, code: "FLEET_FUEL_CARD_CURRENCY_MISMATCH" },
  { status: 422, code: "FLEET_REFERENCE_NOT_FOUND" },
  { status: 400, code: "FLEET_FUEL_ODOMETER_NOT_INCREASING" },
]

/** Expenses of every category; a fuel expense is the refuel the consumption rule checks. */
export const expenses = {
  list: endpoint({
    id: "expenses.list",
    method: "get",
    path: "/api/v1/expenses",
    tag: "expenses",
    summary: "Expenses, latest first, with the total in the organisation's currency of the filtered set",
    description: "`q` searches the vendor and the description; `from`/`to` are days, both included.",
    access: "expenses.read",
    query: listQuery(["date", "amount", "orgAmount", "category", "vendor"], {
      vehicleId: Schema.optionalKey(Uuid),
      driverId: Schema.optionalKey(Uuid),
      category: Schema.optionalKey(ExpenseCategory),
      currency: Schema.optionalKey(Currency),
      from: Schema.optionalKey(IsoDate),
      to: Schema.optionalKey(IsoDate),
    }),
    response: Schema.Struct({ ...listOf(Expense).fields, totals: ExpenseTotals }),
  }),
  get: endpoint({
    id: "expenses.get",
    method: "get",
    path: "/api/v1/expenses/:id",
    tag: "expenses",
    summary: "One expense",
    access: "expenses.read",
    params: IdParams,
    response: Expense,
    errors: [notFound],
  }),
  create: endpoint({
    id: "expenses.create",
    method: "post",
    path: "/api/v1/expenses",
    tag: "expenses",
    summary: "Record an expense; a fuel expense is a refuel and is checked against the rated consumption",
    access: "expenses.manage",
    body: Schema.Struct(ExpenseFields),
    invalidCode: invalid,
    response: Schema.Struct({
      ...Expense.fields,
      /** The card limits a refuel paid with a fuel card took over; empty otherwise. */
      warnings: Schema.Array(FuelCardLimitWarning),
    }),
    status: 201,
    errors: writeErrors,
  }),
  update: endpoint({
    id: "expenses.update",
    method: "patch",
    path: "/api/v1/expenses/:id",
    tag: "expenses",
    summary: "Change an expense (its category stays); a changed refuel is checked again",
    access: "expenses.manage",
    params: IdParams,
    body: Schema.Struct({
      driverId: ExpenseFields.driverId,
      amount: ExpenseFields.amount,
      currency: ExpenseFields.currency,
      description: ExpenseFields.description,
      vendor: ExpenseFields.vendor,
      receiptDocumentId: ExpenseFields.receiptDocumentId,
      odometerKm: ExpenseFields.odometerKm,
      fuelCardId: ExpenseFields.fuelCardId,
      vehicleId: Schema.optionalKey(Uuid),
      date: Schema.optionalKey(DateOrDateTime),
      litres: Schema.optionalKey(Litres),
    }),
    invalidCode: invalid,
    response: Expense,
    errors: [notFound, ...writeErrors],
  }),
  delete: endpoint({
    id: "expenses.delete",
    method: "delete",
    path: "/api/v1/expenses/:id",
    tag: "expenses",
    summary: "Delete an expense (a fuel expense: its refuel too; the next refuel is checked again)",
    access: "expenses.manage",
    params: IdParams,
    status: 204,
    errors: [notFound],
  }),
} as const
