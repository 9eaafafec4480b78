import { Currency, IsoDateTime, Money, PositiveMoney, Uuid } from "@fleetcore/contract"
import { Schema } from "effect"

export const CreateFuelEntry = Schema.Struct({
  time: IsoDateTime,
  litres: Schema.Number.check(Schema.isFinite(), Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(2000)),
  amount: Money,
  currency: Currency,
  odometerKm: Schema.Number.check(Schema.isFinite(), Schema.isBetween({ minimum: 0, maximum: 10_000_000 })),
  fuelCardId: Schema.optionalKey(Schema.NullOr(Uuid)),
  note: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isMaxLength(2000)))),
})

export const CreateFuelCard = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200)),
  numberLast4: Schema.optionalKey(Schema.NullOr(Schema.String.check(Schema.isPattern(/^\d{4}$/)))),
  vehicleId: Schema.optionalKey(Schema.NullOr(Uuid)),
  currency: Currency,
  dailyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
  weeklyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
  monthlyLimit: Schema.optionalKey(Schema.NullOr(PositiveMoney)),
})

export const FuelEntryFilter = Schema.Struct({
  vehicleId: Schema.optionalKey(Uuid),
  anomaly: Schema.optionalKey(Schema.Literals(["unchecked", "checked", "any"])),
})
