import { Schema } from "effect"

/** Money as a decimal string (never a float): up to 12 digits and 2 decimals, e.g. "23500.00". */
export const Money = Schema.String.check(
  Schema.isPattern(/^\d{1,12}(\.\d{1,2})?$/, { message: 'an amount is a decimal string such as "23500.00"' }),
)
export const Currency = Schema.String.check(
  Schema.isPattern(/^[A-Z]{3}$/, { message: "a currency is an ISO 4217 code such as KZT" }),
)

export const CreateFuelEntry = Schema.Struct({
  time: Schema.String.check(
    Schema.isPattern(/^\d{4}-\d{2}-\d{2}T/, { message: "time is an ISO 8601 date-time" }),
  ),
  litres: Schema.Number.check(Schema.isFinite(), Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(2000)),
  amount: Money,
  currency: Currency,
  odometerKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  fuelCardId: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isUUID()))),
  note: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(2000)))),
})

export const CreateFuelCard = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  numberLast4: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isPattern(/^\d{4}$/)))),
  vehicleId: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isUUID()))),
  currency: Currency,
  dailyLimit: Schema.optionalKey(Schema.NullOr(Money)),
  weeklyLimit: Schema.optionalKey(Schema.NullOr(Money)),
  monthlyLimit: Schema.optionalKey(Schema.NullOr(Money)),
})

export const FuelEntryFilter = Schema.Struct({
  vehicleId: Schema.optionalKey(Schema.String.check(Schema.isUUID())),
  anomaly: Schema.optionalKey(Schema.Literals(["unchecked", "checked", "any"])),
})
